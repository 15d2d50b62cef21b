package io.callsignal.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Reason;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.Sample;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import io.callsignal.testkit.PipelineDriver;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {

    private static final long MAX_PAYLOAD = 256 * 1024;
    private static final Instant AFTER_THE_SAMPLE = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void sameSeedGivesTheSameRecordsAndAnotherSeedDoesNot() {
        Sample first = SampleGenerator.generate(120, 7, MAX_PAYLOAD);
        Sample again = SampleGenerator.generate(120, 7, MAX_PAYLOAD);
        Sample other = SampleGenerator.generate(120, 8, MAX_PAYLOAD);
        assertEquals(first.records().size(), again.records().size());
        for (int i = 0; i < first.records().size(); i++) {
            assertArrayEquals(first.records().get(i).value(), again.records().get(i).value(), "record " + i);
        }
        assertEquals(first.truth(), again.truth());
        assertFalse(Arrays.equals(first.records().get(0).value(), other.records().get(0).value()));
    }

    @Test
    void aSampleHasEveryReasonAProducerCanCauseAndEveryKindOfRepeat() {
        SortedMap<String, Long> truth = SampleGenerator.generate(300, 1, MAX_PAYLOAD).truth();
        for (Reason reason : Reason.values()) {
            long expected = reason == Reason.PROCESSING_ERROR ? 0 : 3;
            assertEquals(expected, truth.get("quarantine." + reason.name()), reason.name());
        }
        assertTrue(truth.get("streams.conversation.dropped.duplicate") > 0, "conversation repeats");
        assertTrue(truth.get("streams.signal.dropped.duplicate") > 0, "signal repeats");
        assertTrue(truth.get("streams.signal.dropped.stale") > 0, "overtaken evaluations");
        assertTrue(truth.get("streams.deal.dropped.duplicate") > 0, "resent deal changes");
        assertTrue(truth.get("streams.deal.dropped.stale") > 0, "a deal's older state sent late");
        assertEquals(100, truth.get("silver.deal_outcomes"));
        assertEquals(300, truth.get("silver.conversations"));
    }

    @Test
    void theTopologyMakesOfTheSampleWhatTheTruthSays() {
        // TopologyTestDriver commits after every record: a smaller sample keeps this test quick.
        Sample sample = SampleGenerator.generate(100, 3, MAX_PAYLOAD);
        SortedMap<String, Long> truth = sample.truth();
        try (PipelineDriver pipeline = new PipelineDriver(Map.of("MAX_PAYLOAD_BYTES", String.valueOf(MAX_PAYLOAD)),
                AFTER_THE_SAMPLE)) {
            UnitLedger ledger = new UnitLedger();
            Map<String, Long> offsets = new TreeMap<>();
            for (SampleRecord record : sample.records()) {
                Map<String, String> headers = record.platform() == null ? Map.of() : Map.of("source_platform", record.platform());
                String topic = null;
                if (record.destination() == Destination.CONVERSATIONS_RAW) {
                    pipeline.sendConversation(record.value(), headers);
                    topic = pipeline.topics.conversationsRaw.name();
                } else if (record.destination() == Destination.SIGNALS_RAW) {
                    pipeline.sendSignal(record.value());
                    topic = pipeline.topics.signalsRaw.name();
                } else if (record.destination() == Destination.DEALS_RAW) {
                    pipeline.sendDeal(record.value(), headers);
                    topic = pipeline.topics.dealsRaw.name();
                }
                if (topic != null) {
                    ledger.published(record, topic, 0, offsets.merge(topic, 1L, Long::sum) - 1);
                }
            }
            List<TestRecord<String, Conversation>> conversations = pipeline.conversations();
            List<TestRecord<String, Signal>> signals = pipeline.signals();
            List<QuarantineRecord> quarantine = pipeline.quarantined();
            conversations.forEach(record -> ledger.valid(record.value().getSource()));
            signals.forEach(record -> ledger.valid(record.value().getSource()));
            List<TestRecord<String, Deal>> deals = pipeline.deals();
            deals.forEach(record -> ledger.valid(record.value().getSource()));
            quarantine.forEach(ledger::quarantined);
            UnitLedger.Verdict verdict = ledger.verdict();
            assertEquals(new UnitLedger.Verdict(truth.get("streams.conversation.input") + truth.get("streams.signal.input")
                    + truth.get("streams.deal.input"),
                    0, 0, 0, List.of()), verdict, "unit by unit");
            assertEquals(ledger.expectedAccounting(), UnitLedger.folded(pipeline.accounting()));
            SortedMap<String, Long> streams = new TreeMap<>(truth.subMap("streams.", "streams/"));
            assertEquals(streams, pipeline.accounting());
            Map<String, Long> quarantined = quarantine.stream().collect(Collectors.groupingBy(
                    record -> "quarantine." + record.reason().name(), TreeMap::new, Collectors.counting()));
            truth.subMap("quarantine.", "quarantine/").forEach((name, expected) -> {
                if (!name.equals("quarantine." + Reason.UNDECODABLE_EVENT.name())) {
                    assertEquals(expected, quarantined.getOrDefault(name, 0L), name);
                }
            });
            assertEquals(truth.get("silver.conversations"), distinct(conversations, TestRecord::key));
            assertEquals(truth.get("silver.conversation_signals"), distinct(signals, TestRecord::key));
            assertEquals(truth.get("silver.deal_outcomes"), distinct(deals, TestRecord::key));
            assertEquals(0, pipeline.unaccounted());
        }
    }

    private static <T> long distinct(List<T> records, Function<T, String> key) {
        return records.stream().map(key).distinct().count();
    }
}
