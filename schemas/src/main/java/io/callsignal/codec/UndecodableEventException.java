package io.callsignal.codec;

/** Bytes on a typed topic that cannot be turned back into an event; {@link #kind()} says why. */
public final class UndecodableEventException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The bytes do not start with the Avro single-object marker. */
        NOT_SINGLE_OBJECT,
        /** The writer schema's fingerprint is not among the released versions this reader knows. */
        UNKNOWN_SCHEMA,
        /** The header is fine but the body does not match the writer schema. */
        CORRUPT_BODY
    }

    private final Kind kind;

    public UndecodableEventException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
