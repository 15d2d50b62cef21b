package io.callsignal.topics;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.UndecodableEventException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde over any {@link EventCodec}; a value it cannot decode surfaces as Kafka's SerializationException. */
public final class EventSerde<T> implements Serde<T> {

    private final EventCodec<T> codec;

    public EventSerde(EventCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, event) -> event == null ? null : codec.encode(event);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return codec.decode(bytes);
            } catch (UndecodableEventException e) {
                throw new SerializationException(e.kind() + " on " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
