package io.callsignal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Timestamps: ISO-8601 with an offset ({@code +01:00}, or {@code +0100} as Salesforce writes it), or
 * epoch milliseconds. A local time without offset is
 * ambiguous and rejected; so is anything before 2000 (epoch seconds sent as milliseconds) or
 * further ahead of {@code now} than the allowed skew.
 */
public final class TimestampRules {

    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();

    private final Instant now;
    private final Duration futureSkew;

    public TimestampRules(Instant now, Duration futureSkew) {
        this.now = now;
        this.futureSkew = futureSkew;
    }

    /** The instant a node holds; null when the node is null. */
    public Instant parse(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        Instant instant;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            instant = Instant.ofEpochMilli(node.longValue());
        } else if (node.isTextual()) {
            instant = parseText(node.textValue().trim(), field);
        } else {
            throw invalid(field, field + " must be ISO-8601 text or epoch milliseconds, not " + node.getNodeType());
        }
        if (instant.isBefore(EARLIEST)) {
            throw invalid(field, field + " " + instant + " is before 2000 (epoch seconds sent as milliseconds?)");
        }
        if (instant.isAfter(now.plus(futureSkew))) {
            throw RejectedException.invalid(Reason.FUTURE_TIMESTAMP, field,
                    field + " " + instant + " is more than " + futureSkew + " ahead of " + now);
        }
        return instant;
    }

    public Instant required(JsonNode node, String field) {
        if (node == null) {
            throw RejectedException.missing(field);
        }
        return parse(node, field);
    }

    private static Instant parseText(String text, String field) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw invalid(field, field + " '" + text + "' is out of range");
            }
        }
        try {
            return parseOffsetDateTime(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " '" + text + "' is not ISO-8601 with an offset (e.g. 2026-03-01T09:30:00Z)");
        }
    }

    static OffsetDateTime parseOffsetDateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text, COMPACT_OFFSET);
        }
    }

    private static RejectedException invalid(String field, String detail) {
        return RejectedException.invalid(Reason.INVALID_TIMESTAMP, field, detail);
    }
}
