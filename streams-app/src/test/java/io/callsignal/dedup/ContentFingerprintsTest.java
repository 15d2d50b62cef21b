package io.callsignal.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.callsignal.schema.Conversation;
import io.callsignal.schema.Participant;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** Dedup content is every field of the schema but an event's key and lineage, fingerprinted by value. */
class ContentFingerprintsTest {

    private static final SourceRecord SOURCE = new SourceRecord("conversations.raw", 0, 7L, Instant.EPOCH, null);

    @Test
    void everyConversationFieldButKeyAndLineageIsContent() {
        Conversation call = conversation(new LinkedHashMap<>(Map.of("title", "Intro")));
        for (Schema.Field field : Conversation.SCHEMA$.getFields()) {
            Conversation changed = Conversation.newBuilder(call).build();
            changed.put(field.pos(), changedValue(call.get(field.pos())));
            Map<String, Long> before = ConversationState.CONTENT.perField(call);
            Map<String, Long> after = ConversationState.CONTENT.perField(changed);
            if (field.name().equals("call_id") || field.name().equals("source")) {
                assertEquals(before, after, field.name() + " is not content");
            } else {
                assertNotEquals(before.get(field.name()), after.get(field.name()), field.name() + " is content");
            }
        }
    }

    @Test
    void everySignalFieldButKeyLineageAndEvaluationTimeIsContent() {
        Signal signal = Signal.newBuilder().setSignalId("s-1").setCallId("c-1").setSignalName("overall_score")
                .setSignalValue("0.5").setSignalType("score").setConfidence(0.9).setScoringVersion("v1")
                .setEvaluatedAt(Instant.parse("2026-02-18T19:05:00Z")).setRescuedData("{\"x\":1}")
                .setSource(SOURCE).build();
        for (Schema.Field field : Signal.SCHEMA$.getFields()) {
            Signal changed = Signal.newBuilder(signal).build();
            changed.put(field.pos(), changedValue(signal.get(field.pos())));
            boolean content = !List.of("signal_id", "source", "evaluated_at").contains(field.name());
            assertEquals(content, SignalState.CONTENT.whole(signal) != SignalState.CONTENT.whole(changed), field.name());
        }
    }

    @Test
    void mapsHaveTheSameFingerprintInAnyOrder() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("url", "https://x");
        oneOrder.put("title", "Intro");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("title", "Intro");
        otherOrder.put("url", "https://x");

        assertEquals(ConversationState.CONTENT.perField(conversation(oneOrder)),
                ConversationState.CONTENT.perField(conversation(otherOrder)));
    }

    private static Conversation conversation(Map<String, String> metadata) {
        return Conversation.newBuilder().setCallId("c-1").setSourcePlatform("gong")
                .setCallTimestamp(Instant.parse("2026-02-01T10:00:00Z")).setDurationSeconds(600)
                .setParticipants(List.of(new Participant("Ana", "ana@x.com", "rep"))).setDealId("D-1")
                .setAccountId("A-1").setTranscriptText("A: hi").setMetadata(metadata).setRescuedData("{\"y\":2}")
                .setSource(SOURCE).setLanguage("eng").build();
    }

    /** A different value of the same type. */
    private static Object changedValue(Object value) {
        if (value instanceof CharSequence text) {
            return text + "'";
        } else if (value instanceof Integer number) {
            return number + 1;
        } else if (value instanceof Long number) {
            return number + 1;
        } else if (value instanceof Double number) {
            return number / 2;
        } else if (value instanceof Instant instant) {
            return instant.plusMillis(1);
        } else if (value instanceof List<?> list) {
            return List.of();
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> more = new LinkedHashMap<>(map);
            more.put("added", "1");
            return more;
        } else if (value instanceof SpecificRecordBase record) {
            return new SourceRecord("other", 1, 8L, Instant.EPOCH, 3);
        }
        throw new IllegalArgumentException("no change for " + value);
    }
}
