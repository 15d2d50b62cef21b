package io.callsignal.validate;

import io.callsignal.quarantine.RejectedException;
import io.callsignal.quarantine.Violation;
import io.callsignal.rejection.Reason;

/** Limits on a raw value checked before it is parsed. */
public final class PayloadRules {

    private PayloadRules() {
    }

    public static void checkSize(byte[] value, long maxBytes) {
        if (value != null && value.length > maxBytes) {
            throw new RejectedException(Violation.of(Reason.PAYLOAD_TOO_LARGE,
                    "the value has " + value.length + " bytes; the limit is " + maxBytes));
        }
    }
}
