package io.callsignal.governance;

import java.util.Optional;

/** A statement governance refuses; its message says who lacks what. */
public final class AccessDenied extends RuntimeException {

    AccessDenied(String message) {
        super("access denied: " + message);
    }

    /** The refusal behind a failure, however Spark or the endpoint wrapped it. */
    public static Optional<AccessDenied> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AccessDenied denied) {
                return Optional.of(denied);
            }
        }
        return Optional.empty();
    }
}
