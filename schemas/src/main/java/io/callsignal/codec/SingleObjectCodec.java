package io.callsignal.codec;

import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;

/**
 * Avro single-object encoding (marker {@code C3 01}, the writer schema's CRC-64-AVRO fingerprint,
 * then the binary body). Writes with the current schema; reads any released version through
 * {@link SchemaHistory} and resolves it to the current one.
 */
public final class SingleObjectCodec<T> implements EventCodec<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private SingleObjectCodec(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public static SingleObjectCodec<Conversation> conversations(SchemaHistory history) {
        return new SingleObjectCodec<>(Conversation.getEncoder(), Conversation.createDecoder(history));
    }

    public static SingleObjectCodec<Signal> signals(SchemaHistory history) {
        return new SingleObjectCodec<>(Signal.getEncoder(), Signal.createDecoder(history));
    }

    public static SingleObjectCodec<Deal> deals(SchemaHistory history) {
        return new SingleObjectCodec<>(Deal.getEncoder(), Deal.createDecoder(history));
    }

    @Override
    public byte[] encode(T event) {
        try {
            return encoder.encode(event).array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) throws UndecodableEventException {
        if (bytes == null) {
            throw new UndecodableEventException(
                    UndecodableEventException.Kind.NOT_SINGLE_OBJECT, "no value (null record)", null);
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new UndecodableEventException(UndecodableEventException.Kind.UNKNOWN_SCHEMA,
                    "writer schema not in the schema history: " + e.getMessage(), e);
        } catch (BadHeaderException e) {
            throw new UndecodableEventException(UndecodableEventException.Kind.NOT_SINGLE_OBJECT,
                    "not Avro single-object encoded: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException(UndecodableEventException.Kind.CORRUPT_BODY,
                    "body does not match its writer schema: " + e, e);
        }
    }
}
