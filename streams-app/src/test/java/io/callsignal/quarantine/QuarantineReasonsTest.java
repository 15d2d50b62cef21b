package io.callsignal.quarantine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.raw.HeaderText;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.testkit.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a record can be wrong lands in the quarantine with its reason, its original bytes and where it came from. */
class QuarantineReasonsTest {

    private static final String CALL = "\"call_id\":\"c-1\",\"source_platform\":\"canonical\"";
    private static final String SIGNAL = "\"call_id\":\"c-1\",\"signal_name\":\"overall_score\",\"scoring_version\":\"v1\"";
    private static final String AT = ",\"evaluated_at\":\"2026-02-18T19:05:00Z\"";

    private final PipelineDriver pipeline = new PipelineDriver(Map.of("MAX_PAYLOAD_BYTES", "4KiB"));

    @AfterEach
    void close() {
        pipeline.close();
    }

    static Stream<Arguments> badConversations() {
        return Stream.of(
                Arguments.of(Reason.MALFORMED_JSON, null, "{\"call_id\": \"c-1\""),
                Arguments.of(Reason.MALFORMED_JSON, null, "{\"call_id\":\"c-1\",\"call_id\":\"c-2\"}"),
                Arguments.of(Reason.MALFORMED_JSON, null, "{\"call_id\":\"c-1\"} trailing"),
                Arguments.of(Reason.MALFORMED_JSON, null, ""),
                Arguments.of(Reason.MALFORMED_JSON, null, "{\"a\":".repeat(300) + "1" + "}".repeat(300)),
                Arguments.of(Reason.UNRECOGNIZED_FORMAT, null, "{\"hello\":\"world\"}"),
                Arguments.of(Reason.UNRECOGNIZED_FORMAT, null, "[{\"call_id\":\"c-1\"}]"),
                Arguments.of(Reason.UNRECOGNIZED_FORMAT, null, "{\"event\":\"meeting.started\",\"payload\":{}}"),
                Arguments.of(Reason.MISSING_FIELD, "call_id", "{\"source_platform\":\"canonical\",\"duration_seconds\":60}"),
                Arguments.of(Reason.MISSING_FIELD, "calls[0].metaData", "{\"calls\":[{\"parties\":[]}]}"),
                Arguments.of(Reason.INVALID_FIELD, "participants", "{" + CALL + ",\"participants\":\"Ana, Bo\"}"),
                Arguments.of(Reason.INVALID_TIMESTAMP, "call_timestamp", "{" + CALL + ",\"call_timestamp\":\"yesterday\"}"),
                Arguments.of(Reason.INVALID_TIMESTAMP, "call_timestamp", "{" + CALL + ",\"call_timestamp\":\"2026-02-01T10:00:00\"}"),
                Arguments.of(Reason.INVALID_TIMESTAMP, "call_timestamp", "{" + CALL + ",\"call_timestamp\":1771500000}"),
                Arguments.of(Reason.FUTURE_TIMESTAMP, "call_timestamp", "{" + CALL + ",\"call_timestamp\":\"2026-03-01T12:06:00Z\"}"),
                Arguments.of(Reason.INVALID_DURATION, "duration_seconds", "{" + CALL + ",\"duration_seconds\":-5}"),
                Arguments.of(Reason.INVALID_DURATION, "duration_seconds", "{" + CALL + ",\"duration_seconds\":90000}"),
                Arguments.of(Reason.INVALID_DURATION, "duration_seconds", "{" + CALL + ",\"duration_seconds\":12.5}"),
                Arguments.of(Reason.PAYLOAD_TOO_LARGE, null, "{" + CALL + ",\"transcript_text\":\"" + "x".repeat(5000) + "\"}"));
    }

    static Stream<Arguments> badSignals() {
        return Stream.of(
                Arguments.of(Reason.MISSING_FIELD, "evaluated_at", "{" + SIGNAL + ",\"signal_type\":\"score\",\"signal_value\":1}"),
                Arguments.of(Reason.MISSING_FIELD, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"score\"}"),
                Arguments.of(Reason.INVALID_SIGNAL_TYPE, "signal_type", "{" + SIGNAL + AT + ",\"signal_type\":\"sentiment\",\"signal_value\":1}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"score\",\"signal_value\":\"high\"}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"boolean\",\"signal_value\":\"yes\"}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"count\",\"signal_value\":-1}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"count\",\"signal_value\":2.5}"),
                // Numbers whose plain text would not fit in memory: once an OutOfMemoryError that stopped the app.
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"score\",\"signal_value\":\"1e2000000000\"}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"count\",\"signal_value\":\"1e999999999\"}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"count\",\"signal_value\":1e51}"),
                Arguments.of(Reason.VALUE_TYPE_MISMATCH, "signal_value", "{" + SIGNAL + AT + ",\"signal_type\":\"category\",\"signal_value\":\" \"}"),
                Arguments.of(Reason.CONFIDENCE_OUT_OF_RANGE, "confidence", "{" + SIGNAL + AT + ",\"signal_type\":\"score\",\"signal_value\":1,\"confidence\":1.5}"),
                Arguments.of(Reason.CONFIDENCE_OUT_OF_RANGE, "confidence", "{" + SIGNAL + AT + ",\"signal_type\":\"score\",\"signal_value\":1,\"confidence\":-0.1}"),
                Arguments.of(Reason.CONFIDENCE_OUT_OF_RANGE, "confidence", "{" + SIGNAL + AT + ",\"signal_type\":\"score\",\"signal_value\":1,\"confidence\":NaN}"),
                Arguments.of(Reason.FUTURE_TIMESTAMP, "evaluated_at", "{" + SIGNAL + ",\"evaluated_at\":\"2027-01-01T00:00:00Z\",\"signal_type\":\"score\",\"signal_value\":1}"));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("badConversations")
    void badConversationIsQuarantined(Reason reason, String field, String payload) {
        pipeline.sendConversation(payload);

        assertQuarantined(Entity.CONVERSATION, reason, field, payload, "conversations.raw");
        assertEquals(List.of(), pipeline.conversations());
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("badSignals")
    void badSignalIsQuarantined(Reason reason, String field, String payload) {
        pipeline.sendSignal(payload);

        assertQuarantined(Entity.SIGNAL, reason, field, payload, "signals.raw");
        assertEquals(List.of(), pipeline.signals());
    }

    @Test
    void bytesThatAreNotUtf8AreKeptInBase64() {
        byte[] garbage = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x7B};

        pipeline.sendConversation(garbage, Map.of("source_platform", "gong"));

        QuarantineRecord record = pipeline.quarantined().get(0);
        assertEquals(Reason.MALFORMED_JSON, record.reason());
        assertNull(record.payload());
        assertArrayEquals(garbage, record.originalPayload());
        assertEquals(List.of(new HeaderText("source_platform", "gong")), record.headers());
    }

    @Test
    void aTombstoneIsAQuarantinedUnit() {
        pipeline.sendConversation(null, Map.of());

        QuarantineRecord record = pipeline.quarantined().get(0);
        assertEquals(Reason.MALFORMED_JSON, record.reason());
        assertTrue(record.detail().contains("tombstone"), record.detail());
        assertNull(record.originalPayload());
        assertEquals(0, pipeline.unaccounted());
    }

    @Test
    void repeatedHeadersAreKeptInOrder() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "a".getBytes(StandardCharsets.UTF_8));
        headers.add("source_platform", "gong".getBytes(StandardCharsets.UTF_8));
        headers.add("trace", new byte[] {(byte) 0xFF});
        headers.add("trace", null);

        pipeline.sendConversation("{}".getBytes(StandardCharsets.UTF_8), headers);

        List<HeaderText> kept = pipeline.quarantined().get(0).headers();
        assertEquals(List.of(new HeaderText("trace", "a"), new HeaderText("source_platform", "gong"),
                new HeaderText("trace", "base64:/w=="), new HeaderText("trace", null)), kept);
        assertArrayEquals(new byte[] {(byte) 0xFF}, kept.get(2).bytes());
    }

    @Test
    void textThatJsonEscapingWouldBlowUpIsKeptInBase64() {
        byte[] controls = ("{\"a\":\"" + "\u0001".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] lines = "{\n  \"not\": \"valid\",\n}".getBytes(StandardCharsets.UTF_8);

        pipeline.sendConversation(controls, Map.of());
        pipeline.sendConversation(lines, Map.of());

        List<QuarantineRecord> records = pipeline.quarantined();
        assertNull(records.get(0).payload(), "100 control characters would take 600 bytes as JSON text");
        assertArrayEquals(controls, records.get(0).originalPayload());
        assertEquals(new String(lines, StandardCharsets.UTF_8), records.get(1).payload(), "newlines stay text");
    }

    @Test
    void justUnderTheSkewIsStillOnTime() {
        pipeline.sendConversation("{" + CALL + ",\"call_timestamp\":\"2026-03-01T12:04:00Z\"}");

        assertEquals(1, pipeline.conversations().size());
    }

    private void assertQuarantined(Entity entity, Reason reason, String field, String payload, String topic) {
        List<QuarantineRecord> rejected = pipeline.quarantined();
        assertEquals(1, rejected.size(), () -> "quarantined: " + rejected);
        QuarantineRecord record = rejected.get(0);
        assertEquals(reason, record.reason(), record::detail);
        assertEquals(field, record.field(), record::detail);
        assertEquals(entity.label(), record.entity());
        assertEquals(topic, record.sourceTopic());
        assertEquals(0, record.sourcePartition());
        assertEquals(0L, record.sourceOffset());
        assertEquals(PipelineDriver.NOW, record.sourceTimestamp());
        assertEquals(PipelineDriver.NOW, record.quarantinedAt(), "stamped with the stream's wall clock");
        assertTrue(record.detail() != null && record.detail().length() < 1000, "a short, readable detail");
        if (reason == Reason.PAYLOAD_TOO_LARGE) {
            assertNull(record.originalPayload(), "too large to copy; it stays at its source coordinates");
        } else {
            assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), record.originalPayload());
        }
        assertEquals(0, pipeline.unaccounted());
        assertEquals(1.0, pipeline.metrics.total("callsignal.quarantined", entity));
    }
}
