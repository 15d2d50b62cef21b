package io.callsignal.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One rule of the alerts file (docs/alerts.md): what it measures, per subject, and when a
 * measurement is a breach. Measuring is {@link AlertMeasures}'; judging is here, pure.
 */
public sealed interface AlertRule {

    String name();

    double threshold();

    /** One subject's measurement: a rep-month's average score, an entity's quarantine rate, a flow's lag. */
    record Measurement(String subject, double value, long count) {
    }

    /** The measurements that breach the rule. */
    List<Measurement> breaches(List<Measurement> measurements);

    /** What a breach of this rule means, for people: the alert's message. */
    String message(Measurement breach);

    /** A rep's average overall_score in a month (per scoring_version) below the threshold, over enough calls. */
    record RepScoreBelow(String name, double threshold, long minCalls, Optional<String> scoringVersion)
            implements AlertRule {

        @Override
        public List<Measurement> breaches(List<Measurement> measurements) {
            // Subjects are rep/month/scoring_version; count is the month's calls.
            return measurements.stream().filter(m -> m.value() < threshold && m.count() >= minCalls)
                    .filter(m -> scoringVersion.isEmpty() || m.subject().endsWith("/" + scoringVersion.get()))
                    .toList();
        }

        @Override
        public String message(Measurement breach) {
            return String.format(Locale.ROOT, "average overall_score %.2f over %d calls is below %s (%s)", breach.value(),
                    breach.count(), threshold, breach.subject());
        }
    }

    /** The share of raw records quarantined in the last window, per entity, above the threshold (percent). */
    record QuarantineRateAbove(String name, double threshold, Duration window) implements AlertRule {

        @Override
        public List<Measurement> breaches(List<Measurement> measurements) {
            // value is the quarantined percentage; count the raw records it is a share of.
            return measurements.stream().filter(m -> m.count() > 0 && m.value() > threshold).toList();
        }

        @Override
        public String message(Measurement breach) {
            return String.format(Locale.ROOT, "%.2f%% of %d %s records in the last %s were quarantined (above %s%%)",
                    breach.value(), breach.count(), breach.subject(), window.toString().substring(2).toLowerCase(),
                    threshold);
        }
    }

    /** Records of a flow's topic the sink has not landed, above the threshold. */
    record SinkLagAbove(String name, double threshold) implements AlertRule {

        @Override
        public List<Measurement> breaches(List<Measurement> measurements) {
            return measurements.stream().filter(m -> m.value() > threshold).toList();
        }

        @Override
        public String message(Measurement breach) {
            return String.format(Locale.ROOT, "the sink is %d records behind on %s (above %.0f)", (long) breach.value(),
                    breach.subject(), threshold);
        }
    }
}
