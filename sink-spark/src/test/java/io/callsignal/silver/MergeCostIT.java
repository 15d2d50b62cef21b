package io.callsignal.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.KernelReader;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A small batch into a big silver table costs what it changes: the MERGEs' own metrics say so. */
@ExtendWith(WithBroker.class)
class MergeCostIT {

    private static final int CALLS = 4_000;
    private static final int SIGNALS_PER_CALL = 8;

    @TempDir
    Path dir;

    @Test
    void aOneCallUpdateIntoThousandsOfRowsCopiesNone(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            LakeCatalog lake = fixture.lake();
            fill(lake.spark());
            lake.spark().sql("OPTIMIZE silver.conversations");
            lake.spark().sql("OPTIMIZE silver.conversation_signals");
            long clusteredBytes = lake.spark().sql("DESCRIBE DETAIL silver.conversation_signals").head()
                    .getAs("sizeInBytes");
            long quarantineVersion = fixture.versions(lake).get(LakeTable.SILVER_QUARANTINE);

            fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, "call-17", Events.encode(Events.conversation(
                    "call-17", "gong", Events.source("conversations.raw", 1)).setTranscriptText("Rep: updated").build()));
            fixture.send(CommonSettings.TOPIC_SIGNALS_VALID, "sig-17-0", Events.encode(Events.signal("sig-17-0",
                    "call-17", "overall_score", "9", "score", 0.9, "v2", "2026-11-01T00:00:00Z",
                    Events.source("signals.raw", 1))));
            fixture.runSink();

            Map<String, String> conversations = SinkFixture.lastMerge(lake, LakeTable.SILVER_CONVERSATIONS);
            assertEquals("1", conversations.get("numTargetRowsUpdated"));
            assertEquals("0", conversations.get("numTargetRowsCopied"), conversations.toString());
            assertEquals("0", conversations.get("numTargetFilesRemoved"), "rows marked deleted, no file rewritten");
            Map<String, String> signals = SinkFixture.lastMerge(lake, LakeTable.SILVER_SIGNALS);
            assertEquals("1", signals.get("numTargetRowsUpdated"));
            assertEquals("0", signals.get("numTargetRowsCopied"), signals.toString());
            assertEquals("0", signals.get("numTargetFilesRemoved"));

            assertEquals(List.of("Rep: updated|9"), SinkFixture.strings(lake, "SELECT c.transcript_text, s.signal_value"
                    + " FROM silver.conversations c JOIN silver.conversation_signals s ON s.call_id = c.call_id"
                    + " WHERE s.signal_id = 'sig-17-0'"));
            assertEquals(CALLS, lake.spark().table("silver.conversations").count());
            // Another engine honours the deletion vectors too: the replaced row is gone for Delta Kernel.
            List<String> transcripts = KernelReader.strings(lake, LakeTable.SILVER_CONVERSATIONS,
                    "transcript_text");
            assertEquals(CALLS, transcripts.size());
            assertEquals(1, Collections.frequency(transcripts, "Rep: updated"));
            assertEquals(quarantineVersion, fixture.versions(lake).get(LakeTable.SILVER_QUARANTINE),
                    "a batch with nothing refused does not touch the quarantine table");

            // A clustered table at least a finished cube's size (LakeSession's 32 MiB, here below the table's)
            // keeps its file and deletion vector: OPTIMIZE clusters the MERGE's new files among themselves.
            lake.spark().conf().set("spark.databricks.delta.optimize.clustering.mergeStrategy.minCubeSize.threshold",
                    clusteredBytes / 2);
            lake.spark().sql("OPTIMIZE silver.conversation_signals");
            Row last = DeltaTable.forName(lake.spark(), "silver.conversation_signals").history(1)
                    .select("operation", "operationMetrics").head();
            assertEquals("OPTIMIZE", last.getString(0));
            Map<String, String> optimize = last.getJavaMap(1);
            assertEquals(signals.get("numTargetFilesAdded"), optimize.get("numRemovedFiles"), optimize.toString());
            assertTrue(Long.parseLong(optimize.get("numRemovedBytes")) < clusteredBytes / 2, optimize.toString());
        }
    }

    @Test
    void aLakeAnEarlierReleaseMadeGetsTheColumnsPropertiesAndClusteringOfNowOnce(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            SparkSession spark = LakeSession.open(fixture.config());
            String location = fixture.lakeRoot().toAbsolutePath() + "/silver/conversations";
            // Conversations as the release before it made them: no column versions.
            String conversations = LakeTable.SILVER_CONVERSATIONS.columns().orElseThrow();
            spark.sql("CREATE TABLE delta.`" + location + "` ("
                    + conversations.substring(0, conversations.indexOf(", _column_versions")) + ") USING delta");
            spark.sql("INSERT INTO delta.`" + location + "` (call_id) VALUES ('c1')");
            // Bronze as the release before it kept bytes only as text.
            String bronze = fixture.lakeRoot().toAbsolutePath() + "/bronze/signals_raw";
            spark.sql("CREATE TABLE delta.`" + bronze + "` (raw_payload STRING, source_file STRING,"
                    + " ingested_at TIMESTAMP, _metadata STRUCT<topic: STRING, partition: INT, offset: BIGINT,"
                    + " timestamp: TIMESTAMP, key: STRING, headers: ARRAY<STRUCT<key: STRING, value: STRING>>>)"
                    + " USING delta TBLPROPERTIES ('delta.appendOnly' = 'true')");

            LakeCatalog lake = fixture.lake();
            Row detail = spark.sql("DESCRIBE DETAIL silver.conversations").head();
            assertEquals(List.of("call_id"), detail.getList(detail.fieldIndex("clusteringColumns")));
            Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
            assertEquals("true", properties.get("delta.enableDeletionVectors"));
            assertEquals("true", properties.get("delta.autoOptimize.autoCompact"));
            assertEquals(List.of("c1"), SinkFixture.strings(lake, "SELECT call_id FROM silver.conversations"));
            assertEquals(StructType.fromDDL(LakeTable.BRONZE_SIGNALS.columns().orElseThrow()),
                    spark.table("bronze.signals_raw").schema(), "columns added, nested ones too");
            assertEquals(StructType.fromDDL(conversations).apply("_column_versions"),
                    spark.table("silver.conversations").schema().apply("_column_versions"), "a map of structs too");

            Map<LakeTable, Long> versions = fixture.versions(lake);
            assertEquals(versions, fixture.versions(fixture.lake()), "a lake up to date is not written");
        }
    }

    /** Blocks the MERGE below while it reads its source, after it has taken its snapshot of the table. */
    private static final CountDownLatch MERGING = new CountDownLatch(1);
    private static final CountDownLatch PROCEED = new CountDownLatch(1);

    @Test
    void aWriteThatLosesARaceToOptimizeIsWrittenAgain(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            LakeCatalog lake = fixture.lake();
            SparkSession spark = lake.spark();
            for (int i = 0; i < 3; i++) {
                spark.sql("INSERT INTO silver.conversations (call_id, transcript_text) VALUES ('c" + i + "', 'old')");
            }
            // One partition: the one task it blocks leaves the other core to OPTIMIZE.
            spark.createDataset(List.of("c0", "c1", "c2"), Encoders.STRING()).toDF("call_id").coalesce(1)
                    .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
                        MERGING.countDown();
                        PROCEED.await();
                        return rows;
                    }, Encoders.row(spark.table("silver.conversations").select("call_id").schema()))
                    .createOrReplaceTempView("slow_source");
            AtomicInteger attempts = new AtomicInteger();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> write = writer.submit(() -> {
                    spark.sparkContext().setLocalProperty("sql.streaming.queryId", "merge-cost-it");
                    IdempotentWrite.run(spark, "silver.conversations", 0, () -> {
                        attempts.incrementAndGet();
                        spark.sql("MERGE INTO silver.conversations t USING slow_source s ON t.call_id = s.call_id"
                                + " WHEN MATCHED THEN UPDATE SET transcript_text = 'new'");
                    });
                });
                assertTrue(MERGING.await(2, TimeUnit.MINUTES), "the MERGE reads its source");
                spark.sql("OPTIMIZE silver.conversations");
                PROCEED.countDown();
                write.get(5, TimeUnit.MINUTES);
            } finally {
                writer.shutdownNow();
            }

            assertEquals(2, attempts.get(), "the first attempt lost to OPTIMIZE's commit and was written again");
            assertEquals(List.of("c0|new", "c1|new", "c2|new"),
                    SinkFixture.strings(lake, "SELECT call_id, transcript_text FROM silver.conversations ORDER BY call_id"));
            assertEquals(List.of("MERGE", "OPTIMIZE"), DeltaTable.forName(spark, "silver.conversations").history(2)
                    .select("operation").as(Encoders.STRING()).collectAsList());
        }
    }

    /** Silver as a sink would have left it: calls with transcripts, eight signals each. */
    private static void fill(SparkSession spark) {
        spark.sql("""
                INSERT INTO silver.conversations (call_id, source_platform, call_timestamp, duration_seconds, participants,
                    deal_id, account_id, transcript_text, metadata, ingested_at, _rescued_data, _source, _column_versions)
                SELECT concat('call-', id), 'gong', TIMESTAMP '2026-08-03 08:00:00', 1800,
                    array(named_struct('name', 'Rep', 'email', concat('rep', id %% 8, '@acme.example'), 'role', 'rep')),
                    concat('deal-', id %% 500), 'acct-1', repeat('Budget is approved for this quarter. ', 20),
                    map('title', 'Discovery'), current_timestamp(), NULL,
                    named_struct('topic', 'conversations.raw', 'partition', 0, 'offset', id,
                        'timestamp', TIMESTAMP '2026-08-03 08:00:00', 'index', NULL), NULL
                FROM range(%d)""".formatted(CALLS));
        spark.sql("""
                INSERT INTO silver.conversation_signals
                SELECT concat('sig-', id DIV %1$d, '-', id %% %1$d), concat('call-', id DIV %1$d), 'overall_score',
                    '5', 'score', 0.8, 'v1', TIMESTAMP '2026-08-03 09:00:00', current_timestamp(), NULL,
                    named_struct('topic', 'signals.raw', 'partition', 0, 'offset', id,
                        'timestamp', TIMESTAMP '2026-08-03 09:00:00', 'index', NULL)
                FROM range(%2$d)""".formatted(SIGNALS_PER_CALL, CALLS * SIGNALS_PER_CALL));
    }
}
