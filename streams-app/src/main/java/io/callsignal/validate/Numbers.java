package io.callsignal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Numbers as producers send them, as JSON numbers or as text, read without letting their size hurt. */
final class Numbers {

    /** Digits either side of the point a number may have; more is no value any rule accepts. */
    static final int MAX_DIGITS = 50;
    /** Text longer than this is no number of at most {@link #MAX_DIGITS} digits worth parsing. */
    private static final int MAX_NUMBER_TEXT = 200;

    private Numbers() {
    }

    /**
     * The number a node holds, or null when it holds none, one that is not finite (NaN, or a
     * literal too large for a double), or one whose canonical text would be longer than
     * {@link #MAX_DIGITS} digits either side of the point: {@code "1e2000000000"} is a 13-byte
     * BigDecimal whose plain text would take gigabytes.
     */
    static BigDecimal decimal(JsonNode node) {
        BigDecimal number;
        if (node.isNumber()) {
            if (!Double.isFinite(node.doubleValue())) {
                return null;
            }
            number = node.decimalValue();
        } else if (node.isTextual() && node.textValue().length() <= MAX_NUMBER_TEXT) {
            try {
                number = new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        BigDecimal canonical = number.stripTrailingZeros();
        return canonical.precision() <= MAX_DIGITS && Math.abs(canonical.scale()) <= MAX_DIGITS ? canonical : null;
    }
}
