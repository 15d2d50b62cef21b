package io.callsignal.testkit;

import static io.callsignal.config.CommonSettings.TOPIC_CONVERSATIONS_RAW;
import static io.callsignal.config.CommonSettings.TOPIC_CONVERSATIONS_VALID;
import static io.callsignal.config.CommonSettings.TOPIC_QUARANTINE;
import static io.callsignal.config.CommonSettings.TOPIC_SIGNALS_RAW;
import static io.callsignal.config.CommonSettings.TOPIC_SIGNALS_VALID;
import static io.callsignal.testkit.Events.conversation;
import static io.callsignal.testkit.Events.encode;
import static io.callsignal.testkit.Events.participant;
import static io.callsignal.testkit.Events.signal;
import static io.callsignal.testkit.Events.source;

import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A small data set for the sink whose every table value is worked out by hand (SinkRunIT says how):
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

        fixture.send(TOPIC_QUARANTINE, null, quarantineRecord("conversation", "MALFORMED_JSON", null,
                "conversations.raw-x", 7, "{\\\"call_id\\\": 1}"));
        fixture.send(TOPIC_QUARANTINE, null, quarantineRecord("signal", "INVALID_SIGNAL_TYPE", "\"signal_type\"",
                "signals.raw-x", 3, "{}"));
        fixture.send(TOPIC_QUARANTINE, null, "not json".getBytes(StandardCharsets.UTF_8));
        return new Published(rawConversations.size() + 1, 2,
                "kafka://" + s1Raw.topic() + "/" + s1Raw.partition() + "/" + s1Raw.offset(), rawSignal);
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
