package io.callsignal.testkit;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Participant;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import io.callsignal.silver.SchemaSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Events as the streams app writes them to the typed topics, and one as an older release wrote it. */
public final class Events {

    private static final SingleObjectCodec<Conversation> CONVERSATIONS =
            SingleObjectCodec.conversations(SchemaHistory.bundled());
    private static final SingleObjectCodec<Signal> SIGNALS = SingleObjectCodec.signals(SchemaHistory.bundled());
    private static final SingleObjectCodec<Deal> DEALS = SingleObjectCodec.deals(SchemaHistory.bundled());

    private Events() {
    }

    public static SourceRecord source(RecordMetadata raw) {
        return SourceRecord.newBuilder().setTopic(raw.topic()).setPartition(raw.partition()).setOffset(raw.offset())
                .setTimestamp(Instant.ofEpochMilli(raw.timestamp())).build();
    }

    public static SourceRecord source(String topic, long offset) {
        return SourceRecord.newBuilder().setTopic(topic).setPartition(0).setOffset(offset)
                .setTimestamp(Instant.parse("2026-03-01T00:00:00Z")).build();
    }

    public static Conversation.Builder conversation(String callId, String platform, SourceRecord source) {
        return Conversation.newBuilder().setCallId(callId).setSourcePlatform(platform).setSource(source);
    }

    public static Participant participant(String name, String email, String role) {
        return Participant.newBuilder().setName(name).setEmail(email).setRole(role).build();
    }

    public static Signal signal(String signalId, String callId, String name, String value, String type,
            Double confidence, String version, String evaluatedAt, SourceRecord source) {
        return Signal.newBuilder().setSignalId(signalId).setCallId(callId).setSignalName(name).setSignalValue(value)
                .setSignalType(type).setConfidence(confidence).setScoringVersion(version)
                .setEvaluatedAt(Instant.parse(evaluatedAt)).setSource(source).build();
    }

    public static byte[] encode(Conversation conversation) {
        return CONVERSATIONS.encode(conversation);
    }

    public static byte[] encode(Signal signal) {
        return SIGNALS.encode(signal);
    }

    public static byte[] encode(Deal deal) {
        return DEALS.encode(deal);
    }

    /** A deal change setting nothing but its key, system and time; the caller sets what it changed. */
    public static Deal.Builder deal(String dealId, String system, String updatedAt, SourceRecord source) {
        return Deal.newBuilder().setDealId(dealId).setSourceSystem(system).setUpdatedAt(Instant.parse(updatedAt))
                .setSource(source);
    }

    /** A conversation as a producer on the first released version writes it: without the fields added since. */
    public static byte[] encodeVersion1(Conversation conversation) {
        Schema version1 = SchemaHistory.bundled().versions(Conversation.getClassSchema().getFullName()).get(0);
        GenericRecord record = new GenericData.Record(version1);
        version1.getFields().forEach(field -> record.put(field.name(), conversation.get(field.name())));
        try {
            return new BinaryMessageEncoder<GenericRecord>(SpecificData.getForClass(Conversation.class), version1)
                    .encode(record).array();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Signal as a first release might have had it: no confidence, no rescued data, no batch index. */
    public static Schema olderSignalSchema() {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema source = SchemaBuilder.record("SourceRecord").namespace("io.callsignal.schema").fields()
                .requiredString("topic").requiredInt("partition").requiredLong("offset")
                .name("timestamp").type(timestamp).noDefault().endRecord();
        return SchemaBuilder.record("Signal").namespace("io.callsignal.schema").fields()
                .requiredString("signal_id").requiredString("call_id").requiredString("signal_name")
                .requiredString("signal_value").requiredString("signal_type").requiredString("scoring_version")
                .name("evaluated_at").type(timestamp).noDefault()
                .name("source").type(source).noDefault().endRecord();
    }

    /** The bundled history plus {@link #olderSignalSchema()}, as a deployment that once released it has. */
    public static SchemaSource withOlderSignalSchema() {
        return () -> SchemaHistory.of(Map.of(
                Conversation.getClassSchema().getFullName(), List.of(Conversation.getClassSchema()),
                Signal.getClassSchema().getFullName(), List.of(olderSignalSchema(), Signal.getClassSchema())));
    }

    /** A signal in the older schema's single-object encoding. */
    public static byte[] encodeOlder(String signalId, String callId, String name, String value, String type,
            String version, String evaluatedAt, SourceRecord source) {
        Schema older = olderSignalSchema();
        GenericRecord lineage = new GenericData.Record(older.getField("source").schema());
        lineage.put("topic", source.getTopic());
        lineage.put("partition", source.getPartition());
        lineage.put("offset", source.getOffset());
        lineage.put("timestamp", source.getTimestamp().toEpochMilli());
        GenericRecord record = new GenericData.Record(older);
        record.put("signal_id", signalId);
        record.put("call_id", callId);
        record.put("signal_name", name);
        record.put("signal_value", value);
        record.put("signal_type", type);
        record.put("scoring_version", version);
        record.put("evaluated_at", Instant.parse(evaluatedAt).toEpochMilli());
        record.put("source", lineage);
        try {
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(record).array();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
