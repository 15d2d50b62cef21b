package io.callsignal.bench.lake;

import io.callsignal.bench.report.Measure;
import io.callsignal.bench.report.Measures;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.config.Config;
import io.callsignal.gold.GoldRefresh;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import io.callsignal.silver.SchemaSource;
import io.callsignal.silver.SilverFlow;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a small batch costs as silver grows: silver tables of N signals (and N/8 calls with
 * transcripts) are made directly, then a batch of 1,000 signal events, half of them re-evaluations
 * of signals already there and half new, goes through the sink's own silver step (decode, checks,
 * MERGE), and gold is refreshed after it. Each is timed at each size; the median of the repeats.
 */
final class SilverGrowth {

    static final int BATCH = 1_000;
    private static final int SIGNALS_PER_CALL = 8;
    private static final String TOPIC = "bench.growth.signals.valid";
    private static final StructType KAFKA_ROWS = new StructType()
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType).add("timestamp", DataTypes.TimestampType);

    private final SparkSession spark;
    private final SingleObjectCodec<Signal> codec = SingleObjectCodec.signals(SchemaHistory.bundled());
    private final Random random = new Random(7);

    SilverGrowth(SparkSession spark) {
        this.spark = spark;
    }

    /** Measures at one size: silver_batch_ms_at_SIZE and gold_refresh_ms_at_SIZE. */
    List<Measure> at(LakeCatalog lake, Config config, long signals, int repeats) {
        fill(signals);
        GoldRefresh.refresh(lake, config); // the first build of gold at this size, not timed
        SilverFlow flow = SilverFlow.signals(lake, config, SchemaSource.bundled());
        long[] batchMillis = new long[repeats];
        long[] goldMillis = new long[repeats];
        String queryId = UUID.randomUUID().toString();
        for (int i = 0; i < repeats; i++) {
            var batch = spark.createDataFrame(events(signals, i), KAFKA_ROWS);
            // The sink's idempotent write names each batch by the streaming query it runs in.
            spark.sparkContext().setLocalProperty("sql.streaming.queryId", queryId);
            long start = System.nanoTime();
            flow.call(batch, (long) i);
            batchMillis[i] = (System.nanoTime() - start) / 1_000_000;
            spark.sparkContext().setLocalProperty("sql.streaming.queryId", null);
            start = System.nanoTime();
            GoldRefresh.refresh(lake, config);
            goldMillis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        String size = Measures.size(signals);
        String note = "median of " + repeats + "; silver holds " + signals + " signals and " + signals / SIGNALS_PER_CALL
                + " calls";
        return List.of(
                Measure.of("silver_batch_ms_at_" + size, median(batchMillis), "ms")
                        .note(BATCH + " signal events (half re-evaluations) into silver; " + note),
                Measure.of("gold_refresh_ms_at_" + size, median(goldMillis), "ms")
                        .note("every gold table after that batch; " + note));
    }

    /** Silver as a sink would have left it: N signals, 8 per call, and the calls with rep, deal and transcript. */
    private void fill(long signals) {
        long calls = Math.max(1, signals / SIGNALS_PER_CALL);
        long deals = Math.max(1, calls / 4);
        spark.sql("""
                INSERT INTO silver.conversations (call_id, source_platform, call_timestamp, duration_seconds, participants,
                    deal_id, account_id, transcript_text, metadata, ingested_at, _rescued_data, _source, _column_versions)
                SELECT concat('call-', id), 'gong', TIMESTAMP '2026-08-03 08:00:00' + make_dt_interval(0, 0, CAST(id %% 120000 AS INT), 0),
                    300 + CAST(id %% 3300 AS INT),
                    array(named_struct('name', concat('Rep ', id %% 8), 'email', concat('rep', id %% 8, '@acme.example'),
                            'role', 'rep'),
                        named_struct('name', 'Sam Rivera', 'email', concat('sam', id %% 97, '@prospect.example'),
                            'role', 'prospect')),
                    concat('deal-', id %% %d), concat('acct-', id %% %d),
                    repeat('Thanks for making the time today. Budget is approved for this quarter. ', 8),
                    map('recorder', 'gong'), current_timestamp(), NULL,
                    named_struct('topic', 'conversations.raw', 'partition', 0, 'offset', id,
                        'timestamp', TIMESTAMP '2026-08-03 08:00:00', 'index', NULL), NULL
                FROM range(%d)""".formatted(deals, deals, calls));
        spark.sql("""
                INSERT INTO silver.conversation_signals
                SELECT concat('sig-', id), concat('call-', id DIV 8), element_at(array('overall_score', 'talk_ratio',
                        'next_steps_agreed', 'budget_known', 'pricing_objection', 'competitor_mentioned', 'deal_stage',
                        'objection_count'), CAST(id %% 8 AS INT) + 1),
                    CASE id %% 8 WHEN 0 THEN CAST(round(3 + rand(1) * 7, 1) AS STRING)
                        WHEN 1 THEN CAST(round(rand(2), 2) AS STRING) WHEN 6 THEN 'demo' WHEN 7 THEN CAST(id %% 6 AS STRING)
                        ELSE IF(rand(3) < 0.35, 'true', 'false') END,
                    element_at(array('score', 'score', 'boolean', 'boolean', 'boolean', 'boolean', 'category', 'count'),
                        CAST(id %% 8 AS INT) + 1),
                    round(0.5 + rand(4) * 0.49, 2), 'v1',
                    TIMESTAMP '2026-08-03 09:00:00' + make_dt_interval(0, 0, CAST((id DIV 8) %% 120000 AS INT), 0),
                    current_timestamp(), NULL,
                    named_struct('topic', 'signals.raw', 'partition', 0, 'offset', id DIV 8,
                        'timestamp', TIMESTAMP '2026-08-03 09:00:00', 'index', CAST(id %% 8 AS INT))
                FROM range(%d)""".formatted(signals));
    }

    /** A batch of typed-topic records: half re-evaluate existing signals, half are new signals of existing calls. */
    private List<Row> events(long signals, int batch) {
        Instant evaluated = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(batch);
        List<Row> rows = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long existing = Math.floorMod(random.nextLong(), signals);
            String signalId = i % 2 == 0 ? "sig-" + existing : "sig-new-" + batch + "-" + i;
            String callId = "call-" + existing / SIGNALS_PER_CALL;
            long offset = (long) batch * BATCH + i;
            Signal signal = Signal.newBuilder().setSignalId(signalId).setCallId(callId).setSignalName("overall_score")
                    .setSignalValue(String.valueOf(1 + random.nextInt(9))).setSignalType("score").setConfidence(0.8)
                    .setScoringVersion("v2").setEvaluatedAt(evaluated)
                    .setSource(SourceRecord.newBuilder().setTopic("signals.raw").setPartition(0).setOffset(offset)
                            .setTimestamp(evaluated).build())
                    .build();
            rows.add(RowFactory.create(signalId.getBytes(StandardCharsets.UTF_8), codec.encode(signal), TOPIC, 0,
                    offset, Timestamp.from(evaluated)));
        }
        return rows;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
