package io.callsignal.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQueryListener.QueryStartedEvent;
import org.apache.spark.sql.streaming.StreamingQueryListener.QueryTerminatedEvent;
import org.junit.jupiter.api.Test;
import scala.Option;

class SinkMonitorTest {

    private final SinkMonitor monitor = new SinkMonitor(new SimpleMeterRegistry());
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
}
