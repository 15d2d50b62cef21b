package io.callsignal.testkit;

import static io.callsignal.config.CommonSettings.TOPIC_CONVERSATIONS_RAW;
import static io.callsignal.config.CommonSettings.TOPIC_CONVERSATIONS_VALID;
import static io.callsignal.config.CommonSettings.TOPIC_DEALS_RAW;
import static io.callsignal.config.CommonSettings.TOPIC_DEALS_VALID;
import static io.callsignal.config.CommonSettings.TOPIC_QUARANTINE;
import static io.callsignal.config.CommonSettings.TOPIC_SIGNALS_RAW;
import static io.callsignal.config.CommonSettings.TOPIC_SIGNALS_VALID;
import static io.callsignal.testkit.Events.conversation;
import static io.callsignal.testkit.Events.encode;
import static io.callsignal.testkit.Events.participant;
import static io.callsignal.testkit.Events.signal;
import static io.callsignal.testkit.Events.source;
import static io.callsignal.testkit.SinkFixture.count;
import static io.callsignal.testkit.SinkFixture.rows;
import static io.callsignal.testkit.SinkFixture.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.lineage.Lineage;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A small data set for the sink whose every table value is worked out by hand ({@link #assertLanded} says how):
 * raw records for bronze, typed events with partial updates, re-evaluations, stale and duplicate
 * signals, records the sink must refuse, one in an older schema, and the streams app's quarantine.
 */
public final class HandCheckedSet {

    public static final String T0 = "2026-03-01T08:00:00Z";
    public static final String T1 = "2026-03-01T09:00:00Z";
    public static final String T2 = "2026-03-01T10:00:00Z";
    public static final String T3 = "2026-03-01T11:00:00Z";

    private HandCheckedSet() {
    }

    public record Published(int rawConversations, int rawSignals, String rawSignalFile, String rawSignalPayload) {
    }

    /** The data set the assertions above work out by hand. */
    public static Published publish(SinkFixture fixture) throws Exception {
        // Raw records, as producers send them: bronze keeps them all, even bytes that are not text.
        List<String> rawConversations = List.of("{\"call_id\":\"c1\"}", "{\"call_id\":\"c2\"}",
                "{\"call_id\":\"c3\"}", "{\"call_id\": 1}");
        for (String raw : rawConversations) {
            fixture.send(TOPIC_CONVERSATIONS_RAW, null, raw.getBytes(StandardCharsets.UTF_8));
        }
        fixture.send(TOPIC_CONVERSATIONS_RAW, null, new byte[] {(byte) 0xff, 0x00, 0x13});
        String rawSignal = "{\"call_id\":\"c1\",\"signal_name\":\"overall_score\",\"signal_value\":\"75\"}";
        RecordMetadata s1Raw = fixture.send(TOPIC_SIGNALS_RAW, null, rawSignal.getBytes(StandardCharsets.UTF_8));
        fixture.send(TOPIC_SIGNALS_RAW, null, "{}".getBytes(StandardCharsets.UTF_8));

        SourceRecord src = Events.source("conversations.raw", 1);
        fixture.send(TOPIC_CONVERSATIONS_VALID, "c1", encode(conversation("c1", "gong", src)
                .setCallTimestamp(Instant.parse("2026-02-10T10:00:00Z")).setDurationSeconds(1800)
                .setDealId("D1").setAccountId("A1").setMetadata(Map.of("title", "Discovery"))
                .setParticipants(List.of(participant("Alice", "alice@acme.com", "rep"),
                        participant("Bob", "bob@prospect.com", "prospect"))).build()));
        fixture.send(TOPIC_CONVERSATIONS_VALID, "c1", encode(conversation("c1", "gong", src)
                .setTranscriptText("Alice: hello").build()));
        fixture.send(TOPIC_CONVERSATIONS_VALID, "c2", encode(conversation("c2", "zoom", src)
                .setCallTimestamp(Instant.parse("2026-02-20T10:00:00Z")).setDurationSeconds(600)
                .setDealId("D1").setAccountId("A1")
                .setParticipants(List.of(participant("Alice", "alice@acme.com", "rep"))).build()));
        fixture.send(TOPIC_CONVERSATIONS_VALID, "c3", encode(conversation("c3", "canonical", src)
                .setCallTimestamp(Instant.parse("2026-03-05T15:00:00Z")).setDealId("D2").setAccountId("A2")
                .setParticipants(List.of(participant("Carol", "carol@acme.com", "internal"))).build()));
        fixture.send(TOPIC_CONVERSATIONS_VALID, "c4", encode(conversation("c4", "canonical", src)
                .setCallTimestamp(Instant.now().plus(1, ChronoUnit.DAYS)).build()));
        fixture.send(TOPIC_CONVERSATIONS_VALID, " ", encode(conversation(" ", "canonical", src).build()));
        fixture.send(TOPIC_CONVERSATIONS_VALID, "c6", new byte[] {(byte) 0xc3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9});

        SourceRecord s1Source = source(s1Raw);
        sendSignal(fixture, signal("s1", "c1", "overall_score", "70", "score", 0.8, "v1", T1, s1Source));
        sendSignal(fixture, signal("s1", "c1", "overall_score", "75", "score", 0.9, "v1", T2, s1Source));
        sendSignal(fixture, signal("s1", "c1", "overall_score", "60", "score", 0.5, "v1", T0, s1Source));
        sendSignal(fixture, signal("s2", "c1", "pricing_objection", "true", "boolean", 0.8, "v1", T1, src));
        sendSignal(fixture, signal("s3", "c2", "overall_score", "80", "score", 0.7, "v1", T1, src));
        sendSignal(fixture, signal("s4", "c2", "overall_score", "85", "score", 0.6, "v2", T3, src));
        sendSignal(fixture, signal("s5", "c3", "overall_score", "90", "score", 1.0, "v1", T1, src));
        sendSignal(fixture, signal("s5", "c3", "overall_score", "90", "score", 1.0, "v1", T1, src));
        sendSignal(fixture, signal("s6", "c3", "deal_stage", "negotiation", "category", 0.9, "v1", T1, src));
        sendSignal(fixture, signal("s6", "c3", "deal_stage", "closed", "category", 0.9, "v1", T1, src));
        sendSignal(fixture, signal("s9", "c3", "next_steps_agreed", "true", "boolean", 1.5, "v1", T1, src));
        fixture.send(TOPIC_SIGNALS_VALID, "s10",
                Events.encodeOlder("s10", "c3", "talk_ratio", "0.4", "score", "v1", T1, src));

        // Deals: D1's close arrives before its older change; each column keeps its newest value
        // (stage and outcome from the close, amount from the older change, the only one that set it).
        fixture.send(TOPIC_DEALS_RAW, null, "{\"deal_id\":\"D1\"}".getBytes(StandardCharsets.UTF_8));
        SourceRecord dealSrc = Events.source("deals.raw", 0);
        fixture.send(TOPIC_DEALS_VALID, "D1", encode(Events.deal("D1", "salesforce", T3, dealSrc).setStage("Closed Won")
                .setIsClosed(true).setIsWon(true).setCloseDate(LocalDate.parse("2026-03-01")).build()));
        fixture.send(TOPIC_DEALS_VALID, "D1", encode(Events.deal("D1", "salesforce", T1, dealSrc).setStage("Prospecting")
                .setIsClosed(false).setIsWon(false).setAmount(50_000.0).build()));
        fixture.send(TOPIC_DEALS_VALID, "D2", encode(Events.deal("D2", "hubspot", T2, dealSrc).setAmount(9_000.0).build()));

        fixture.send(TOPIC_QUARANTINE, null, quarantineRecord("conversation", "MALFORMED_JSON", null,
                "conversations.raw-x", 7, "{\\\"call_id\\\": 1}"));
        fixture.send(TOPIC_QUARANTINE, null, quarantineRecord("signal", "INVALID_SIGNAL_TYPE", "\"signal_type\"",
                "signals.raw-x", 3, "{}"));
        fixture.send(TOPIC_QUARANTINE, null, "not json".getBytes(StandardCharsets.UTF_8));
        return new Published(rawConversations.size() + 1, 2,
                "kafka://" + s1Raw.topic() + "/" + s1Raw.partition() + "/" + s1Raw.offset(), rawSignal);
    }

    /** Every table as the set must have landed it: the values worked out by hand in the comments. */
    public static void assertLanded(LakeCatalog lake, Published published) {
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

        assertEquals(1L, count(lake, "bronze.deals_raw"));
        assertEquals(List.of("D1|salesforce|Closed Won|true|true|50000.0|2026-03-01|2026-03-01 11:00:00",
                "D2|hubspot|null|null|null|9000.0|null|2026-03-01 10:00:00"), strings(lake, "SELECT deal_id,"
                        + " source_system, stage, is_closed, is_won, amount, close_date, CAST(updated_at AS STRING)"
                        + " FROM silver.deal_outcomes ORDER BY deal_id"));

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
    }

    public static void sendSignal(SinkFixture fixture, Signal signal) throws Exception {
        fixture.send(TOPIC_SIGNALS_VALID, signal.getSignalId(), encode(signal));
    }

    private static byte[] quarantineRecord(String entity, String reason, String field, String topic, long offset,
            String payload) {
        return ("{\"entity\":\"" + entity + "\",\"reason\":\"" + reason + "\",\"field\":" + field
                + ",\"detail\":\"d\",\"source_topic\":\"" + topic + "\",\"source_partition\":0,\"source_offset\":"
                + offset + ",\"source_timestamp\":\"2026-03-01T12:00:00Z\",\"index\":null,\"key\":null,"
                + "\"key_base64\":null,\"payload\":\"" + payload + "\",\"payload_base64\":null,\"payload_in\":null,"
                + "\"headers\":[{\"key\":\"source_platform\",\"value\":\"gong\"}],\"quarantined_at\":\"2026-03-01T12:00:01.123456Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

}
