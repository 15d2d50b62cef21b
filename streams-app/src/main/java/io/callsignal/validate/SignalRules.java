package io.callsignal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * What a signal must be: a known type, a value of that type in canonical text, and a confidence in
 * [0, 1]. Canonical text makes equal values equal bytes ({@code 0.80} and {@code 0.8} are one
 * score), which dedup relies on.
 */
public final class SignalRules {

    public static final Set<String> TYPES = Set.of("score", "boolean", "category", "extraction", "count");
    /** Significant digits, and places the point may move, of a score or count: far beyond any real one. */

    private SignalRules() {
    }

    public static String type(String type) {
        if (type == null) {
            throw RejectedException.missing("signal_type");
        }
        String normalised = type.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(normalised)) {
            throw RejectedException.invalid(Reason.INVALID_SIGNAL_TYPE, "signal_type",
                    "signal_type '" + type + "' is not one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        return normalised;
    }

    /** The value in canonical text for its type. */
    public static String value(String type, JsonNode node) {
        if (node == null) {
            throw RejectedException.missing("signal_value");
        }
        return switch (type) {
            case "score" -> score(node);
            case "boolean" -> bool(node);
            case "count" -> count(node);
            case "category" -> category(node);
            default -> node.isTextual() ? node.textValue() : node.toString();
        };
    }

    /** Confidence in [0, 1]; null when absent. */
    public static Double confidence(JsonNode node) {
        if (node == null) {
            return null;
        }
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw outOfRange("confidence '" + node.textValue() + "' is not a number");
            }
        } else {
            throw outOfRange("confidence must be a number, not " + node.getNodeType());
        }
        if (Double.isNaN(value) || value < 0 || value > 1) {
            throw outOfRange("confidence " + value + " is outside [0, 1]");
        }
        return value;
    }

    private static String score(JsonNode node) {
        BigDecimal number = Numbers.decimal(node);
        if (number == null) {
            throw mismatch("a score must be a finite number of at most " + Numbers.MAX_DIGITS + " digits either side of the point, not "
                    + node);
        }
        return number.toPlainString();
    }

    private static String count(JsonNode node) {
        BigDecimal number = Numbers.decimal(node);
        if (number == null || number.signum() < 0 || number.scale() > 0) {
            throw mismatch("a count must be a non-negative integer of at most " + Numbers.MAX_DIGITS + " digits, not " + node);
        }
        return number.toBigIntegerExact().toString();
    }

    private static String bool(JsonNode node) {
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
            return node.textValue();
        }
        throw mismatch("a boolean must be true or false, not " + node);
    }

    private static String category(JsonNode node) {
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw mismatch("a category must be non-empty text, not " + node);
        }
        return node.asText();
    }

    private static RejectedException mismatch(String detail) {
        return RejectedException.invalid(Reason.VALUE_TYPE_MISMATCH, "signal_value", detail);
    }

    private static RejectedException outOfRange(String detail) {
        return RejectedException.invalid(Reason.CONFIDENCE_OUT_OF_RANGE, "confidence", detail);
    }
}
