package io.callsignal.sink;

import static io.callsignal.testkit.Events.signal;
import static io.callsignal.testkit.HandCheckedSet.T0;
import static io.callsignal.testkit.HandCheckedSet.T1;
import static io.callsignal.testkit.HandCheckedSet.T2;
import static io.callsignal.testkit.HandCheckedSet.T3;
import static io.callsignal.testkit.HandCheckedSet.sendSignal;
import static io.callsignal.testkit.SinkFixture.contents;
import static io.callsignal.testkit.SinkFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.lineage.Lineage;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.HandCheckedSet;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a real broker and real Delta tables: a small data set whose every table value is
 * worked out by hand (see the comments), landed once, then again with nothing new, then after a
 * crash between the Delta commits and the checkpoint.
 */
@ExtendWith(WithBroker.class)
class SinkRunIT {

    @TempDir
    Path dir;

    @Test
    void landsEveryLayerOnceAndSecondRunsWriteNothing(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            HandCheckedSet.Published published = HandCheckedSet.publish(fixture);

            LakeCatalog lake = fixture.runSink(Events.withOlderSignalSchema());

            // Bronze: every raw record once, garbage included, with its coordinates.
            assertEquals(published.rawConversations() + 0L, count(lake, "bronze.conversations_raw"));
            assertEquals(published.rawSignals() + 0L, count(lake, "bronze.signals_raw"));
            assertEquals(count(lake, "bronze.conversations_raw"),
                    count(lake, "SELECT DISTINCT source_file FROM bronze.conversations_raw"));
            // The exact bytes, and text only where they are UTF-8: 0xff 0x00 0x13 is not.
            assertEquals(List.of("null|FF0013"), strings(lake, "SELECT raw_payload, hex(raw_bytes)"
                    + " FROM bronze.conversations_raw WHERE raw_payload IS NULL"));
            assertEquals(0L, count(lake, "SELECT * FROM bronze.conversations_raw WHERE raw_payload IS NOT NULL"
                    + " AND NOT (decode(raw_bytes, 'UTF-8') <=> raw_payload)"));
            assertEquals(published.rawSignalPayload(), rows(lake, "SELECT raw_payload FROM bronze.signals_raw WHERE "
                    + "source_file = '" + published.rawSignalFile() + "'").get(0).getString(0));

            // Silver conversations: c1's transcript (a partial update) joined its metadata; c4, c5 refused.
            assertEquals(List.of(
                    "c1|gong|2026-02-10 10:00:00|1800|D1|A1|Alice: hello|{title -> Discovery}|2",
                    "c2|zoom|2026-02-20 10:00:00|600|D1|A1|null|null|1",
                    "c3|canonical|2026-03-05 15:00:00|null|D2|A2|null|null|1"),
                    strings(lake, "SELECT call_id, source_platform, CAST(call_timestamp AS STRING), duration_seconds,"
                            + " deal_id, account_id, transcript_text, CAST(metadata AS STRING), size(participants)"
                            + " FROM silver.conversations ORDER BY call_id"));

            // Silver signals: newest evaluation wins, repeats and stale ones dropped, the older schema loads.
            assertEquals(List.of(
                    "s1|c1|overall_score|75|0.9|v1|2026-03-01 10:00:00",
                    "s10|c3|talk_ratio|0.4|null|v1|2026-03-01 09:00:00",
                    "s2|c1|pricing_objection|true|0.8|v1|2026-03-01 09:00:00",
                    "s3|c2|overall_score|80|0.7|v1|2026-03-01 09:00:00",
                    "s4|c2|overall_score|85|0.6|v2|2026-03-01 11:00:00",
                    "s5|c3|overall_score|90|1.0|v1|2026-03-01 09:00:00",
                    "s6|c3|deal_stage|negotiation|0.9|v1|2026-03-01 09:00:00"),
                    strings(lake, "SELECT signal_id, call_id, signal_name, signal_value, confidence, scoring_version,"
                            + " CAST(evaluated_at AS STRING) FROM silver.conversation_signals ORDER BY signal_id"));

            // Quarantine: the streams app's three records, and what the sink refused itself.
            assertEquals(List.of(
                    "sink|conversation|FUTURE_TIMESTAMP|call_timestamp",
                    "sink|conversation|MISSING_FIELD|call_id",
                    "sink|conversation|UNDECODABLE_EVENT|null",
                    "sink|signal|CONFIDENCE_OUT_OF_RANGE|confidence",
                    "sink|signal|CONFLICTING_DUPLICATE|signal_id",
                    "streams-app|null|UNDECODABLE_EVENT|null",
                    "streams-app|conversation|MALFORMED_JSON|null",
                    "streams-app|signal|INVALID_SIGNAL_TYPE|signal_type"),
                    strings(lake, "SELECT quarantined_by, entity, reason, field FROM silver.quarantine"
                            + " ORDER BY quarantined_by, entity, reason"));
            assertEquals(List.of("conversations.raw-x|0|7|{\"call_id\": 1}"), strings(lake,
                    "SELECT source_topic, source_partition, source_offset, payload FROM silver.quarantine"
                            + " WHERE reason = 'MALFORMED_JSON'"));

            // Gold, by hand. D1: calls c1, c2; signals s1, s2 (c1) and s3, s4 (c2); confidence
            // (0.9 + 0.8 + 0.7 + 0.6) / 4 = 0.75; one risk flag (pricing_objection); latest call c2,
            // whose newest overall_score is s4 = 85. D2: c3 with s5, s6, s10 (no confidence).
            assertEquals(List.of(
                    "D1|2|4|3|1|0|0|0|0.75|1|85.0",
                    "D2|1|3|2|0|1|0|0|0.95|0|90.0"),
                    strings(lake, "SELECT deal_id, calls, signals, score_signals, boolean_signals, category_signals,"
                            + " extraction_signals, count_signals, round(avg_confidence, 4), risk_flags,"
                            + " latest_overall_score FROM gold.deal_signal_summary ORDER BY deal_id"));
            // alice is the rep on c1 (75, v1) and c2 (80 under v1, 85 under v2); carol is internal on c3.
            assertEquals(List.of(
                    "alice@acme.com|2026-02-01|v1|77.5|2",
                    "alice@acme.com|2026-02-01|v2|85.0|1",
                    "carol@acme.com|2026-03-01|v1|90.0|1"),
                    strings(lake, "SELECT rep_email, CAST(month AS STRING), scoring_version, avg_score, calls"
                            + " FROM gold.rep_monthly_scores ORDER BY rep_email, scoring_version"));
            assertEquals(List.of(
                    "c1|75|true|null|null",
                    "c2|85|null|null|null",
                    "c3|90|null|negotiation|0.4"),
                    strings(lake, "SELECT call_id, overall_score, pricing_objection, deal_stage, talk_ratio"
                            + " FROM gold.call_signal_pivot ORDER BY call_id"));

            // Lineage: s1's winning evaluation leads back to the raw record it was read from, in bronze.
            ObjectNode path = Lineage.ofSignal(lake, "s1").orElseThrow();
            assertEquals(published.rawSignalFile(), path.at("/source/source_file").asText());
            assertEquals(published.rawSignalPayload(), path.at("/bronze/row/raw_payload").asText());

            Map<LakeTable, Long> versions = fixture.versions(lake);
            fixture.runSink(Events.withOlderSignalSchema());
            assertEquals(versions, fixture.versions(lake), "a run with no new input writes nothing");
        }
    }

    @Test
    void aBatchReplayedAfterACrashBetweenDeltaCommitAndCheckpointChangesNothing(BrokerProcess broker)
            throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            HandCheckedSet.publish(fixture);
            LakeCatalog lake = fixture.runSink(Events.withOlderSignalSchema());
            Map<LakeTable, Long> versions = fixture.versions(lake);
            Map<LakeTable, List<String>> tables = Stream.of(LakeTable.values()).filter(lake::exists)
                    .collect(Collectors.toMap(t -> t, t -> contents(lake, t)));

            // The crash window: every flow's last batch is committed to Delta but not to its checkpoint,
            // so the restarted flows run those batches again.
            try (Stream<Path> flows = Files.list(fixture.lakeRoot().resolve("_checkpoints"))) {
                for (Path flow : flows.toList()) {
                    try (Stream<Path> commits = Files.list(flow.resolve("commits"))) {
                        Path last = commits.filter(p -> p.getFileName().toString().matches("\\d+"))
                                .max((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()),
                                        Long.parseLong(b.getFileName().toString()))).orElseThrow();
                        Files.delete(last);
                        Files.deleteIfExists(last.resolveSibling("." + last.getFileName() + ".crc"));
                    }
                }
            }
            fixture.runSink(Events.withOlderSignalSchema());

            assertEquals(versions, fixture.versions(lake));
            tables.forEach((table, rows) -> assertEquals(rows, contents(lake, table), table.qualifiedName()));
        }
    }

    @Test
    void signalsInAnotherOrderOrAppliedTwiceGiveTheSameTable(BrokerProcess broker) throws Exception {
        SourceRecord src = Events.source("signals.raw", 0);
        List<Signal> first = List.of(
                signal("s1", "c1", "overall_score", "70", "score", 0.8, "v1", T1, src),
                signal("s2", "c1", "talk_ratio", "0.5", "score", 0.5, "v1", T1, src));
        List<Signal> second = List.of(
                signal("s1", "c1", "overall_score", "75", "score", 0.9, "v1", T2, src),
                signal("s1", "c1", "overall_score", "60", "score", 0.5, "v1", T0, src),
                signal("s3", "c1", "overall_score", "85", "score", 0.6, "v2", T3, src));
        try (SinkFixture inOrder = SinkFixture.create(broker, dir.resolve("in-order"));
                SinkFixture reversed = SinkFixture.create(broker, dir.resolve("reversed"))) {
            LakeCatalog lake = landInBatches(inOrder, first, second);
            List<String> expected = contents(lake, LakeTable.SILVER_SIGNALS, "ingested_at");
            assertEquals(List.of("s1|75", "s2|0.5", "s3|85"), strings(lake,
                    "SELECT signal_id, signal_value FROM silver.conversation_signals ORDER BY signal_id"));

            assertEquals(expected, contents(landInBatches(reversed, second, first), LakeTable.SILVER_SIGNALS,
                    "ingested_at"), "batches in the other order");
            assertEquals(expected, contents(landInBatches(inOrder, first), LakeTable.SILVER_SIGNALS, "ingested_at"),
                    "the first batch applied again");
        }
    }

    @Test
    void aTimestampIsJudgedAgainstTheEventsArrivalNotTheSinksClock(BrokerProcess broker) throws Exception {
        Instant arrival = Instant.now().minus(Duration.ofDays(5));
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            SourceRecord src = Events.source("conversations.raw", 1);
            // A day after its arrival: in the future then (a replay days later must say so too), past now.
            fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, "ahead", Events.encode(Events.conversation(
                    "ahead", "gong", src).setCallTimestamp(arrival.plus(Duration.ofDays(1))).build()), arrival);
            fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, "on-time", Events.encode(Events.conversation(
                    "on-time", "gong", Events.source("conversations.raw", 2))
                    .setCallTimestamp(arrival.plus(Duration.ofMinutes(1))).build()), arrival);
            LakeCatalog lake = fixture.runSink();

            assertEquals(List.of("on-time"), strings(lake, "SELECT call_id FROM silver.conversations"));
            assertEquals(List.of("FUTURE_TIMESTAMP|call_timestamp|conversations.raw|1"), strings(lake,
                    "SELECT reason, field, source_topic, source_offset FROM silver.quarantine"));
        }
    }

    @Test
    void aConflictAcrossBatchesIsJudgedAsWithinOneAndQuarantinedOnceOverAReplay(BrokerProcess broker)
            throws Exception {
        Signal first = signal("s6", "c3", "deal_stage", "negotiation", "category", 0.9, "v1", T1,
                Events.source("signals.raw", 10));
        Signal conflicting = signal("s6", "c3", "deal_stage", "closed", "category", 0.9, "v1", T1,
                Events.source("signals.raw", 11));
        String silver = "SELECT signal_id, signal_value FROM silver.conversation_signals";
        String quarantine = "SELECT quarantined_by, reason, field, source_topic, source_offset FROM silver.quarantine";
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            // Within one batch the second is a CONFLICTING_DUPLICATE (landsEveryLayerOnce...); across two, too.
            LakeCatalog lake = landInBatches(fixture, List.of(first), List.of(conflicting));
            List<String> expectedQuarantine = List.of("sink|CONFLICTING_DUPLICATE|signal_id|signals.raw|11");
            assertEquals(List.of("s6|negotiation"), strings(lake, silver));
            assertEquals(expectedQuarantine, strings(lake, quarantine));

            // The streams app, replayed, writes both again at new typed offsets: still one unit each.
            lake = landInBatches(fixture, List.of(first, conflicting));
            assertEquals(List.of("s6|negotiation"), strings(lake, silver));
            assertEquals(expectedQuarantine, strings(lake, quarantine));
        }
    }

    /** Each list published, then landed by a sink run of its own. */
    @SafeVarargs
    private static LakeCatalog landInBatches(SinkFixture fixture, List<Signal>... batches) throws Exception {
        LakeCatalog lake = null;
        for (List<Signal> batch : batches) {
            for (Signal signal : batch) {
                sendSignal(fixture, signal);
            }
            lake = fixture.runSink();
        }
        return lake;
    }

    static long count(LakeCatalog lake, String tableOrQuery) {
        String query = tableOrQuery.startsWith("SELECT") ? tableOrQuery : "SELECT * FROM " + tableOrQuery;
        return lake.spark().sql(query).count();
    }

    /** Each row as its values joined by |, null as "null". */
    static List<String> strings(LakeCatalog lake, String query) {
        return rows(lake, query).stream().map(SinkRunIT::join).toList();
    }

    private static String join(Row row) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            text.append(i == 0 ? "" : "|").append(row.isNullAt(i) ? "null" : row.get(i).toString());
        }
        return text.toString();
    }
}
