package io.callsignal.metrics;

import io.callsignal.metrics.PipelineMetrics.Drop;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Where every unit went, counted exactly once: in a changelogged state store that each processor
 * writes in the same transaction as its outputs, so a count survives a SIGKILL or a rebalance
 * exactly as far as the outputs it describes, and an aborted transaction's counts go with it. The
 * names are those of the lake report (docs/demo.md): {@code streams.<entity>.input}, {@code .valid},
 * {@code .dropped.<kind>}, {@code .quarantined}. The Prometheus counters of {@link PipelineMetrics}
 * count the same for rates, in memory, from zero in each process.
 */
public final class Accounting {

    public static final String STORE = "accounting";

    private final KeyValueStore<String, Long> counts;
    private final PipelineMetrics metrics;

    private Accounting(KeyValueStore<String, Long> counts, PipelineMetrics metrics) {
        this.counts = counts;
        this.metrics = metrics;
    }

    /**
     * In memory, restored from its changelog; the record cache writes each count once per commit.
     * Ingest writes it while reading a raw record, so its changelog records would carry that
     * record's timestamp, the producer's: a broker refuses one far ahead of its clock
     * (message.timestamp.after.max.ms) and the app would stop. The broker stamps them instead.
     */
    public static StoreBuilder<KeyValueStore<String, Long>> store() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }

    /** The accounting of a processor's task, which must be connected to {@link #STORE}. */
    public static Accounting of(ProcessingContext context, PipelineMetrics metrics) {
        return new Accounting(context.getStateStore(STORE), metrics);
    }

    public void input(Entity entity, int units) {
        metrics.input(entity, units);
        add(entity, "input", units);
    }

    public void valid(Entity entity) {
        metrics.valid(entity);
        add(entity, "valid", 1);
    }

    public void dropped(Entity entity, Drop drop) {
        metrics.dropped(entity, drop);
        add(entity, "dropped." + drop.name().toLowerCase(Locale.ROOT), 1);
    }

    public void quarantined(Entity entity, Reason reason) {
        metrics.quarantined(entity.label(), reason);
        add(entity, "quarantined", 1);
    }

    private void add(Entity entity, String outcome, long units) {
        String name = "streams." + entity.label() + "." + outcome;
        Long before = counts.get(name);
        counts.put(name, (before == null ? 0 : before) + units);
    }

    /**
     * The counts of every task this instance runs (all of them, when it is the only one), with the
     * units the exception handlers quarantined, which no store can hold (counted in memory).
     */
    public static SortedMap<String, Long> totals(KafkaStreams streams, PipelineMetrics metrics) {
        return totals(streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore())),
                metrics);
    }

    /** As above, from the store as a test driver shows it. */
    public static SortedMap<String, Long> totals(ReadOnlyKeyValueStore<String, Long> store, PipelineMetrics metrics) {
        SortedMap<String, Long> totals = new TreeMap<>();
        for (Entity entity : Entity.values()) {
            for (String outcome : new String[] {"input", "valid", "quarantined"}) {
                totals.put("streams." + entity.label() + "." + outcome, 0L);
            }
        }
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining((KeyValue<String, Long> count) -> totals.merge(count.key, count.value, Long::sum));
        }
        metrics.handled().forEach((name, count) -> totals.merge(name, count, Long::sum));
        return totals;
    }
}
