package io.callsignal.quarantine;

import io.callsignal.rejection.Reason;

/**
 * Thrown by adapters and rules to reject the unit they are reading. Expected on bad input, so it
 * carries no stack trace: a burst of bad records must not cost a stack walk each.
 */
public final class RejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public RejectedException(Violation violation) {
        super(violation.reason() + ": " + violation.detail(), null, false, false);
        this.violation = violation;
    }

    public static RejectedException missing(String field) {
        return new RejectedException(Violation.onField(Reason.MISSING_FIELD, field, field + " is missing"));
    }

    public static RejectedException invalid(Reason reason, String field, String detail) {
        return new RejectedException(Violation.onField(reason, field, detail));
    }

    public Violation violation() {
        return violation;
    }
}
