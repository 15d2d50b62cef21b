package io.callsignal.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
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
 * flow: rows landed, batches with data, batch duration, when the last batch ended, and how many
 * offsets its Kafka source is behind the topic's end (the lag an alert fires on: a quiet topic lands
 * nothing for a long time too, a stalled sink is the one whose lag grows).
 */
public final class SinkMonitor extends StreamingQueryListener {

    private final MeterRegistry registry;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> lastBatch = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
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
        // Spark's Kafka source reports its lag on every progress event, batches without data included.
        Arrays.stream(progress.sources()).map(source -> source.metrics().get("maxOffsetsBehindLatest"))
                .filter(Objects::nonNull).mapToLong(behind -> Math.round(Double.parseDouble(behind))).max()
                .ifPresent(behind -> gauge(lag, flow, "callsignal.sink.lag",
                        "How many offsets the flow's Kafka source is behind the end of its topic (the partition furthest behind)",
                        "offsets").set(behind));
        if (progress.numInputRows() == 0) {
            return;
        }
        Counter.builder("callsignal.sink.rows").description("Kafka records a flow has landed").tag("flow", flow)
                .register(registry).increment(progress.numInputRows());
        Timer.builder("callsignal.sink.batch").description("Micro-batches with data, and how long they took")
                .tag("flow", flow).register(registry).record(progress.batchDuration(), TimeUnit.MILLISECONDS);
        gauge(lastBatch, flow, "callsignal.sink.last.batch", "When the flow last landed a batch with data (epoch seconds)",
                "seconds").set(Instant.parse(progress.timestamp()).plusMillis(progress.batchDuration()).getEpochSecond());
    }

    /** The flow's value behind a gauge, registered on first use. */
    private AtomicLong gauge(Map<String, AtomicLong> values, String flow, String name, String description, String unit) {
        return values.computeIfAbsent(flow, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("flow", key).baseUnit(unit)
                    .register(registry);
            return value;
        });
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        running.remove(event.id());
        if (event.exception().isDefined()) {
            failed = true;
        }
    }
}
