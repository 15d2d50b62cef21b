package io.callsignal.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much a run measures. The default run is what docs/performance.md reports; quick keeps every
 * measure at smaller sizes (under 8 minutes on 2 cores); full adds silver at 10M rows; smoke only
 * shows that the measures can be taken (what the tests run), its figures mean nothing: one silver
 * size (no growth ratios), and no timed sink run (the sink's own tests run it many times).
 */
enum BenchScale {
    SMOKE(150, 1, Duration.ofSeconds(1), Duration.ofSeconds(2), 100, Duration.ofSeconds(5), 2_000, List.of(1_000L), 1, 0),
    QUICK(4_000, 1, Duration.ofSeconds(4), Duration.ofSeconds(6), 2_000, Duration.ofMinutes(1), 50_000, List.of(20_000L, 200_000L), 1, 40),
    DEFAULT(20_000, 2, Duration.ofSeconds(15), Duration.ofSeconds(30), 10_000, Duration.ofMinutes(1), 1_000_000, List.of(100_000L, 1_000_000L), 3, 200),
    FULL(20_000, 2, Duration.ofSeconds(15), Duration.ofSeconds(30), 10_000, Duration.ofMinutes(1), 1_000_000, List.of(100_000L, 1_000_000L, 10_000_000L), 3, 200);

    /** Calls of the sample for throughput and the sink run. */
    final int calls;
    /** Alternating throughput rounds of each app; the best counts. */
    final int rounds;
    /** How long each rate is offered before its latency is measured. */
    final Duration latencyRamp;
    /** How long each rate's latency is measured. */
    final Duration latencyPhase;
    /** Signal batches per wave of the dedup churn. */
    final int churnBatches;
    /** The dedup retention of the churn, which is also the time between its waves. */
    final Duration churnRetention;
    /** Signal events for raw-to-silver. */
    final long rawToSilverSignals;
    /** Silver sizes at which a 1,000-event batch and a gold refresh are timed. */
    final List<Long> silverSizes;
    final int repeats;
    /**
     * Batches the raw signals are read into bronze again in, for the file count a steady trigger
     * leaves; none in the smoke run (its two extra lakes cost CI over a minute).
     */
    final int bronzeBatches;

    BenchScale(int calls, int rounds, Duration latencyRamp, Duration latencyPhase, int churnBatches,
            Duration churnRetention, long rawToSilverSignals, List<Long> silverSizes, int repeats, int bronzeBatches) {
        this.calls = calls;
        this.rounds = rounds;
        this.latencyRamp = latencyRamp;
        this.latencyPhase = latencyPhase;
        this.churnBatches = churnBatches;
        this.churnRetention = churnRetention;
        this.rawToSilverSignals = rawToSilverSignals;
        this.silverSizes = silverSizes;
        this.repeats = repeats;
        this.bronzeBatches = bronzeBatches;
    }
}
