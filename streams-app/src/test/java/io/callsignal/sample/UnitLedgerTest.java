package io.callsignal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.rejection.Reason;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.Fate;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.sample.SampleGenerator.UnitOutcome;
import io.callsignal.schema.SourceRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way the output can differ from the truth is counted once, as what it is. */
class UnitLedgerTest {

    private static final String RAW = "signals.raw";

    @Test
    void anExactOutputHasNoDifference() {
        UnitLedger ledger = ledger();
        ledger.valid(source(0, 0));
        ledger.valid(source(0, 2));

        assertEquals(new UnitLedger.Verdict(3, 0, 0, 0, List.of()), ledger.verdict());
    }

    @Test
    void lostDuplicatedAndMisroutedUnitsAreEachCounted() {
        UnitLedger ledger = ledger();
        ledger.valid(source(0, 1));
        ledger.valid(source(0, 2));
        ledger.valid(source(0, 2));
        ledger.valid(source(9, null));

        UnitLedger.Verdict verdict = ledger.verdict();

        assertEquals(1, verdict.lost(), "unit #0 never came out");
        assertEquals(2, verdict.duplicated(), "#1 was a repeat to drop; #2 came out twice");
        assertEquals(1, verdict.misrouted(), "offset 9 was never published");
        assertEquals(4, verdict.examples().size(), verdict.examples().toString());
    }

    @Test
    void aUnitQuarantinedForAnotherReasonIsMisrouted() {
        UnitLedger ledger = new UnitLedger();
        ledger.published(new SampleRecord(Destination.SIGNALS_RAW, "c-1", new byte[0], null,
                List.of(new UnitOutcome(null, Fate.QUARANTINED, Reason.MISSING_FIELD))), RAW, 1, 5);
        ledger.valid(new SourceRecord(RAW, 1, 5L, Instant.EPOCH, null));

        assertEquals(1, ledger.verdict().misrouted());
    }

    /** One signal batch at offset 0: a unit to pass, a repeat to drop, another to pass. */
    private static UnitLedger ledger() {
        UnitLedger ledger = new UnitLedger();
        ledger.published(new SampleRecord(Destination.SIGNALS_RAW, "c-1", new byte[0], null, List.of(
                new UnitOutcome(0, Fate.VALID, null), new UnitOutcome(1, Fate.DROPPED, null),
                new UnitOutcome(2, Fate.VALID, null))), RAW, 0, 0);
        return ledger;
    }

    private static SourceRecord source(long offset, Integer index) {
        return new SourceRecord(RAW, 0, offset, Instant.EPOCH, index);
    }
}
