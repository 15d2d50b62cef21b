package io.callsignal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.SinkProgress;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener.QueryProgressEvent;
import org.apache.spark.sql.streaming.StreamingQueryListener.QueryStartedEvent;
import org.apache.spark.sql.streaming.StreamingQueryListener.QueryTerminatedEvent;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import scala.Option;

class SinkMonitorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SinkMonitor monitor = new SinkMonitor(registry);
    private final UUID flow = UUID.randomUUID();

    @Test
    void aFailedFlowMakesTheSinkUnhealthyAndNotReady() {
        monitor.onQueryStarted(new QueryStartedEvent(flow, UUID.randomUUID(), "silver.conversations", "2026-11-26T00:00:00Z"));
        assertTrue(monitor.ready());

        monitor.onQueryTerminated(new QueryTerminatedEvent(flow, UUID.randomUUID(), Option.apply("boom"), Option.empty()));

        assertFalse(monitor.healthy());
        assertFalse(monitor.ready());
    }

    @Test
    void aStoppedFlowIsNotReadyButHealthy() {
        monitor.onQueryStarted(new QueryStartedEvent(flow, UUID.randomUUID(), "silver.conversations", "2026-11-26T00:00:00Z"));

        monitor.onQueryTerminated(new QueryTerminatedEvent(flow, UUID.randomUUID(), Option.empty(), Option.empty()));

        assertTrue(monitor.healthy());
        assertFalse(monitor.ready());
    }

    @Test
    void theLagIsTheKafkaSourcesOffsetsBehindEvenWhenABatchBringsNoRows() {
        monitor.onQueryProgress(progress("silver.conversation_signals", 0, Map.of("maxOffsetsBehindLatest", "42",
                "minOffsetsBehindLatest", "0", "avgOffsetsBehindLatest", "14.0")));
        assertEquals(42, lag("silver.conversation_signals"));

        monitor.onQueryProgress(progress("silver.conversation_signals", 42, Map.of("maxOffsetsBehindLatest", "0")));
        assertEquals(0, lag("silver.conversation_signals"));
    }

    private double lag(String flow) {
        return registry.get("callsignal.sink.lag").tag("flow", flow).gauge().value();
    }

    private static QueryProgressEvent progress(String flow, long rows, Map<String, String> sourceMetrics) {
        SourceProgress source = new SourceProgress("KafkaV2[Subscribe[signals.valid]]", "{}", "{}", "{}", rows, 0, 0,
                sourceMetrics);
        return new QueryProgressEvent(new StreamingQueryProgress(UUID.randomUUID(), UUID.randomUUID(), flow,
                "2026-11-26T00:00:00.000Z", 1, 10, Map.of(), Map.of(), new StateOperatorProgress[0],
                new SourceProgress[] {source}, new SinkProgress("ForeachBatchSink"), Map.of()));
    }
}
