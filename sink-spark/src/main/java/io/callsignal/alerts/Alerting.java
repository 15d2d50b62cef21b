package io.callsignal.alerts;

import io.callsignal.alerts.AlertRule.Measurement;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import io.callsignal.stream.TopicBacklog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's alerting: after each run and each continuous interval, every rule of the lake's alerts
 * file is measured, and the alerts that start or end are published (alerts topic, then webhook). A
 * rule that cannot be measured this time is logged and left as it was; an evaluation that cannot
 * publish changes nothing, and the next one publishes what is still true.
 */
public final class Alerting {

    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);
    private static final Duration OFFSETS_TIMEOUT = Duration.ofSeconds(10);

    private final LakeCatalog lake;
    private final Config config;
    private final List<AlertRule> rules;
    private final Optional<AlertWebhook> webhook;

    private Alerting(LakeCatalog lake, Config config, List<AlertRule> rules) {
        this.lake = lake;
        this.config = config;
        this.rules = rules;
        this.webhook = config.get(SinkSettings.ALERT_WEBHOOK_URL).map(URI::create).map(AlertWebhook::new);
    }

    /** The lake's alerting, its rules checked now; empty where the lake has no alerts file. */
    public static Optional<Alerting> open(LakeCatalog lake, Config config) {
        List<AlertRule> rules = AlertRules.read(lake.spark().sessionState().newHadoopConf(), config);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        LOG.info("alerting on {} rules from {}", rules.size(), AlertRules.location(config));
        return Optional.of(new Alerting(lake, config, rules));
    }

    /** The changes published; none when publishing failed (logged: the next evaluation tries again). */
    public List<AlertEvent> evaluate() {
        Map<AlertRule, List<Measurement>> breaches = new LinkedHashMap<>();
        try (TopicBacklog backlog = new TopicBacklog(lake.spark(), config, OFFSETS_TIMEOUT)) {
            for (AlertRule rule : rules) {
                try {
                    breaches.put(rule, rule.breaches(AlertMeasures.measure(rule, lake, config, backlog)));
                } catch (RuntimeException e) {
                    LOG.error("alert rule {} could not be measured; its alerts stay as they were", rule.name(), e);
                }
            }
        }
        try {
            AlertTopic.ensure(config);
            List<AlertEvent> changes = AlertState.changes(AlertTopic.latest(config), breaches, Instant.now());
            if (changes.isEmpty()) {
                return changes;
            }
            AlertTopic.publish(config, changes);
            changes.forEach(change -> LOG.warn("alert {} {}: {}", change.status().name().toLowerCase(), change.alert(),
                    change.message()));
            webhook.ifPresent(hook -> hook.post(changes));
            return changes;
        } catch (RuntimeException e) {
            LOG.error("alerts could not be published; the next evaluation tries again", e);
            return List.of();
        }
    }
}
