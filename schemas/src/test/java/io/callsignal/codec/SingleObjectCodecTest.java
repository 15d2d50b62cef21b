package io.callsignal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsignal.schema.Conversation;
import io.callsignal.schema.Participant;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

    private static final SourceRecord SOURCE = SourceRecord.newBuilder()
            .setTopic("signals.raw").setPartition(2).setOffset(41L)
            .setTimestamp(Instant.parse("2026-03-01T10:15:30Z")).build();

    private final SchemaHistory history = SchemaHistory.bundled();

    @Test
    void conversationRoundTripsWithEveryField() throws Exception {
        Conversation call = Conversation.newBuilder()
                .setCallId("c-1").setSourcePlatform("gong")
                .setCallTimestamp(Instant.parse("2026-03-01T09:00:00Z")).setDurationSeconds(1800)
                .setParticipants(List.of(new Participant("Ana Rep", "ana@seller.com", "rep")))
                .setDealId("D-9").setAccountId("A-3").setTranscriptText("Ana: hello")
                .setMetadata(Map.of("title", "Discovery")).setRescuedData("{\"x\":1}")
                .setSource(SOURCE).build();
        SingleObjectCodec<Conversation> codec = SingleObjectCodec.conversations(history);

        assertEquals(call, codec.decode(codec.encode(call)));
    }

    @Test
    void writesTheSpecHeaderWithTheCurrentFingerprint() {
        byte[] bytes = SingleObjectCodec.signals(history).encode(signal());

        assertArrayEquals(new byte[] {(byte) 0xC3, 0x01}, Arrays.copyOf(bytes, 2));
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(SchemaHistory.fingerprint(Signal.getClassSchema()), fingerprint);
    }

    @Test
    void readsARecordWrittenWithAnOlderVersion() throws Exception {
        Schema older = olderSignalSchema();
        SchemaHistory withOlder = SchemaHistory.of(Map.of(Signal.getClassSchema().getFullName(),
                List.of(older, Signal.getClassSchema())));
        GenericRecord source = new GenericData.Record(older.getField("source").schema());
        source.put("topic", "signals.raw");
        source.put("partition", 0);
        source.put("offset", 7L);
        source.put("timestamp", 1_700_000_000_000L);
        GenericRecord old = new GenericData.Record(older);
        old.put("signal_id", "s-1");
        old.put("call_id", "c-1");
        old.put("signal_name", "overall_score");
        old.put("signal_value", "0.8");
        old.put("signal_type", "score");
        old.put("scoring_version", "v1");
        old.put("evaluated_at", 1_700_000_000_000L);
        old.put("source", source);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();

        Signal decoded = SingleObjectCodec.signals(withOlder).decode(bytes);

        assertEquals("s-1", decoded.getSignalId());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), decoded.getEvaluatedAt());
        assertNull(decoded.getConfidence(), "a field the old writer lacked takes the reader's default");
        assertNull(decoded.getSource().getIndex());
    }

    @Test
    void unknownFingerprintIsATypedError() {
        byte[] bytes = SingleObjectCodec.signals(history).encode(signal());
        bytes[2] ^= 0x5A;

        UndecodableEventException e = assertThrows(UndecodableEventException.class,
                () -> SingleObjectCodec.signals(history).decode(bytes));

        assertEquals(UndecodableEventException.Kind.UNKNOWN_SCHEMA, e.kind());
    }

    @Test
    void bytesWithoutTheMarkerAreNotSingleObject() {
        UndecodableEventException e = assertThrows(UndecodableEventException.class,
                () -> SingleObjectCodec.signals(history).decode("{\"signal_id\":\"x\"}".getBytes()));

        assertEquals(UndecodableEventException.Kind.NOT_SINGLE_OBJECT, e.kind());
    }

    @Test
    void aNullValueIsNotSingleObject() {
        UndecodableEventException e = assertThrows(UndecodableEventException.class,
                () -> SingleObjectCodec.signals(history).decode(null));

        assertEquals(UndecodableEventException.Kind.NOT_SINGLE_OBJECT, e.kind());
    }

    @Test
    void aTruncatedBodyIsCorrupt() {
        SingleObjectCodec<Signal> codec = SingleObjectCodec.signals(history);
        byte[] bytes = codec.encode(signal());

        UndecodableEventException e = assertThrows(UndecodableEventException.class,
                () -> codec.decode(Arrays.copyOf(bytes, 14)));

        assertEquals(UndecodableEventException.Kind.CORRUPT_BODY, e.kind());
    }

    private static Signal signal() {
        return Signal.newBuilder().setSignalId("s-1").setCallId("c-1").setSignalName("overall_score")
                .setSignalValue("0.8").setSignalType("score").setConfidence(0.9).setScoringVersion("v3")
                .setEvaluatedAt(Instant.parse("2026-03-01T10:00:00Z")).setSource(SOURCE).build();
    }

    /** Signal as a first release might have had it: no confidence, no rescued data, no batch index. */
    private static Schema olderSignalSchema() {
        Schema timestamp = org.apache.avro.LogicalTypes.timestampMillis()
                .addToSchema(Schema.create(Schema.Type.LONG));
        Schema source = SchemaBuilder.record("SourceRecord").namespace("io.callsignal.schema").fields()
                .requiredString("topic").requiredInt("partition").requiredLong("offset")
                .name("timestamp").type(timestamp).noDefault().endRecord();
        return SchemaBuilder.record("Signal").namespace("io.callsignal.schema").fields()
                .requiredString("signal_id").requiredString("call_id").requiredString("signal_name")
                .requiredString("signal_value").requiredString("signal_type").requiredString("scoring_version")
                .name("evaluated_at").type(timestamp).noDefault()
                .name("source").type(source).noDefault().endRecord();
    }
}
