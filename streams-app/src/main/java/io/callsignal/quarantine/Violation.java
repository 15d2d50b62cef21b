package io.callsignal.quarantine;

import io.callsignal.rejection.Reason;

/** A broken expectation: the reason code, the field concerned (when there is one) and a sentence for people. */
public record Violation(Reason reason, String field, String detail) {

    public static Violation of(Reason reason, String detail) {
        return new Violation(reason, null, detail);
    }

    public static Violation onField(Reason reason, String field, String detail) {
        return new Violation(reason, field, detail);
    }
}
