package io.callsignal.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The sink's health and metrics, from Spark's events about its flows: ready while flows run and
 * none has failed; unhealthy once one has failed (the run then stops, and the process exits). Per
 * flow: rows landed, batches with data, batch duration, and when the last batch ended, so an alert
 * can fire when the lake falls behind.
 */
public final class SinkMonitor extends StreamingQueryListener {

    private final MeterRegistry registry;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> lastBatch = new ConcurrentHashMap<>();
    private volatile boolean failed;

    public SinkMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    public boolean healthy() {
        return !failed;
    }

    public boolean ready() {
        return !failed && !running.isEmpty();
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        running.add(event.id());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        String flow = progress.name();
        if (progress.numInputRows() == 0) {
            return;
        }
        Counter.builder("callsignal.sink.rows").description("Kafka records a flow has landed").tag("flow", flow)
                .register(registry).increment(progress.numInputRows());
        Timer.builder("callsignal.sink.batch").description("Micro-batches with data, and how long they took")
                .tag("flow", flow).register(registry).record(progress.batchDuration(), TimeUnit.MILLISECONDS);
        lastBatch.computeIfAbsent(flow, name -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("callsignal.sink.last.batch", seconds, AtomicLong::get)
                    .description("When the flow last landed a batch with data (epoch seconds)").tag("flow", name)
                    .baseUnit("seconds").register(registry);
            return seconds;
        }).set(Instant.parse(progress.timestamp()).plusMillis(progress.batchDuration()).getEpochSecond());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        running.remove(event.id());
        if (event.exception().isDefined()) {
            failed = true;
        }
    }
}
