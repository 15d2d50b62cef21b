package io.callsignal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * What a deal change must be: an amount that is a finite, non-negative number, a close date that is
 * a date, booleans that are booleans, and an outcome that agrees with itself. A CRM's blank value
 * (HubSpot sends "" for a cleared property) is no value.
 */
public final class DealRules {

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private DealRules() {
    }

    /** The outcome a stage name implies, whatever the CRM's spelling (Closed Won, closedwon, closed_lost). */
    public enum ClosedStage { WON, LOST }

    public static Optional<ClosedStage> closedStage(String stage) {
        if (stage == null) {
            return Optional.empty();
        }
        String normalised = stage.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return switch (normalised) {
            case "closedwon" -> Optional.of(ClosedStage.WON);
            case "closedlost" -> Optional.of(ClosedStage.LOST);
            default -> Optional.empty();
        };
    }

    public static Double amount(JsonNode node, String field) {
        if (blank(node)) {
            return null;
        }
        BigDecimal amount = Numbers.decimal(node);
        if (amount == null || amount.signum() < 0 || !Double.isFinite(amount.doubleValue())) {
            throw RejectedException.invalid(Reason.INVALID_AMOUNT, field,
                    field + " " + abbreviated(node) + " is not a finite, non-negative number");
        }
        return amount.doubleValue();
    }

    public static Boolean bool(JsonNode node, String field) {
        if (blank(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
            return Boolean.valueOf(node.textValue());
        }
        throw RejectedException.invalid(Reason.INVALID_FIELD, field, field + " must be true or false, not " + abbreviated(node));
    }

    /** YYYY-MM-DD, an ISO-8601 instant (its UTC date), or epoch milliseconds (HubSpot's midnight UTC). */
    public static LocalDate date(JsonNode node, String field) {
        if (blank(node)) {
            return null;
        }
        LocalDate date = parseDate(node);
        if (date == null) {
            throw RejectedException.invalid(Reason.INVALID_TIMESTAMP, field,
                    field + " " + abbreviated(node) + " is not a date (YYYY-MM-DD, ISO-8601 or epoch milliseconds)");
        }
        if (date.isBefore(EARLIEST) || date.getYear() > 9999) {
            throw RejectedException.invalid(Reason.INVALID_TIMESTAMP, field, field + " " + date
                    + " is before 2000 or after 9999");
        }
        return date;
    }

    private static LocalDate parseDate(JsonNode node) {
        String text = node.isTextual() ? node.textValue().trim() : null;
        try {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return Instant.ofEpochMilli(node.longValue()).atOffset(ZoneOffset.UTC).toLocalDate();
            } else if (text == null) {
                return null;
            } else if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text)).atOffset(ZoneOffset.UTC).toLocalDate();
            } else if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            return TimestampRules.parseOffsetDateTime(text).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The outcome, checked against itself and completed from the stage where the stage says it: a
     * closed stage sets is_closed and is_won when the change left them out.
     */
    public record Closure(Boolean isClosed, Boolean isWon) {

        public static Closure of(String stage, Boolean isClosed, Boolean isWon) {
            Optional<ClosedStage> closed = closedStage(stage);
            if (closed.isPresent()) {
                boolean won = closed.get() == ClosedStage.WON;
                if (Boolean.FALSE.equals(isClosed) || (isWon != null && isWon != won)) {
                    throw inconsistent("stage '" + stage + "' but is_closed " + isClosed + ", is_won " + isWon);
                }
                return new Closure(true, won);
            }
            if (Boolean.TRUE.equals(isWon) && Boolean.FALSE.equals(isClosed)) {
                throw inconsistent("is_won true but is_closed false");
            }
            return new Closure(Boolean.TRUE.equals(isWon) ? Boolean.TRUE : isClosed, isWon);
        }

        private static RejectedException inconsistent(String detail) {
            return RejectedException.invalid(Reason.INCONSISTENT_OUTCOME, "is_won", detail);
        }
    }

    private static boolean blank(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank());
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
