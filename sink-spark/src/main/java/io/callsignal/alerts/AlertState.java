package io.callsignal.alerts;

import io.callsignal.alerts.AlertEvent.Status;
import io.callsignal.alerts.AlertRule.Measurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which alerts change: a breach whose alert is not firing fires, once; a firing alert whose rule
 * was measured and no longer breaches resolves. A rule that could not be measured this time (the
 * brokers did not answer, say) leaves its alerts as they are.
 */
public final class AlertState {

    private AlertState() {
    }

    /**
     * @param latest the last event of each alert so far, by alert id
     * @param breaches each measured rule's breaches now (a rule with none maps to an empty list)
     */
    public static List<AlertEvent> changes(Map<String, AlertEvent> latest, Map<AlertRule, List<Measurement>> breaches,
            Instant now) {
        List<AlertEvent> changes = new ArrayList<>();
        Set<String> breached = new HashSet<>();
        breaches.forEach((rule, measurements) -> measurements.forEach(breach -> {
            String id = AlertEvent.id(rule.name(), breach.subject());
            breached.add(id);
            AlertEvent last = latest.get(id);
            if (last == null || last.status() == Status.RESOLVED) {
                changes.add(new AlertEvent(id, rule.name(), breach.subject(), Status.FIRING, breach.value(),
                        rule.threshold(), rule.message(breach), now.toString()));
            }
        }));
        Set<String> measured = new HashSet<>();
        breaches.keySet().forEach(rule -> measured.add(rule.name()));
        latest.values().stream()
                .filter(last -> last.status() == Status.FIRING && measured.contains(last.rule()))
                .filter(last -> !breached.contains(last.alert()))
                .forEach(last -> changes.add(new AlertEvent(last.alert(), last.rule(), last.subject(), Status.RESOLVED,
                        last.value(), last.threshold(), "resolved: " + last.message(), now.toString())));
        return changes;
    }
}
