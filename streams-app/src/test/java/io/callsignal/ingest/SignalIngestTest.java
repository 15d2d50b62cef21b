package io.callsignal.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Signal;
import io.callsignal.testkit.PipelineDriver;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signals, single or in batches, become typed signals keyed by signal_id, values in canonical text. */
class SignalIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineDriver pipeline = new PipelineDriver();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void aBatchBecomesOneSignalPerElement() throws Exception {
        pipeline.sendSignal(PipelineDriver.payload("signal-batch.json"));

        List<TestRecord<String, Signal>> out = pipeline.signals();
        assertEquals(List.of("overall_score", "next_steps_agreed", "deal_stage", "competitor_mentions", "pricing_objection"),
                out.stream().map(r -> r.value().getSignalName()).toList());
        assertEquals(List.of("0.82", "true", "discovery", "2", "Per-seat cost too high"),
                out.stream().map(r -> r.value().getSignalValue()).toList());
        Signal first = out.get(0).value();
        assertEquals("7782342274025937895", first.getCallId());
        assertEquals("scorer-2026.02", first.getScoringVersion());
        assertEquals(Instant.parse("2026-02-18T19:05:00Z"), first.getEvaluatedAt());
        assertEquals(0.91, first.getConfidence());
        assertEquals(0, first.getSource().getIndex());
        assertEquals(4, out.get(4).value().getSource().getIndex());
        assertEquals(JSON.readTree("{\"_envelope\":{\"model\":\"call-eval-large\"}}"), JSON.readTree(first.getRescuedData()));
        assertEquals(JSON.readTree("{\"evidence_ms\":[65000],\"_envelope\":{\"model\":\"call-eval-large\"}}"),
                JSON.readTree(out.get(4).value().getRescuedData()));
        out.forEach(record -> assertEquals(record.value().getSignalId(), record.key(), "keyed by signal_id"));
    }

    @Test
    void aSignalWithoutIdGetsTheDocumentedDerivedId() {
        pipeline.sendSignal(PipelineDriver.payload("signal-batch.json"));

        List<TestRecord<String, Signal>> out = pipeline.signals();
        // uuid3-style MD5 name UUID of "7782342274025937895\0overall_score\0scorer-2026.02", computed outside Java.
        assertEquals("6e559926-7cb1-32ee-9d0d-c63b8077ec29", out.get(0).value().getSignalId());
        assertEquals("sig-explicit-42", out.get(4).value().getSignalId(), "an id the producer sent is kept");
    }

    @Test
    void aCanonicalSignalIsReadByFieldName() {
        pipeline.sendSignal("""
                {"signal_id":"s-9","call_id":"c-9","signal_name":"talk_ratio","signal_value":"0.450",
                 "signal_type":"SCORE","scoring_version":"v7","evaluated_at":1771500000000}""");

        Signal signal = pipeline.signals().get(0).value();
        assertEquals("s-9", signal.getSignalId());
        assertEquals("0.45", signal.getSignalValue(), "0.450 and 0.45 are one score");
        assertEquals("score", signal.getSignalType());
        assertNull(signal.getConfidence());
        assertNull(signal.getSource().getIndex());
    }

    @Test
    void badElementsOfABatchAreQuarantinedOnTheirOwnAndTheRestPass() {
        pipeline.sendSignal("""
                {"call_id":"c-1","scoring_version":"v1","evaluated_at":"2026-02-18T19:05:00Z","signals":[
                  {"signal_name":"overall_score","signal_value":0.5,"signal_type":"score"},
                  {"signal_name":"talk_ratio","signal_value":"lots","signal_type":"score"},
                  {"signal_name":"budget_known","signal_value":true,"signal_type":"boolean","confidence":1.2}
                ]}""");

        assertEquals(List.of("overall_score"), pipeline.signals().stream().map(r -> r.value().getSignalName()).toList());
        List<QuarantineRecord> rejected = pipeline.quarantined();
        assertEquals(List.of(Reason.VALUE_TYPE_MISMATCH, Reason.CONFIDENCE_OUT_OF_RANGE),
                rejected.stream().map(QuarantineRecord::reason).toList());
        assertEquals(List.of(1, 2), rejected.stream().map(QuarantineRecord::index).toList());
        assertEquals("signal", rejected.get(0).entity());
        assertTrue(rejected.get(0).payload().contains("talk_ratio"), "the first rejected element carries the batch");
        assertNull(rejected.get(1).originalPayload(), "the batch is stored once");
        assertEquals(rejected.get(0).coordinates(), rejected.get(1).payloadIn());
        assertEquals(0, pipeline.unaccounted());
    }
}
