package io.callsignal.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callsignal.catalog.LakeFile;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.config.Setting;
import io.callsignal.config.SinkSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/** The alerts file (docs/alerts.md): where it lives, and its rules, checked whole before any is used. */
public final class AlertRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Set<String> KINDS = Set.of("rep_monthly_score_below", "quarantine_rate_above", "sink_lag_above");

    private AlertRules() {
    }

    private static final String IN_LAKE = "_alerts/rules.yaml";

    public static String location(Config config) {
        return LakeFile.location(config, SinkSettings.ALERT_RULES, IN_LAKE);
    }

    /** The lake's rules: none where the file does not exist (unless ALERT_RULES names it); a file that is there must be valid. */
    public static List<AlertRule> read(Configuration hadoop, Config config) {
        return LakeFile.read(hadoop, config, SinkSettings.ALERT_RULES, IN_LAKE)
                .map(yaml -> parse(yaml, location(config))).orElse(List.of());
    }

    /** Every problem of the file in one error, each naming its rule. */
    public static List<AlertRule> parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("alert rules " + source + " are not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.path("rules").isArray()) {
            throw new ConfigException("alert rules " + source + " must be a mapping with a list of rules");
        }
        List<String> problems = new ArrayList<>();
        List<AlertRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode rule : root.path("rules")) {
            index++;
            String name = rule.path("name").asText("");
            String where = "rule " + index + (name.isEmpty() ? "" : " (" + name + ")");
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ": name must be lower-case letters, digits, - and _");
            } else if (!names.add(name)) {
                problems.add(where + ": another rule has this name");
            }
            String when = rule.path("when").asText("");
            if (!KINDS.contains(when)) {
                problems.add(where + ": when must be one of " + new TreeSet<>(KINDS) + ", not '" + when + "'");
                continue;
            }
            Set<String> allowed = switch (when) {
                case "rep_monthly_score_below" -> Set.of("name", "when", "threshold", "min_calls", "scoring_version");
                case "quarantine_rate_above" -> Set.of("name", "when", "threshold", "window");
                default -> Set.of("name", "when", "threshold");
            };
            for (Iterator<String> keys = rule.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    problems.add(where + ": unknown key " + key + " (" + when + " takes " + new TreeSet<>(allowed) + ")");
                }
            }
            JsonNode threshold = rule.path("threshold");
            if (!threshold.isNumber() || threshold.asDouble() < 0) {
                problems.add(where + ": threshold must be a number, at least 0");
                continue;
            }
            switch (when) {
                case "rep_monthly_score_below" -> {
                    JsonNode minCalls = rule.path("min_calls");
                    if (!minCalls.isMissingNode() && (!minCalls.canConvertToLong() || !minCalls.isIntegralNumber()
                            || minCalls.asLong() < 1)) {
                        problems.add(where + ": min_calls must be a whole number, at least 1");
                    }
                    rules.add(new AlertRule.RepScoreBelow(name, threshold.asDouble(), minCalls.asLong(1),
                            Optional.ofNullable(rule.path("scoring_version").textValue())));
                }
                case "quarantine_rate_above" -> {
                    Duration window = Duration.ofHours(24);
                    if (rule.has("window")) {
                        try {
                            window = Setting.parseDuration(rule.path("window").asText());
                        } catch (RuntimeException e) {
                            problems.add(where + ": window must be a duration like 1h or 24h");
                        }
                    }
                    if (threshold.asDouble() > 100) {
                        problems.add(where + ": threshold is a percentage, at most 100");
                    }
                    rules.add(new AlertRule.QuarantineRateAbove(name, threshold.asDouble(), window));
                }
                default -> rules.add(new AlertRule.SinkLagAbove(name, threshold.asDouble()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("alert rules " + source + " are invalid:\n  " + String.join("\n  ", problems));
        }
        return List.copyOf(rules);
    }
}
