package io.callsignal.stream;

import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.streaming.Trigger;

/**
 * When the flows run: once over everything available, then stop ({@code available-now}, for
 * scheduled jobs), or a micro-batch every interval until stopped ({@code continuous}).
 */
public record SinkTrigger(Optional<Duration> interval) {

    public static SinkTrigger availableNow() {
        return new SinkTrigger(Optional.empty());
    }

    public static SinkTrigger continuous(Duration interval) {
        return new SinkTrigger(Optional.of(interval));
    }

    public boolean isContinuous() {
        return interval.isPresent();
    }

    public Trigger sparkTrigger() {
        return interval.map(every -> Trigger.ProcessingTime(every.toMillis())).orElseGet(Trigger::AvailableNow);
    }
}
