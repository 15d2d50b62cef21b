package io.callsignal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import java.math.BigDecimal;

/** Call durations: a whole, non-negative number of units, at most a day once in seconds. */
public final class DurationRules {

    static final long MAX_SECONDS = 24 * 3600;

    private DurationRules() {
    }

    /** Seconds in {@code node}, which counts {@code unitSeconds}-second units (60 for Zoom's minutes); null when absent. */
    public static Integer seconds(JsonNode node, String field, int unitSeconds) {
        if (node == null) {
            return null;
        }
        if (!node.isNumber() && !node.isTextual()) {
            throw invalid(field, field + " must be a number, not " + node.getNodeType());
        }
        BigDecimal amount = Numbers.decimal(node);
        if (amount == null) {
            throw invalid(field, field + " " + node + " is not a number of at most " + Numbers.MAX_DIGITS + " digits");
        }
        BigDecimal seconds = amount.multiply(BigDecimal.valueOf(unitSeconds));
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0
                || seconds.stripTrailingZeros().scale() > 0) {
            throw invalid(field, field + " " + node.asText() + " is not a whole number of seconds from 0 to 24 hours");
        }
        return seconds.intValueExact();
    }

    private static RejectedException invalid(String field, String detail) {
        return RejectedException.invalid(Reason.INVALID_DURATION, field, detail);
    }
}
