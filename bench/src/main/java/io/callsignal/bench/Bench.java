package io.callsignal.bench;

import io.callsignal.bench.process.Apps;
import io.callsignal.bench.process.ChildJvm;
import io.callsignal.bench.report.JfrProfile;
import io.callsignal.bench.report.Measure;
import io.callsignal.bench.report.Measures;
import io.callsignal.bench.report.PerformanceDoc;
import io.callsignal.bench.streams.BenchPipeline;
import io.callsignal.bench.streams.StreamsBench;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.sample.SampleGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bin/callsignal bench}: every measure in one run, on one broker and the same data, so that
 * ratios hold on a noisy machine. The launcher starts the broker; this runs the phases, each app
 * in its own JVM, and reports a table, JSON and docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the pipeline's speed, latency and memory against a pass-through Kafka Streams app"
                + " and a Spark-only pipeline, in one run on its own broker and lake (docs/performance.md).")
public final class Bench implements Callable<Integer> {

    @Option(names = "--quick", description = "Smaller sizes, every measure, under 8 minutes on 2 cores.")
    boolean quick;

    @Option(names = "--full", description = "Also a batch into silver of 10M rows.")
    boolean full;

    @Option(names = "--smoke", description = "Tiny sizes: checks that every measure can be taken; its figures mean nothing.")
    boolean smoke;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the measures as JSON here.")
    Path json;

    @Option(names = "--docs", paramLabel = "FILE",
            description = "Write the report here (default: docs/performance.md, except with --quick and --smoke).")
    Path docs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The phases of a run, in order. */
    enum Phase { THROUGHPUT, LATENCY, CHURN, RAW_TO_SILVER, SINK, LAKE }

    @Option(names = "--phases", split = ",", paramLabel = "PHASE",
            description = "Only these phases (default: all): ${COMPLETION-CANDIDATES}. The sink and lake phases read"
                    + " the topics the throughput and raw_to_silver phases fill; derived ratios and the report need all.")
    List<Phase> phases = List.of(Phase.values());

    @Option(names = "--dir", required = true, description = "Working directory of the run (wiped by the launcher).")
    Path dir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if ((quick ? 1 : 0) + (full ? 1 : 0) + (smoke ? 1 : 0) > 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--quick, --full and --smoke exclude each other");
        }
        BenchScale scale = quick ? BenchScale.QUICK : full ? BenchScale.FULL : smoke ? BenchScale.SMOKE : BenchScale.DEFAULT;
        Path root = Path.of(System.getProperty("callsignal.root", ".")).toAbsolutePath().normalize();
        if (docs == null && (scale == BenchScale.DEFAULT || scale == BenchScale.FULL)) {
            docs = root.resolve("docs/performance.md");
        }
        Instant started = Instant.now();
        Map<String, String> env = new HashMap<>(System.getenv());
        Config config = Config.of(env, Optional.empty());
        Apps apps = new Apps(root, dir.resolve("logs"));
        Measures measures = new Measures();
        Path jfr = dir.resolve("streams-throughput.jfr");
        say("start", "scale " + scale.name().toLowerCase() + ", broker " + config.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS)
                + ", logs in " + dir.resolve("logs"));
        boolean all = phases.containsAll(List.of(Phase.values()));
        try (StreamsBench streams = new StreamsBench(apps, env, dir)) {
            BenchPipeline throughput = streams.pipeline("bench.tp");
            BenchPipeline rawToSilver = streams.pipeline("bench.e2e");
            if (phases.contains(Phase.THROUGHPUT)) {
                say("1/6", "streams throughput: a " + scale.calls + "-call sample through a pass-through app, then callsignal");
                var sample = SampleGenerator.generate(scale.calls, seed, config.get(StreamsSettings.MAX_PAYLOAD_BYTES));
                measures.addAll(streams.throughput(throughput, sample, scale.rounds, jfr));
            }
            if (phases.contains(Phase.LATENCY)) {
                say("2/6", "latency at fixed offered rates (" + scale.latencyRamp.toSeconds() + " s ramp, then "
                        + scale.latencyPhase.toSeconds() + " s measured, each)");
                measures.addAll(streams.latency(streams.pipeline("bench.lat"),
                        measures.get("streams_callsignal_events_per_s").map(Measure::value).orElse(0.0),
                        scale.latencyRamp, scale.latencyPhase, seed + 1_000));
            }
            if (phases.contains(Phase.CHURN)) {
                say("3/6", "dedup store on disk as keys churn");
                measures.addAll(streams.dedupChurn(streams.pipeline("bench.churn"), scale.churnBatches,
                        scale.churnRetention, 5, seed + 2_000));
            }
            if (phases.contains(Phase.RAW_TO_SILVER)) {
                say("4/6", "raw to silver, " + scale.rawToSilverSignals + " signals: the streams app's half");
                measures.addAll(streams.rawToValid(rawToSilver, scale.rawToSilverSignals, seed + 3_000));
            }
            if (phases.contains(Phase.SINK) && scale != BenchScale.SMOKE) {
                say("5/6", "the sink as users run it, over the throughput sample");
                measures.addAll(sink(apps, throughput));
            }
            if (phases.contains(Phase.LAKE)) {
                say("6/6", "the lake: Kafka to bronze and its files, raw to silver against Spark alone, a 1,000-event batch"
                        + " as silver grows");
                measures.addAll(lake(apps, env, throughput, rawToSilver, scale));
            }
            measures.add(Measure.of("streams_peak_rss_mib", streams.streamsPeakRssMib(), "MiB")
                    .relativeTo("passthrough_peak_rss_mib").note("highest of the streams app's runs; JVM "
                            + Apps.STREAMS_JVM));
        }
        if (all) {
            derive(measures, scale);
        } else {
            docs = null;
        }
        measures.add(Measure.of("bench_run_s", Duration.between(started, Instant.now()).toSeconds(), "s"));

        System.out.print(measures.table());
        if (json != null) {
            measures.writeJson(json);
        }
        if (docs != null) {
            List<JfrProfile.Entry> profile = Files.exists(jfr) ? JfrProfile.read(jfr, 12, "io.callsignal.") : List.of();
            PerformanceDoc.write(docs, measures, Machine.current().toString(), scale.name().toLowerCase(), started,
                    profile);
            say("done", "report written to " + docs);
        }
        return 0;
    }

    private List<Measure> sink(Apps apps, BenchPipeline pipeline) throws Exception {
        Map<String, String> env = pipeline.env(Map.of(CommonSettings.LAKE_ROOT.env(), dir.resolve("lake-sink").toString(),
                "SINK_HTTP_PORT", "0"));
        long start = System.nanoTime();
        try (ChildJvm sink = apps.sink("sink", env)) {
            int exit = sink.await(Duration.ofMinutes(30));
            if (exit != 0) {
                throw new IllegalStateException("the sink exited with " + exit + "; see " + sink.log());
            }
            return List.of(
                    Measure.of("sink_run_s", (System.nanoTime() - start) / 1e9, "s")
                            .note("`sink` over the throughput sample: JVM start, bronze, silver, quarantine, gold"),
                    Measure.of("sink_peak_rss_mib", sink.peakRssMib(), "MiB").note("JVM " + Apps.SINK_JVM));
        }
    }

    private List<Measure> lake(Apps apps, Map<String, String> env, BenchPipeline throughput, BenchPipeline rawToSilver,
            BenchScale scale) throws Exception {
        Path results = dir.resolve("lake-bench.json");
        List<String> args = new ArrayList<>(List.of("--dir", dir.resolve("lakes").toString(), "--json", results.toString(),
                "--bronze-topics", String.join(",", throughput.rawTopics()),
                "--valid-signals", rawToSilver.signalsValid(), "--raw-signals", rawToSilver.signalsRaw(),
                "--bronze-batches", String.valueOf(scale.bronzeBatches), "--repeats", String.valueOf(scale.repeats),
                "--silver-sizes"));
        args.add(String.join(",", scale.silverSizes.stream().map(String::valueOf).toList()));
        try (ChildJvm lake = apps.lakeBench(args, env)) {
            int exit = lake.await(Duration.ofMinutes(90));
            if (exit != 0) {
                throw new IllegalStateException("the lake benchmark exited with " + exit + "; see " + lake.log());
            }
        }
        return Measures.readJson(results);
    }

    /** The headline ratios, from the measures they compare. */
    private static void derive(Measures measures, BenchScale scale) {
        double ours = measures.value("raw_to_valid_streams_s") + measures.value("raw_to_silver_sink_s");
        measures.add(Measure.of("raw_to_silver_callsignal_s", ours, "s")
                .note("the streams app's half plus the sink's, as a deployment runs them one after the other"));
        measures.add(Measure.of("spark_only_vs_callsignal_ratio", measures.value("raw_to_silver_spark_only_s") / ours, "x")
                .goal(Measure.Goal.atLeast(1.5)).note("the Spark-only pipeline's time / callsignal's, raw to silver"));
        List<Long> sizes = scale.silverSizes;
        if (sizes.size() < 2) {
            return;
        }
        String larger = Measures.size(sizes.get(sizes.size() - 1));
        String smaller = Measures.size(sizes.get(sizes.size() - 2));
        String between = "from " + smaller + " to " + larger + " silver rows (the goal is for 1m to 10m)";
        measures.add(Measure.of("silver_batch_growth_ratio", measures.value("silver_batch_ms_at_" + larger)
                / measures.value("silver_batch_ms_at_" + smaller), "x").goal(Measure.Goal.atMost(2)).note(between));
        measures.add(Measure.of("gold_refresh_growth_ratio", measures.value("gold_refresh_ms_at_" + larger)
                / measures.value("gold_refresh_ms_at_" + smaller), "x").goal(Measure.Goal.atMost(1.2))
                .note(between + "; the goal is flat"));
    }

    private static void say(String step, String what) {
        System.err.println("bench " + step + ": " + what);
    }
}
