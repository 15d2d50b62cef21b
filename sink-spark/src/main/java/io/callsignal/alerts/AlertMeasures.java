package io.callsignal.alerts;

import io.callsignal.alerts.AlertRule.Measurement;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.catalog.SqlFile;
import io.callsignal.config.Config;
import io.callsignal.stream.SinkFlows;
import io.callsignal.stream.TopicBacklog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures a rule's subjects. Costs: a rep score rule reads gold.rep_monthly_scores (reps x months
 * x versions, not calls); a quarantine rate rule reads the window's bronze records and quarantine
 * rows (file statistics skip older files); a lag rule looks at each flow's offsets.
 */
final class AlertMeasures {

    private AlertMeasures() {
    }

    static List<Measurement> measure(AlertRule rule, LakeCatalog lake, Config config, TopicBacklog backlog) {
        if (rule instanceof AlertRule.RepScoreBelow) {
            return query(lake, SqlFile.load("alerts/rep_monthly_scores.sql"));
        }
        if (rule instanceof AlertRule.QuarantineRateAbove rate) {
            return query(lake, SqlFile.load("alerts/quarantine_rate.sql")
                    .replace("{{window_seconds}}", String.valueOf(rate.window().toSeconds())));
        }
        List<Measurement> lag = new ArrayList<>();
        for (Map.Entry<LakeTable, String> flow : SinkFlows.topics(config).entrySet()) {
            String name = flow.getKey().qualifiedName();
            lag.add(new Measurement(name, backlog.behind(lake.checkpoint(name), flow.getValue()), 1));
        }
        return lag;
    }

    private static List<Measurement> query(LakeCatalog lake, String sql) {
        return lake.spark().sql(sql).collectAsList().stream()
                .map(row -> new Measurement(row.getString(0), ((Number) row.get(1)).doubleValue(),
                        ((Number) row.get(2)).longValue()))
                .toList();
    }
}
