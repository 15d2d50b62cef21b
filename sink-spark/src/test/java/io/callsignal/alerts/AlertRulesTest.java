package io.callsignal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.alerts.AlertEvent.Status;
import io.callsignal.alerts.AlertRule.Measurement;
import io.callsignal.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final String FILE = """
            rules:
              - name: low-rep-score
                when: rep_monthly_score_below
                threshold: 6.0
                min_calls: 3
                scoring_version: v2
              - name: quarantine-spike
                when: quarantine_rate_above
                threshold: 5
                window: 1h
              - name: sink-behind
                when: sink_lag_above
                threshold: 10000
            """;
    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-01T10:05:00Z");

    @Test
    void theFileGivesEachRuleItsSettingsAndDefaults() {
        assertEquals(List.of(new AlertRule.RepScoreBelow("low-rep-score", 6.0, 3, Optional.of("v2")),
                        new AlertRule.QuarantineRateAbove("quarantine-spike", 5, Duration.ofHours(1)),
                        new AlertRule.SinkLagAbove("sink-behind", 10000)),
                AlertRules.parse(FILE, "rules.yaml"));
        assertEquals(List.of(new AlertRule.RepScoreBelow("r", 60, 1, Optional.empty()),
                        new AlertRule.QuarantineRateAbove("q", 1.5, Duration.ofHours(24))),
                AlertRules.parse("""
                        rules:
                          - {name: r, when: rep_monthly_score_below, threshold: 60}
                          - {name: q, when: quarantine_rate_above, threshold: 1.5}
                        """, "rules.yaml"));
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        ConfigException error = assertThrows(ConfigException.class, () -> AlertRules.parse("""
                rules:
                  - {name: Bad Name, when: rep_monthly_score_below, threshold: 6}
                  - {name: twice, when: sink_lag_above, threshold: 1}
                  - {name: twice, when: sink_lag_above, threshold: 2}
                  - {name: what, when: cpu_above, threshold: 1}
                  - {name: rate, when: quarantine_rate_above, threshold: 120, window: soon}
                  - {name: calls, when: rep_monthly_score_below, threshold: 6, min_calls: 0, colour: red}
                  - {name: text, when: sink_lag_above, threshold: high}
                """, "rules.yaml"));
        String message = error.getMessage();
        for (String problem : List.of("rule 1 (Bad Name): name must be", "rule 3 (twice): another rule has this name",
                "rule 4 (what): when must be one of", "rule 5 (rate): window must be a duration",
                "rule 5 (rate): threshold is a percentage", "rule 6 (calls): min_calls must be",
                "rule 6 (calls): unknown key colour", "rule 7 (text): threshold must be a number")) {
            assertTrue(message.contains(problem), problem + " in:\n" + message);
        }
        assertThrows(ConfigException.class, () -> AlertRules.parse("rules: [", "rules.yaml"));
        assertThrows(ConfigException.class, () -> AlertRules.parse("alerts: []", "rules.yaml"));
    }

    @Test
    void eachRuleJudgesItsMeasurements() {
        AlertRule.RepScoreBelow score = new AlertRule.RepScoreBelow("s", 6.0, 3, Optional.of("v2"));
        assertEquals(List.of(new Measurement("ana/2026-10-01/v2", 5.5, 4)), score.breaches(List.of(
                new Measurement("ana/2026-10-01/v2", 5.5, 4),
                new Measurement("ben/2026-10-01/v2", 5.5, 2), // too few calls
                new Measurement("cy/2026-10-01/v1", 5.0, 9), // another scoring_version
                new Measurement("dee/2026-10-01/v2", 6.0, 9)))); // at the threshold is not below it
        AlertRule.QuarantineRateAbove rate = new AlertRule.QuarantineRateAbove("q", 5, Duration.ofHours(1));
        assertEquals(List.of(new Measurement("signal", 7.5, 40)), rate.breaches(List.of(
                new Measurement("signal", 7.5, 40), new Measurement("deal", 5.0, 20))));
        AlertRule.SinkLagAbove lag = new AlertRule.SinkLagAbove("l", 100);
        assertEquals(List.of(new Measurement("silver.conversations", 101, 1)), lag.breaches(List.of(
                new Measurement("silver.conversations", 101, 1), new Measurement("bronze.signals_raw", 100, 1))));
        assertEquals("the sink is 101 records behind on silver.conversations (above 100)",
                lag.message(new Measurement("silver.conversations", 101, 1)));
    }

    @Test
    void anAlertFiresOnceWhileItsConditionLastsAndResolvesWhenItEnds() {
        AlertRule rule = new AlertRule.SinkLagAbove("lag", 100);
        Measurement behind = new Measurement("silver.conversations", 500, 1);
        Map<String, AlertEvent> latest = new LinkedHashMap<>();

        List<AlertEvent> fired = AlertState.changes(latest, Map.of(rule, List.of(behind)), T1);
        assertEquals(1, fired.size());
        assertEquals(new AlertEvent("lag/silver.conversations", "lag", "silver.conversations", Status.FIRING, 500, 100,
                "the sink is 500 records behind on silver.conversations (above 100)", T1.toString()), fired.get(0));
        fired.forEach(event -> latest.put(event.alert(), event));

        // Still breached, even by another value: nothing new.
        assertEquals(List.of(), AlertState.changes(latest, Map.of(rule, List.of(new Measurement(
                "silver.conversations", 700, 1))), T2));
        // Not measured this time (the brokers did not answer): it stays firing.
        assertEquals(List.of(), AlertState.changes(latest, Map.of(), T2));

        List<AlertEvent> resolved = AlertState.changes(latest, Map.of(rule, List.of()), T2);
        assertEquals(List.of(Status.RESOLVED), resolved.stream().map(AlertEvent::status).toList());
        assertEquals(T2.toString(), resolved.get(0).at());
        resolved.forEach(event -> latest.put(event.alert(), event));
        assertEquals(List.of(), AlertState.changes(latest, Map.of(rule, List.of()), T2));

        // The condition again: a new firing.
        assertEquals(List.of(Status.FIRING), AlertState.changes(latest, Map.of(rule, List.of(behind)), T2).stream()
                .map(AlertEvent::status).toList());
    }

    @Test
    void anAlertTravelsAsJson() {
        AlertEvent event = new AlertEvent("lag/silver.conversations", "lag", "silver.conversations", Status.RESOLVED,
                500, 100, "resolved", T1.toString());
        String json = new String(event.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"status\":\"resolved\""), json);
        assertTrue(json.contains("\"at\":\"2026-11-01T10:00:00Z\""), json);
        assertEquals(event, AlertEvent.fromJson(event.toJson()));
    }
}
