package io.callsignal.metrics;

import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every unit that enters goes, as Prometheus counters for rates and alerts. Units are the
 * events a raw record carries (one, or each element of a batch); on a quiet run, once idle, for each
 * entity {@code callsignal_input_total = callsignal_valid_total + callsignal_dropped_total +
 * callsignal_quarantined_total}. They live in memory: a restarted process counts from zero, and work
 * an aborted transaction redoes is counted again. {@link Accounting} keeps the exact counts.
 */
public final class PipelineMetrics {

    /** Why a unit was dropped without quarantine. */
    public enum Drop {
        /** Same content as an event already passed on. */
        DUPLICATE,
        /** A signal evaluation older than one already passed on. */
        STALE,
        /** A batch with no elements. */
        EMPTY
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Long> handled = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void input(Entity entity, int units) {
        counter("callsignal.input", "Units read from a raw topic", entity.label()).increment(units);
    }

    public void valid(Entity entity) {
        counter("callsignal.valid", "Events written to a valid topic", entity.label()).increment();
    }

    public void rescued(Entity entity) {
        counter("callsignal.rescued", "Valid events carrying rescued_data", entity.label()).increment();
    }

    public void dropped(Entity entity, Drop drop) {
        counters.computeIfAbsent(new Key("callsignal.dropped", entity.label(), drop.name()),
                key -> Counter.builder(key.name()).description("Units dropped as duplicate, stale or empty")
                        .tag("entity", key.entity()).tag("kind", drop.name().toLowerCase(Locale.ROOT))
                        .register(registry)).increment();
    }

    public void quarantined(String entity, Reason reason) {
        counters.computeIfAbsent(new Key("callsignal.quarantined", entity, reason.name()),
                key -> Counter.builder(key.name()).description("Units written to the quarantine topic")
                        .tag("entity", key.entity()).tag("reason", reason.name())
                        .register(registry)).increment();
    }

    /**
     * A unit an exception handler quarantined (see {@link Accounting#totals}); {@code asInput}: it
     * failed before ingest counted it.
     */
    public void handled(Entity entity, Reason reason, boolean asInput) {
        String prefix = "streams." + entity.label() + ".";
        if (asInput) {
            input(entity, 1);
            handled.merge(prefix + "input", 1L, Long::sum);
        }
        quarantined(entity.label(), reason);
        handled.merge(prefix + "quarantined", 1L, Long::sum);
    }

    /** The units the exception handlers quarantined in this process, by accounting name. */
    SortedMap<String, Long> handled() {
        return new TreeMap<>(handled);
    }

    /** Sum of a counter over all its tags but entity. */
    public double total(String name, Entity entity) {
        return registry.find(name).tag("entity", entity.label()).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter counter(String name, String description, String entity) {
        return counters.computeIfAbsent(new Key(name, entity, null),
                key -> Counter.builder(name).description(description).tag("entity", entity).register(registry));
    }

    /** A counter's name and tags: found in a map on every unit, not built and registered again (a profile hot spot). */
    private record Key(String name, String entity, String kind) {
    }
}
