package io.callsignal.bench.streams;

import io.callsignal.app.IdleWatcher;
import io.callsignal.bench.process.Apps;
import io.callsignal.bench.process.ChildJvm;
import io.callsignal.bench.report.Measure;
import io.callsignal.bench.report.Measures;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.Sample;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.sample.SamplePublisher;
import io.callsignal.topics.TopicProvisioner;
import io.callsignal.topics.Topics;
import io.callsignal.topology.CallsignalTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The streams side of a benchmark run, each phase on its own topics and with its own apps as child
 * processes: throughput against the pass-through app, latency at fixed offered rates, the dedup
 * store's size as keys churn, and the streams app's half of raw-to-silver.
 */
public final class StreamsBench implements AutoCloseable {

    /** Offered rates every run tries (events per second), beside shares of the measured capacity. */
    static final List<Integer> FIXED_RATES = List.of(2_000, 10_000, 20_000);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(20);
    /** A phase whose backlog exceeds this many seconds of its rate is stopped: the app is not keeping up. */
    private static final int ABORT_BACKLOG_SECONDS = 5;
    /** After a phase, a sustaining app has committed everything within this. */
    private static final Duration SUSTAINED_CATCH_UP = Duration.ofSeconds(5);
    /** The shortest retention a window store expires by: its segments are at least a minute long. */
    /** The shortest ramp of the first rate, which a freshly started app meets cold. */
    private static final Duration COLD_START = Duration.ofSeconds(15);

    private final Apps apps;
    private final Map<String, String> baseEnv;
    private final Path dir;
    private final Config baseConfig;
    private final Admin admin;
    private double streamsPeakRssMib;

    public StreamsBench(Apps apps, Map<String, String> baseEnv, Path dir) {
        this.apps = apps;
        this.baseEnv = Map.copyOf(baseEnv);
        this.dir = dir;
        this.baseConfig = Config.of(baseEnv, Optional.empty());
        this.admin = Admin.create(new HashMap<>(baseConfig.kafkaClient()));
    }

    public BenchPipeline pipeline(String prefix) throws Exception {
        return withTopics(new BenchPipeline(prefix, dir.resolve(prefix + "-state"), baseEnv));
    }

    private BenchPipeline withTopics(BenchPipeline pipeline) throws Exception {
        new TopicProvisioner(admin).ensure(pipeline.topics(), baseConfig.get(CommonSettings.TOPIC_PARTITIONS),
                baseConfig.get(CommonSettings.TOPIC_REPLICATION_FACTOR).shortValue(),
                Topics.from(pipeline.config(Map.of()), SchemaHistory.bundled()).configs());
        return pipeline;
    }

    /** Highest resident memory of any callsignal streams process so far, in MiB. */
    public double streamsPeakRssMib() {
        return streamsPeakRssMib;
    }

    /**
     * The sample through the pass-through app, then through the streams app, each from a cold start
     * on the same topics, {@code rounds} times; the best round of each counts. {@code jfr}: a flight
     * recording of the streams app's first round is written there.
     */
    public List<Measure> throughput(BenchPipeline pipeline, Sample sample, int rounds, Path jfr) throws Exception {
        long rawRecords = publish(pipeline, sample.records());
        long units = sample.truth().get("streams.conversation.input") + sample.truth().get("streams.signal.input");
        List<Measure> measures = new ArrayList<>();

        CatchUp.Run passThrough = null;
        CatchUp.Run callsignal = null;
        double passThroughRss = 0;
        List<String> profile = jfr == null ? List.of()
                : List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        // Alternating rounds, best of each: a noisy neighbour slows one round, not one app.
        for (int round = 1; round <= rounds; round++) {
            BenchPipeline run = withTopics(pipeline.round(round));
            String appId = run.applicationId() + "-passthrough";
            long launched = System.nanoTime();
            try (ChildJvm app = apps.passThrough("passthrough-" + round, run.env(Map.of(
                    StreamsSettings.APPLICATION_ID.env(), appId)))) {
                passThrough = best(passThrough, CatchUp.await(app, new IdleWatcher(admin, appId,
                        PassThroughApp.topology(run.rawTopics())), run.rawTopics(), rawRecords, launched,
                        CATCH_UP_TIMEOUT));
                passThroughRss = Math.max(passThroughRss, app.peakRssMib());
            }
            launched = System.nanoTime();
            try (ChildJvm app = apps.streams("streams-throughput-" + round, run.env(Map.of()),
                    round == 1 ? profile : List.of())) {
                callsignal = best(callsignal, CatchUp.await(app, watcher(run), run.rawTopics(), rawRecords,
                        launched, CATCH_UP_TIMEOUT));
                streamsPeakRssMib = Math.max(streamsPeakRssMib, app.peakRssMib());
            }
            System.err.printf("bench: round %d: pass-through %.0f records/s, callsignal %.0f records/s%n", round,
                    passThrough.recordsPerSecond(), callsignal.recordsPerSecond());
        }

        String input = rawRecords + " raw records (" + units + " events) of a " + sample.truth().get("silver.conversations")
                + "-call sample";
        measures.add(Measure.of("streams_passthrough_records_per_s", passThrough.recordsPerSecond(), "records/s")
                .note("exactly_once_v2, bytes in, repartition, bytes out; " + input + "; best of " + rounds));
        measures.add(Measure.of("streams_callsignal_records_per_s", callsignal.recordsPerSecond(), "records/s")
                .relativeTo("streams_passthrough_records_per_s").note("the streams app on the same input"));
        measures.add(Measure.of("streams_callsignal_events_per_s", units / callsignal.processingSeconds(), "events/s")
                .note("events: the calls and signals the raw records carry (a signal batch carries several)"));
        measures.add(Measure.of("streams_vs_passthrough_ratio",
                callsignal.recordsPerSecond() / passThrough.recordsPerSecond(), "x").goal(Measure.Goal.atLeast(0.8)));
        measures.add(Measure.of("passthrough_peak_rss_mib", passThroughRss, "MiB").note("JVM " + Apps.STREAMS_JVM));
        return measures;
    }

    /**
     * Produce-to-valid latency at fixed offered rates and at shares of {@code capacity} (when known,
     * above 0), lowest first, against one running streams app. Each rate is offered for {@code ramp}
     * before it is measured for {@code phase}: a step up in rate costs seconds of latency while the
     * JIT, the heap and the clients' batches adapt, which is not the rate's steady latency.
     * Rates are in events (calls and signals) per second, offered as raw records at the rate over the
     * sample's events per record. A rate is sustained when the app's backlog never passes
     * {@value #ABORT_BACKLOG_SECONDS} s of it,
     * is at most one second of it when the phase ends, and is gone within {@link #SUSTAINED_CATCH_UP};
     * once a rate is not, higher ones are not run.
     */
    public List<Measure> latency(BenchPipeline pipeline, double capacity, Duration ramp, Duration phase, long seed)
            throws Exception {
        TreeSet<Integer> rates = new TreeSet<>(FIXED_RATES);
        if (capacity > 0) {
            for (double share : List.of(0.5, 0.8)) {
                rates.add((int) Math.max(100, Math.round(capacity * share / 100) * 100));
            }
        }
        int port = freePort();
        Config config = pipeline.config(Map.of());
        Map<String, String> producer = new HashMap<>(config.kafkaClient());
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        SampleStream samples = new SampleStream(seed, config.get(StreamsSettings.MAX_PAYLOAD_BYTES));
        List<Destination> raw = List.of(Destination.CONVERSATIONS_RAW, Destination.SIGNALS_RAW, Destination.DEALS_RAW);
        List<Measure> measures = new ArrayList<>();
        IdleWatcher watcher = watcher(pipeline);
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
        AtomicLong backlog = new AtomicLong();
        List<Long> backlogs = Collections.synchronizedList(new ArrayList<>());
        try (ChildJvm app = apps.streams("streams-latency", pipeline.env(Map.of(StreamsSettings.HTTP_PORT.env(),
                String.valueOf(port))), List.of());
                SamplePublisher publisher = new SamplePublisher(producer, pipeline.destinations());
                LatencyProbe probe = new LatencyProbe(config.kafkaClient(),
                        List.of(pipeline.conversationsValid(), pipeline.signalsValid()))) {
            awaitReady(app, port);
            monitor.scheduleWithFixedDelay(() -> {
                backlog.set(rawBacklog(watcher, pipeline));
                backlogs.add(backlog.get());
            }, 0, 500, TimeUnit.MILLISECONDS);
            int highestSustained = 0;
            double p99AtHighest = Double.NaN;
            boolean sustaining = true;
            double eventsPerRecord = samples.eventsPerRecord();
            for (int rate : rates) {
                String at = "_at_" + rate;
                int recordRate = (int) Math.max(1, Math.round(rate / eventsPerRecord));
                if (!sustaining) {
                    measures.add(Measure.of("latency_sustained" + at, 0, "bool")
                            .note("not run: a lower rate was already not sustained"));
                    continue;
                }
                // The app's first phase is also its warm-up from a cold start (the JIT alone takes about 10 s).
                long rampSeconds = rate == rates.first() ? Math.max(ramp.toSeconds(), COLD_START.toSeconds())
                        : ramp.toSeconds();
                List<SampleRecord> records = samples.take((int) (recordRate * (rampSeconds + phase.toSeconds())), raw);
                backlogs.clear();
                AtomicBoolean measuring = new AtomicBoolean();
                boolean completed = offer(publisher, records, recordRate, backlog,
                        (long) recordRate * ABORT_BACKLOG_SECONDS, (int) (recordRate * rampSeconds), () -> {
                            probe.startPhase();
                            measuring.set(true);
                        });
                long backlogAtEnd = rawBacklog(watcher, pipeline);
                boolean caughtUp = awaitCaughtUp(app, watcher, SUSTAINED_CATCH_UP);
                sustaining = completed && backlogAtEnd <= recordRate && caughtUp;
                System.err.printf("bench: latency at %d events/s (%d raw records/s): %s%n", rate, recordRate,
                        sustaining ? "sustained" : "not sustained");
                if (!measuring.get()) {
                    measures.add(Measure.of("latency_sustained" + at, 0, "bool").note("its backlog passed "
                            + ABORT_BACKLOG_SECONDS + " s of the rate before the measured part began"));
                    continue;
                }
                Histogram latencies = probe.phase();
                Files.writeString(dir.resolve("logs/latency-at-" + rate + ".csv"), probe.timeSeries()
                        + "# backlog samples (raw records not yet committed), every 500 ms: " + backlogs + "\n");
                String how = sustaining ? "" : "; NOT sustained (events still queued are not counted: a lower bound)";
                measures.add(Measure.of("latency_p50_ms" + at, latencies.getValueAtPercentile(50), "ms")
                        .note(latencies.getTotalCount() + " events measured at " + rate + " events/s (" + recordRate
                                + " raw records/s) offered" + how));
                measures.add(Measure.of("latency_p95_ms" + at, latencies.getValueAtPercentile(95), "ms"));
                measures.add(Measure.of("latency_p99_ms" + at, latencies.getValueAtPercentile(99), "ms"));
                measures.add(Measure.of("latency_sustained" + at, sustaining ? 1 : 0, "bool"));
                if (sustaining || Double.isNaN(p99AtHighest)) {
                    highestSustained = sustaining ? rate : 0;
                    p99AtHighest = latencies.getValueAtPercentile(99);
                }
            }
            streamsPeakRssMib = Math.max(streamsPeakRssMib, app.peakRssMib());
            // No latency at all when the first rate's backlog outgrew the limit during its ramp.
            if (!Double.isNaN(p99AtHighest)) {
                measures.add(Measure.of("latency_p99_ms", p99AtHighest, "ms").goal(Measure.Goal.atMost(250))
                        .note(highestSustained > 0 ? "at " + highestSustained + " events/s, the highest offered rate"
                                + " sustained (the goal is for 10000)" : "at " + rates.first() + " events/s, which"
                                + " was not sustained: no offered rate was"));
            }
            measures.add(Measure.of("latency_max_sustained_events_per_s", highestSustained, "events/s")
                    .goal(Measure.Goal.atLeast(10_000)).note("offered rates " + rates + " events/s, "
                            + Measures.format(eventsPerRecord) + " events a raw record; each measured for "
                            + phase.toSeconds() + " s after " + ramp.toSeconds() + " s at the rate"
                            + (Double.isNaN(p99AtHighest) ? "; none got past its ramp, so no latency was measured" : "")));
            measures.add(Measure.of("latency_commit_interval_ms", config.get(StreamsSettings.COMMIT_INTERVAL).toMillis(),
                    "ms").note("exactly_once_v2: output is readable when its transaction commits"));
        } finally {
            monitor.shutdownNow();
        }
        return measures;
    }

    /**
     * The dedup store on disk as keys churn: waves of new signal batches, each arriving a retention
     * (a minute, or less for a smoke run) after the one before, so that older waves expire. Each wave is
     * processed by {@code streams --until-idle}, whose close writes what RocksDB holds in memory to
     * disk before the directory is measured. Once retention is reached the store must stay flat.
     */
    public List<Measure> dedupChurn(BenchPipeline pipeline, int batchesPerWave, Duration dedupRetention, int waves,
            long seed) throws Exception {
        Map<String, String> retention = Map.of(StreamsSettings.DEDUP_RETENTION.env(), dedupRetention.toSeconds() + "s");
        SampleStream samples = new SampleStream(seed, pipeline.config(retention).get(StreamsSettings.MAX_PAYLOAD_BYTES));
        long start = System.nanoTime();
        List<Measure> measures = new ArrayList<>();
        double[] sizes = new double[waves];
        try (SamplePublisher publisher = new SamplePublisher(baseConfig.kafkaClient(), pipeline.destinations())) {
            for (int wave = 0; wave < waves; wave++) {
                List<SampleRecord> records = samples.take(batchesPerWave, List.of(Destination.SIGNALS_RAW));
                // Dedup remembers by arrival: a wave arrives a retention after the one before.
                long due = start + wave * dedupRetention.toNanos() - System.nanoTime();
                if (due > 0) {
                    Thread.sleep(due / 1_000_000);
                }
                records.forEach(publisher::send);
                publisher.flush();
                try (ChildJvm app = apps.streamsUntilIdle("streams-churn-" + (wave + 1), pipeline.env(retention))) {
                    int exit = app.await(CATCH_UP_TIMEOUT);
                    if (exit != 0) {
                        throw new IllegalStateException("streams --until-idle exited with " + exit + "; see " + app.log());
                    }
                    streamsPeakRssMib = Math.max(streamsPeakRssMib, app.peakRssMib());
                }
                sizes[wave] = directoryBytes(pipeline.stateDir()) / (1024.0 * 1024.0);
                measures.add(Measure.of("dedup_store_mib_after_wave_" + (wave + 1), sizes[wave], "MiB")
                        .note(wave == 0 ? batchesPerWave + " new signal batches a wave, arriving "
                                + dedupRetention.toSeconds() + " s (the retention) after the previous wave" : null));
            }
        }
        // From the third wave on, the first has expired: the store holds about two waves.
        measures.add(Measure.of("dedup_store_growth_after_retention", sizes[waves - 1] / sizes[2], "x")
                .goal(Measure.Goal.atMost(1.2)).note("size after the last wave / after the third"));
        return measures;
    }

    /**
     * The streams app's half of raw-to-silver: at least {@code signals} signal events published to
     * the raw topic, then the app from launch until it has committed them all.
     */
    public List<Measure> rawToValid(BenchPipeline pipeline, long signals, long seed) throws Exception {
        SampleStream samples = new SampleStream(seed, pipeline.config(Map.of()).get(StreamsSettings.MAX_PAYLOAD_BYTES));
        long units = 0;
        long records = 0;
        try (SamplePublisher publisher = new SamplePublisher(baseConfig.kafkaClient(), pipeline.destinations())) {
            while (units < signals) {
                Sample sample = samples.next();
                for (SampleRecord record : sample.records()) {
                    if (record.destination() == Destination.SIGNALS_RAW) {
                        publisher.send(record);
                        records++;
                    }
                }
                units += sample.truth().get("streams.signal.input");
            }
        }
        long launched = System.nanoTime();
        CatchUp.Run run;
        try (ChildJvm app = apps.streams("streams-raw-to-valid", pipeline.env(Map.of()), List.of())) {
            run = CatchUp.await(app, watcher(pipeline), pipeline.rawTopics(), records, launched, CATCH_UP_TIMEOUT);
            streamsPeakRssMib = Math.max(streamsPeakRssMib, app.peakRssMib());
        }
        return List.of(Measure.of("raw_to_valid_streams_s", run.secondsFromLaunch(), "s")
                .note(units + " signal events in " + records + " raw records; from the app's launch to its last commit"));
    }

    private static CatchUp.Run best(CatchUp.Run best, CatchUp.Run run) {
        return best == null || run.recordsPerSecond() > best.recordsPerSecond() ? run : best;
    }

    private long publish(BenchPipeline pipeline, List<SampleRecord> records) {
        try (SamplePublisher publisher = new SamplePublisher(baseConfig.kafkaClient(), pipeline.destinations())) {
            records.forEach(publisher::send);
            publisher.flush();
            return publisher.sent().entrySet().stream().filter(e -> e.getKey() != Destination.SIGNALS_VALID)
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /**
     * Sends at {@code rate} records per second, running {@code atMark} before the record at index
     * {@code mark}; false when the backlog passed {@code abortBacklog}.
     */
    private static boolean offer(SamplePublisher publisher, List<SampleRecord> records, int rate, AtomicLong backlog,
            long abortBacklog, int mark, Runnable atMark) {
        long start = System.nanoTime();
        int sent = 0;
        while (sent < records.size()) {
            if (backlog.get() > abortBacklog) {
                publisher.flush();
                return false;
            }
            long due = Math.min(records.size(), (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
            while (sent < due) {
                if (sent == mark) {
                    atMark.run();
                }
                publisher.send(records.get(sent++));
            }
            LockSupport.parkNanos(200_000);
        }
        publisher.flush();
        return true;
    }

    private static long rawBacklog(IdleWatcher watcher, BenchPipeline pipeline) {
        try {
            Map<String, Long> backlog = watcher.backlog();
            return pipeline.rawTopics().stream().mapToLong(topic -> backlog.getOrDefault(topic, 0L)).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static boolean awaitCaughtUp(ChildJvm app, IdleWatcher watcher, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            app.checkAlive();
            try {
                if (watcher.caughtUp()) {
                    return true;
                }
            } catch (Exception e) {
                // Asked again on the next round.
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static void awaitReady(ChildJvm app, int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            app.checkAlive();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(app.name() + " was not ready within 2 minutes; see " + app.log());
    }

    private IdleWatcher watcher(BenchPipeline pipeline) {
        return new IdleWatcher(admin, pipeline.applicationId(),
                CallsignalTopology.build(pipeline.config(Map.of()), new PipelineMetrics(new SimpleMeterRegistry())));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long directoryBytes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // a file RocksDB removed while we walked
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + directory, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
