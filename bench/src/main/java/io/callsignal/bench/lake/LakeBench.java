package io.callsignal.bench.lake;

import io.callsignal.bench.report.Measure;
import io.callsignal.bench.report.Measures;
import io.callsignal.bronze.BronzeFlow;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import io.callsignal.silver.SchemaSource;
import io.callsignal.silver.SilverFlow;
import io.callsignal.stream.KafkaSource;
import io.callsignal.stream.SinkTrigger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The benchmark's Spark side, in its own JVM on the sink's classpath: Kafka into bronze, the
 * sink's raw-to-silver step against a Spark-only pipeline on the same topic, and a small batch into
 * silver and gold as silver grows. Writes its measures as JSON for the benchmark to report. Without
 * topics it measures silver growth alone, which needs no broker.
 */
@Command(name = "lake-bench")
public final class LakeBench implements Callable<Integer> {

    @Option(names = "--dir", required = true, description = "Where this run's lakes go.")
    Path dir;

    @Option(names = "--json", required = true)
    Path json;

    @Option(names = "--bronze-topics", split = ",", description = "Raw topics to land in bronze.")
    List<String> bronzeTopics;

    @Option(names = "--bronze-batches", defaultValue = "0",
            description = "Batches to read the raw signals topic in again, for bronze's file count (0: not measured).")
    int bronzeBatches;

    @Option(names = "--valid-signals", description = "The streams app's signals.valid topic.")
    String validSignals;

    @Option(names = "--raw-signals", description = "The raw signals topic it was made from.")
    String rawSignals;

    @Option(names = "--silver-sizes", split = ",", required = true)
    List<Long> silverSizes;

    @Option(names = "--repeats", defaultValue = "3")
    int repeats;

    private final Map<String, String> env = new HashMap<>(System.getenv());

    public static void main(String[] args) {
        System.exit(new CommandLine(new LakeBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession spark = LakeSession.open(lake("bronze"));
        List<Measure> measures = new ArrayList<>();
        if (bronzeTopics != null) {
            measures.add(bronze(spark));
            if (bronzeBatches > 0) {
                // The topics come as the bronze tables go: conversations, signals, deals.
                measures.addAll(bronzeFiles(spark, bronzeTopics.get(1), bronzeBatches));
            }
        }
        if (validSignals != null && rawSignals != null) {
            measures.addAll(rawToSilver(spark));
        }
        SilverGrowth growth = new SilverGrowth(spark);
        for (long size : silverSizes) {
            Config config = lake("growth-" + Measures.size(size));
            measures.addAll(growth.at(LakeCatalog.open(spark, config), config, size, repeats));
            System.err.println("lake-bench: silver at " + size + " done");
        }
        Measures all = new Measures();
        all.addAll(measures);
        all.writeJson(json);
        return 0;
    }

    /** The raw topics into bronze at once, as the sink runs them; rows per second of the whole. */
    private Measure bronze(SparkSession spark) throws Exception {
        Config config = lake("bronze");
        LakeCatalog lake = LakeCatalog.open(spark, config);
        List<LakeTable> tables = List.of(LakeTable.BRONZE_CONVERSATIONS, LakeTable.BRONZE_SIGNALS, LakeTable.BRONZE_DEALS);
        long start = System.nanoTime();
        List<StreamingQuery> queries = new ArrayList<>();
        for (int i = 0; i < bronzeTopics.size(); i++) {
            queries.add(BronzeFlow.start(lake, KafkaSource.read(spark, config, bronzeTopics.get(i)), tables.get(i),
                    SinkTrigger.availableNow()));
        }
        for (StreamingQuery query : queries) {
            query.awaitTermination();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = tables.stream().mapToLong(table -> spark.table(table.qualifiedName()).count()).sum();
        System.err.println("lake-bench: bronze done");
        return Measure.of("sink_bronze_rows_per_s", rows / seconds, "rows/s")
                .note(rows + " raw records of both topics into bronze in " + Math.round(seconds) + " s (available-now)");
    }

    /**
     * Bronze's files as a steady trigger leaves them: the raw signals topic (landed above) read again
     * in {@code batches} batches, first into a table as releases before auto compaction kept it, then
     * into one as the lake keeps it now. Each batch appends a file per topic partition it read; at a
     * 30 s trigger a day is 2,880 batches.
     */
    private List<Measure> bronzeFiles(SparkSession spark, String topic, int batches) throws Exception {
        long records = spark.table(LakeTable.BRONZE_SIGNALS.qualifiedName()).count();
        long perBatch = Math.max(1, (records + batches - 1) / batches);
        Map<Boolean, Long> liveFiles = new HashMap<>();
        for (boolean compacted : List.of(false, true)) {
            Map<String, String> lakeEnv = new HashMap<>(env);
            lakeEnv.put(CommonSettings.LAKE_ROOT.env(), dir.resolve("bronze-files-" + compacted).toString());
            lakeEnv.put(SinkSettings.SINK_MAX_OFFSETS_PER_TRIGGER.env(), String.valueOf(perBatch));
            Config config = Config.of(lakeEnv, Optional.empty());
            LakeCatalog lake = LakeCatalog.open(spark, config);
            if (!compacted) {
                spark.sql("ALTER TABLE " + LakeTable.BRONZE_SIGNALS.qualifiedName()
                        + " SET TBLPROPERTIES ('delta.autoOptimize.autoCompact' = 'false')");
            }
            BronzeFlow.start(lake, KafkaSource.read(spark, config, topic), LakeTable.BRONZE_SIGNALS,
                    SinkTrigger.availableNow()).awaitTermination();
            liveFiles.put(compacted, spark.sql("DESCRIBE DETAIL " + LakeTable.BRONZE_SIGNALS.qualifiedName())
                    .head().getAs("numFiles"));
        }
        System.err.println("lake-bench: bronze files done");
        double filesPerBatch = (double) liveFiles.get(false) / batches;
        String run = batches + " batches of " + perBatch + " raw signal records";
        return List.of(
                Measure.of("bronze_files_per_batch", filesPerBatch, "files")
                        .note("files one batch appends to bronze.signals_raw; " + run),
                Measure.of("bronze_files_per_day_uncompacted", filesPerBatch * 2_880, "files")
                        .note("live files a day of 30 s batches leaves without compaction, per raw table"),
                Measure.of("bronze_live_files_uncompacted", liveFiles.get(false), "files")
                        .note("after " + run + ", as releases before auto compaction kept bronze"),
                Measure.of("bronze_live_files_compacted", liveFiles.get(true), "files")
                        .relativeTo("bronze_live_files_uncompacted")
                        .note("after the same batches with auto compaction, as the lake keeps bronze now"));
    }

    /**
     * The sink's half of callsignal's raw-to-silver (the streams app's half is timed by the
     * benchmark), then the Spark-only pipeline from the raw topic, in the same JVM: it runs second,
     * with the JIT already warm.
     */
    private List<Measure> rawToSilver(SparkSession spark) throws Exception {
        Config ours = lake("callsignal");
        LakeCatalog oursLake = LakeCatalog.open(spark, ours);
        long start = System.nanoTime();
        SilverFlow.signals(oursLake, ours, SchemaSource.bundled())
                .start(oursLake, KafkaSource.read(spark, ours, validSignals), SinkTrigger.availableNow())
                .awaitTermination();
        double oursSeconds = (System.nanoTime() - start) / 1e9;
        long oursRows = spark.table(LakeTable.SILVER_SIGNALS.qualifiedName()).count();
        System.err.println("lake-bench: callsignal's silver done");

        Config theirs = lake("spark-only");
        LakeCatalog theirsLake = LakeCatalog.open(spark, theirs);
        start = System.nanoTime();
        SparkOnlyPipeline.start(theirsLake, theirs, rawSignals).awaitTermination();
        double theirSeconds = (System.nanoTime() - start) / 1e9;
        long theirRows = spark.table(LakeTable.SILVER_SIGNALS.qualifiedName()).count();
        System.err.println("lake-bench: spark-only done");
        return List.of(
                Measure.of("raw_to_silver_sink_s", oursSeconds, "s")
                        .note("callsignal's sink: signals.valid into silver (available-now)"),
                Measure.of("silver_rows_callsignal", oursRows, "rows"),
                Measure.of("raw_to_silver_spark_only_s", theirSeconds, "s")
                        .note("Spark-only pipeline: raw signals into silver (available-now), JIT warm"),
                Measure.of("silver_rows_spark_only", theirRows, "rows").relativeTo("silver_rows_callsignal")
                        .note("no stale or conflicting-duplicate rules, so it may keep other rows"));
    }

    /** The configuration of one lake under this run's directory; the broker and topics from the environment. */
    private Config lake(String name) {
        Map<String, String> lakeEnv = new HashMap<>(env);
        lakeEnv.put(CommonSettings.LAKE_ROOT.env(), dir.resolve(name).toString());
        return Config.of(lakeEnv, Optional.empty());
    }
}
