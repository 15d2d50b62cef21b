package io.callsignal.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Signal;
import io.callsignal.testkit.PipelineDriver;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signals by signal_id: the newest evaluation wins; the same evaluation twice must agree. */
class SignalDedupTest {

    private final PipelineDriver pipeline = new PipelineDriver();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private static String signal(String evaluatedAt, Object value, String version) {
        return "{\"call_id\":\"c-1\",\"signal_name\":\"overall_score\",\"signal_type\":\"score\",\"signal_value\":" + value
                + ",\"confidence\":0.9,\"scoring_version\":\"" + version + "\",\"evaluated_at\":\"" + evaluatedAt + "\"}";
    }

    @Test
    void step1AnIdenticalRepeatIsDropped() {
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", 0.7, "v1"));
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", "0.70", "v1"));

        assertEquals(1, pipeline.signals().size());
        assertEquals(1.0, dropped(PipelineMetrics.Drop.DUPLICATE));
    }

    @Test
    void step2TheSameEvaluationWithOtherContentIsAConflict() throws Exception {
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", 0.7, "v1"));
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", 0.4, "v1"));

        assertEquals(1, pipeline.signals().size());
        List<QuarantineRecord> rejected = pipeline.quarantined();
        assertEquals(1, rejected.size());
        QuarantineRecord conflict = rejected.get(0);
        assertEquals(Reason.CONFLICTING_DUPLICATE, conflict.reason());
        assertEquals("signals.raw", conflict.sourceTopic());
        assertEquals(1L, conflict.sourceOffset(), "the coordinates of the second, conflicting record");
        var payload = new ObjectMapper().readTree(conflict.payload());
        assertEquals("0.4", payload.get("signal_value").asText());
        assertEquals("overall_score", payload.get("signal_name").asText());
        assertEquals(0, pipeline.unaccounted());
    }

    @Test
    void step3ANewerEvaluationPassesAndAnOlderOneIsStale() {
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", 0.7, "v1"));
        pipeline.sendSignal(signal("2026-02-02T10:00:00Z", 0.8, "v1"));
        pipeline.sendSignal(signal("2026-01-31T10:00:00Z", 0.1, "v1"));

        List<TestRecord<String, Signal>> out = pipeline.signals();
        assertEquals(List.of("0.7", "0.8"), out.stream().map(r -> r.value().getSignalValue()).toList());
        assertEquals(out.get(0).key(), out.get(1).key(), "one signal_id, re-evaluated");
        assertEquals(1.0, dropped(PipelineMetrics.Drop.STALE));
        assertEquals(0, pipeline.unaccounted());
    }

    @Test
    void step4ANewScoringVersionIsANewSignal() {
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", 0.7, "v1"));
        pipeline.sendSignal(signal("2026-02-01T10:00:00Z", 0.6, "v2"));

        List<TestRecord<String, Signal>> out = pipeline.signals();
        assertEquals(2, out.size());
        assertEquals(List.of("v1", "v2"), out.stream().map(r -> r.value().getScoringVersion()).toList());
        assertEquals(2, out.stream().map(TestRecord::key).distinct().count());
    }

    private double dropped(PipelineMetrics.Drop kind) {
        return pipeline.metrics.registry().find("callsignal.dropped").tag("entity", Entity.SIGNAL.label())
                .tag("kind", kind.name().toLowerCase()).counter().count();
    }
}
