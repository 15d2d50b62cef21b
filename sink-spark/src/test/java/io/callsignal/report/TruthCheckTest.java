package io.callsignal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.report.TruthCheck.Mismatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TruthCheckTest {

    private static final TreeMap<String, Long> EXPECTED = new TreeMap<>(Map.of(
            "silver.conversations", 300L, "quarantine.MALFORMED_JSON", 3L, "quarantine.INVALID_DURATION", 0L));

    @Test
    void equalCountsMatch() {
        TruthCheck.Result check = TruthCheck.compare(EXPECTED, Map.of("silver.conversations", 300L,
                "quarantine.MALFORMED_JSON", 3L, "bronze.signals_raw", 999L));
        assertEquals(List.of(), check.mismatches());
        assertEquals(3, check.checked(), "the expected counts; bronze.signals_raw is not in the truth");
    }

    @Test
    void aDifferentOrMissingCountIsAMismatch() {
        assertEquals(List.of(new Mismatch("quarantine.MALFORMED_JSON", 3, 0), new Mismatch("silver.conversations", 300, 298)),
                TruthCheck.compare(EXPECTED, Map.of("silver.conversations", 298L)).mismatches());
    }

    @Test
    void anUnexpectedQuarantineReasonOrStreamsCounterIsAMismatch() {
        assertEquals(List.of(new Mismatch("quarantine.PROCESSING_ERROR", 0, 2), new Mismatch("streams.signal.dropped.empty", 0, 1)),
                TruthCheck.compare(EXPECTED, Map.of("silver.conversations", 300L, "quarantine.MALFORMED_JSON", 3L,
                        "quarantine.PROCESSING_ERROR", 2L, "streams.signal.dropped.empty", 1L)).mismatches());
    }
}
