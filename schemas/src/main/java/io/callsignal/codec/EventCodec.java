package io.callsignal.codec;

/**
 * Turns one event into the bytes of a typed topic and back. The pipeline depends on this seam, not
 * on a wire format, so another encoding (a schema registry's, say) plugs in beside
 * {@link SingleObjectCodec}.
 */
public interface EventCodec<T> {

    byte[] encode(T event);

    T decode(byte[] bytes) throws UndecodableEventException;
}
