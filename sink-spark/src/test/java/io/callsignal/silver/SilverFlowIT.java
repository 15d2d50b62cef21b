package io.callsignal.silver;

import static io.callsignal.testkit.Events.signal;
import static io.callsignal.testkit.HandCheckedSet.T0;
import static io.callsignal.testkit.HandCheckedSet.T1;
import static io.callsignal.testkit.HandCheckedSet.T2;
import static io.callsignal.testkit.HandCheckedSet.T3;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring_index;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.config.Config;
import io.callsignal.gold.GoldRefresh;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.TypedBatches;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silver's flows, their batches handed to them as Spark would, without a broker: what is judged is
 * the SQL of the batch and the MERGE against silver. Events in any order of batches, split or
 * together, or applied twice, give the same table: a signal by its newest evaluation, a call's and a
 * deal's columns each by the newest unit that carries it. A released schema version with a new
 * optional field reaches silver as a new column, nothing migrated by hand.
 */
class SilverFlowIT {

    private static final SingleObjectCodec<Deal> DEALS = SingleObjectCodec.deals(SchemaHistory.bundled());

    /** One lake for the tests (a new lake costs its tables' creation); their keys are their own. */
    @TempDir
    static Path dir;
    private static LakeCatalog lake;

    /** Opens a lake whose silver.conversations the release before Conversation v2 made, with a call in it. */
    @BeforeAll
    static void openALakeTheReleaseBeforeMade() {
        SparkSession spark = LakeSession.open(config());
        String released = LakeTable.SILVER_CONVERSATIONS.columns().orElseThrow().replace("`language` STRING, ", "");
        String location = LakeCatalog.root(config()) + "/silver/conversations";
        spark.sql("CREATE TABLE delta.`" + location + "` (" + released + ") USING delta");
        spark.sql("INSERT INTO delta.`" + location + "` (call_id, source_platform) VALUES ('landed-before', 'gong')");
        lake = LakeCatalog.open(spark, config());
    }

    @Test
    void batchesInAnyOrderGiveOneRowAndALateEventFillsOnlyWhatIsOlder() throws Exception {
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

    @Test
    void signalsInAnotherOrderOrAppliedTwiceGiveTheSameTable() throws Exception {
        landSignals(lake, "in-order", List.of(firstSignals("in-order"), secondSignals("in-order")));
        landSignals(lake, "reversed", List.of(secondSignals("reversed"), firstSignals("reversed")));
        assertEquals(List.of("s1|75", "s2|0.5", "s3|85"), SinkFixture.strings(lake, "SELECT substring_index(signal_id,"
                + " '/', -1), signal_value FROM silver.conversation_signals WHERE call_id = 'in-order' ORDER BY 1"));
        assertEquals(signalRows(lake, "in-order"), signalRows(lake, "reversed"), "batches in the other order");

        List<String> before = signalRows(lake, "in-order");
        landSignals(lake, "in-order-again", List.of(firstSignals("in-order")));
        assertEquals(before, signalRows(lake, "in-order"), "the first batch applied again");
    }

    @Test
    void dealChangesInAnyOrderGiveOneRowAndAnOlderStateUndoesNothing() throws Exception {
        landDeals(lake, "together", List.of(List.of(created("together"), stage("together"), closedWon("together"),
                olderState("together"), amountAtClose("together"))));
        landDeals(lake, "reversed", List.of(List.of(amountAtClose("reversed")), List.of(olderState("reversed")),
                List.of(closedWon("reversed")), List.of(stage("reversed")), List.of(created("reversed"))));
        landDeals(lake, "split", List.of(List.of(closedWon("split"), created("split")),
                List.of(olderState("split"), stage("split"), amountAtClose("split"))));

        assertEquals(List.of("together|hubspot|closedwon|true|true|52000.0|2026-02-20|2026-02-20 10:00:00.0"),
                SinkFixture.strings(lake, "SELECT deal_id, source_system, stage, is_closed, is_won, amount, close_date,"
                        + " updated_at FROM silver.deal_outcomes WHERE deal_id = 'together'"));
        assertEquals(dealRow(lake, "together"), dealRow(lake, "reversed"), "one change a batch, newest first");
        assertEquals(dealRow(lake, "together"), dealRow(lake, "split"), "two batches");

        landDeals(lake, "split-replayed", List.of(List.of(stage("split"), created("split"))));
        Map<String, String> replay = SinkFixture.lastMerge(lake, LakeTable.SILVER_DEAL_OUTCOMES);
        assertEquals("0", replay.get("numTargetRowsUpdated"), "changes already applied rewrite nothing");
        assertEquals("0", replay.get("numTargetRowsInserted"));
        assertEquals(dealRow(lake, "together"), dealRow(lake, "split"), "applied again");
    }

    @Test
    void aNewOptionalFieldOfAReleasedVersionBecomesAColumnAndGoldIsBuiltAsBefore() throws Exception {
        assertTrue(Arrays.asList(lake.spark().table("silver.conversations").schema().fieldNames()).contains("language"),
                "added when the lake was opened");
        Conversation fromVersion2 = evolved("v2-producer", 1).setLanguage("eng").setTranscriptText("hello").build();
        // A producer still on version 1 writes no language, whatever it knew.
        Conversation fromVersion1 = evolved("v1-producer", 2).setLanguage("deu").setTranscriptText("hallo").build();
        // Later, a version-1 producer updates the version-2 producer's call: its transcript only.
        Conversation laterUpdate = evolved("v2-producer", 3).setTranscriptText("hello again").build();
        TypedBatches.land(lake.spark(), "evolution", SilverFlow.conversations(lake, config(), SchemaSource.bundled()),
                "conversations.valid", List.of(List.of(Events.encode(fromVersion2), Events.encodeVersion1(fromVersion1)),
                        List.of(Events.encodeVersion1(laterUpdate))));

        assertEquals(List.of("landed-before|null|null", "v1-producer|null|hallo", "v2-producer|eng|hello again"),
                SinkFixture.strings(lake, "SELECT call_id, language, transcript_text FROM silver.conversations"
                        + " WHERE call_id IN ('landed-before', 'v1-producer', 'v2-producer') ORDER BY call_id"),
                "a version-1 event says nothing about the language, so it leaves the column as it is");
        assertEquals(List.of("1"), SinkFixture.strings(lake, "SELECT _column_versions['language'].source.offset"
                + " FROM silver.conversations WHERE call_id = 'v2-producer'"));

        assertEquals(GoldRefresh.TABLES, GoldRefresh.refresh(lake, config()));
        for (LakeTable gold : GoldRefresh.TABLES) {
            assertFalse(Arrays.asList(lake.spark().table(gold.qualifiedName()).schema().fieldNames()).contains("language"),
                    gold + " names the columns it reads: a new silver column changes no gold definition");
        }
    }

    private static Conversation.Builder evolved(String callId, long rawOffset) {
        return update(callId, SourceRecord.newBuilder().setTopic("conversations.raw").setPartition(2)
                .setOffset(rawOffset).setTimestamp(Instant.parse("2026-03-02T10:00:00Z").plusSeconds(rawOffset)).build());
    }

    /** The deal as created: whole. */
    private static Deal created(String dealId) {
        return deal(dealId, "2026-02-01T10:00:00Z", 0).setStage("appointmentscheduled").setIsClosed(false)
                .setIsWon(false).setAmount(40_000.0).setCloseDate(LocalDate.parse("2026-03-31")).build();
    }

    private static Deal stage(String dealId) {
        return deal(dealId, "2026-02-10T10:00:00Z", 1).setStage("contractsent").setIsClosed(false).setIsWon(false)
                .build();
    }

    private static Deal closedWon(String dealId) {
        return deal(dealId, "2026-02-20T10:00:00Z", 2).setStage("closedwon").setIsClosed(true).setIsWon(true)
                .setCloseDate(LocalDate.parse("2026-02-20")).build();
    }

    /** At the same instant as closedWon, another property: it fills its own column. */
    private static Deal amountAtClose(String dealId) {
        return deal(dealId, "2026-02-20T10:00:00Z", 3).setAmount(52_000.0).build();
    }

    /** A whole state from before the close, sent late: it loses every column to a newer change. */
    private static Deal olderState(String dealId) {
        return deal(dealId, "2026-02-15T10:00:00Z", 4).setStage("decisionmakerboughtin").setIsClosed(false)
                .setIsWon(false).setAmount(45_000.0).setCloseDate(LocalDate.parse("2026-03-15")).build();
    }

    private static Deal.Builder deal(String dealId, String updatedAt, long rawOffset) {
        return Deal.newBuilder().setDealId(dealId).setSourceSystem("hubspot").setUpdatedAt(Instant.parse(updatedAt))
                .setSource(Events.source("deals.raw", rawOffset));
    }

    private void landDeals(LakeCatalog lake, String query, List<List<Deal>> batches) throws Exception {
        TypedBatches.land(lake.spark(), query, SilverFlow.deals(lake, config(), SchemaSource.bundled()), "deals.valid",
                batches.stream().map(batch -> batch.stream().map(DEALS::encode).toList()).toList());
    }

    private static String dealRow(LakeCatalog lake, String dealId) {
        return lake.spark().table("silver.deal_outcomes").where(col("deal_id").equalTo(dealId))
                .drop("deal_id", "ingested_at").toJSON().collectAsList().toString();
    }

    /** Signals of one call: its first evaluations. Ids are the call's, so each variant has its own. */
    private static List<Signal> firstSignals(String callId) {
        SourceRecord src = Events.source("signals.raw", 0);
        return List.of(signal(callId + "/s1", callId, "overall_score", "70", "score", 0.8, "v1", T1, src),
                signal(callId + "/s2", callId, "talk_ratio", "0.5", "score", 0.5, "v1", T1, src));
    }

    /** A newer evaluation of s1, an older one (stale), and a new signal under v2. */
    private static List<Signal> secondSignals(String callId) {
        SourceRecord src = Events.source("signals.raw", 0);
        return List.of(signal(callId + "/s1", callId, "overall_score", "75", "score", 0.9, "v1", T2, src),
                signal(callId + "/s1", callId, "overall_score", "60", "score", 0.5, "v1", T0, src),
                signal(callId + "/s3", callId, "overall_score", "85", "score", 0.6, "v2", T3, src));
    }

    private void landSignals(LakeCatalog lake, String query, List<List<Signal>> batches) throws Exception {
        TypedBatches.land(lake.spark(), query, SilverFlow.signals(lake, config(), SchemaSource.bundled()),
                "signals.valid", batches.stream().map(batch -> batch.stream().map(Events::encode).toList()).toList());
    }

    /** A call's signals without their call, the call's prefix of their ids and the time they were written. */
    private static List<String> signalRows(LakeCatalog lake, String callId) {
        return lake.spark().table("silver.conversation_signals").where(col("call_id").equalTo(callId))
                .withColumn("id", substring_index(col("signal_id"), "/", -1)).drop("signal_id", "call_id", "ingested_at")
                .orderBy("id").toJSON().collectAsList();
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
        TypedBatches.land(lake.spark(), query, SilverFlow.conversations(lake, config(), SchemaSource.bundled()),
                "conversations.valid", batches.stream().map(batch -> batch.stream().map(Events::encode).toList()).toList());
    }

    /** A call's row without its key and the time it was written. */
    private static String row(LakeCatalog lake, String callId) {
        return lake.spark().table("silver.conversations").where(col("call_id").equalTo(callId))
                .drop("call_id", "ingested_at").toJSON().collectAsList().toString();
    }

    private static Config config() {
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
