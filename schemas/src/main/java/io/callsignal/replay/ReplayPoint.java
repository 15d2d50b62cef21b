package io.callsignal.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a replay starts: the earliest record, the first record at or after an instant, or given
 * offsets of the raw topics. Both apps read the same text ({@code bin/callsignal replay --from}).
 */
public sealed interface ReplayPoint {

    record Earliest() implements ReplayPoint {
    }

    record At(Instant instant) implements ReplayPoint {
    }

    record Offsets(List<TopicOffset> offsets) implements ReplayPoint {
    }

    record TopicOffset(String topic, int partition, long offset) {
    }

    /** {@code earliest}, an ISO-8601 instant with offset, or {@code topic:partition:offset[,...]}. */
    static ReplayPoint parse(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("earliest")) {
            return new Earliest();
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            try {
                return new At(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        List<TopicOffset> offsets = new ArrayList<>();
        for (String part : value.split(",")) {
            offsets.add(topicOffset(part.trim(), text));
        }
        return new Offsets(List.copyOf(offsets));
    }

    private static TopicOffset topicOffset(String part, String text) {
        int last = part.lastIndexOf(':');
        int middle = last < 0 ? -1 : part.lastIndexOf(':', last - 1);
        if (middle <= 0) {
            throw invalid(text);
        }
        try {
            int partition = Integer.parseInt(part.substring(middle + 1, last));
            long offset = Long.parseLong(part.substring(last + 1));
            if (partition < 0 || offset < 0) {
                throw invalid(text);
            }
            return new TopicOffset(part.substring(0, middle), partition, offset);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a replay point: use earliest, an ISO-8601 timestamp"
                + " with offset (2026-11-20T09:00:00Z), or topic:partition:offset[,topic:partition:offset...]");
    }
}
