package io.callsignal.silver;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.Config;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.SourceRecord;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.SinkFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial updates of one call, landed in silver in any order: each column holds the value of the
 * newest raw unit that carries it. The flow's batches are handed to it as Spark would, without a
 * broker: what is judged is the SQL of the batch and the MERGE against silver.
 */
class ConversationOrderIT {

    private static final StructType KAFKA = StructType.fromDDL(
            "key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, timestamp TIMESTAMP");

    @TempDir
    Path dir;

    @Test
    void batchesInAnyOrderGiveOneRowAndALateEventFillsOnlyWhatIsOlder() throws Exception {
        LakeCatalog lake = lake();
        // Each call gets the same four updates, in its own order of batches.
        land(lake, "together", List.of(List.of(first("together"), newer("together"), late("together"),
                sameInstant("together"))));
        land(lake, "reversed", List.of(List.of(sameInstant("reversed")), List.of(late("reversed")),
                List.of(newer("reversed")), List.of(first("reversed"))));
        land(lake, "split", List.of(List.of(newer("split"), late("split")),
                List.of(first("split"), sameInstant("split"))));

        assertEquals(List.of("together|gong|2026-02-01 09:00:00.0|1900|deal-2|acct-3|v4|conversations.raw|1|0"),
                SinkFixture.strings(lake, "SELECT call_id, source_platform, call_timestamp, duration_seconds, deal_id,"
                        + " account_id, transcript_text, _source.topic, _source.partition, _source.offset"
                        + " FROM silver.conversations WHERE call_id = 'together'"));
        assertEquals(row(lake, "together"), row(lake, "reversed"), "one update a batch, newest first");
        assertEquals(row(lake, "together"), row(lake, "split"), "two batches");

        // A replay reads them again as a new query (a new checkpoint), which Delta's batch ids do not skip.
        String before = row(lake, "split");
        land(lake, "split-replayed", List.of(List.of(late("split"), first("split"))));
        assertEquals(before, row(lake, "split"), "applied again");
        Map<String, String> replay = SinkFixture.lastMerge(lake, LakeTable.SILVER_CONVERSATIONS);
        assertEquals("0", replay.get("numTargetRowsUpdated"), "events already applied rewrite nothing");
        assertEquals("0", replay.get("numTargetRowsInserted"));
    }

    /** The first event of the call, whole. */
    private static Conversation first(String callId) {
        return update(callId, raw(0, 1, "10:00")).setCallTimestamp(Instant.parse("2026-02-01T09:00:00Z"))
                .setDurationSeconds(1800).setDealId("deal-1").setTranscriptText("v1").build();
    }

    /** Five minutes later: a new deal and transcript. */
    private static Conversation newer(String callId) {
        return update(callId, raw(0, 2, "10:05")).setDealId("deal-2").setTranscriptText("v2").build();
    }

    /** Made at 10:02, read after newer: it fills what is newer than first and loses the deal to newer. */
    private static Conversation late(String callId) {
        return update(callId, raw(0, 3, "10:02")).setDealId("deal-late").setDurationSeconds(1900)
                .setAccountId("acct-3").build();
    }

    /** The same instant as newer on another partition: the raw coordinates decide, the same every time. */
    private static Conversation sameInstant(String callId) {
        return update(callId, raw(1, 0, "10:05")).setTranscriptText("v4").build();
    }

    /** Runs the conversations flow over each batch in turn, as one streaming query would. */
    private void land(LakeCatalog lake, String query, List<List<Conversation>> batches) throws Exception {
        SparkSession spark = lake.spark();
        spark.sparkContext().setLocalProperty("sql.streaming.queryId", query);
        SilverFlow flow = SilverFlow.conversations(lake, config(), SchemaSource.bundled());
        long batchId = 0;
        long typedOffset = 0;
        for (List<Conversation> batch : batches) {
            List<Row> records = new ArrayList<>();
            for (Conversation conversation : batch) {
                records.add(RowFactory.create(conversation.getCallId().getBytes(StandardCharsets.UTF_8),
                        Events.encode(conversation), "conversations.valid", 0, typedOffset++,
                        Timestamp.from(Instant.now())));
            }
            flow.call(spark.createDataFrame(records, KAFKA), batchId++);
        }
    }

    /** A call's row without its key and the time it was written. */
    private static String row(LakeCatalog lake, String callId) {
        return lake.spark().table("silver.conversations").where(col("call_id").equalTo(callId))
                .drop("call_id", "ingested_at").toJSON().collectAsList().toString();
    }

    private LakeCatalog lake() {
        return LakeCatalog.open(LakeSession.open(config()), config());
    }

    private Config config() {
        return Config.of(Map.of("LAKE_ROOT", dir.resolve("lake").toString()), Optional.empty());
    }

    private static Conversation.Builder update(String callId, SourceRecord raw) {
        return Events.conversation(callId, "gong", raw);
    }

    private static SourceRecord raw(int partition, long offset, String time) {
        return SourceRecord.newBuilder().setTopic("conversations.raw").setPartition(partition).setOffset(offset)
                .setTimestamp(Instant.parse("2026-03-01T" + time + ":00Z")).build();
    }
}
