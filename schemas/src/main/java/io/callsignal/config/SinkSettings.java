package io.callsignal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings only the sink reads. */
public final class SinkSettings {

    public static final Setting<String> SPARK_MASTER = Setting.text("SPARK_MASTER", "local[2]",
            "Spark master: local[N] runs in process; a cluster URL (k8s://..., spark://...) submits there."
                    + " Under spark-submit, its --master applies unless this is set.");
    public static final Setting<Integer> SPARK_SHUFFLE_PARTITIONS = Setting.positiveInt("SPARK_SHUFFLE_PARTITIONS",
            "4", "spark.sql.shuffle.partitions, and the parallelism of VACUUM's file listing and of Delta's state"
                    + " reconstruction (spark.databricks.delta.snapshotPartitions): keep it near the core count.");
    public static final Setting<Integer> SINK_HTTP_PORT = Setting.port("SINK_HTTP_PORT", "8081",
            "Port of the continuous sink's /healthz, /readyz and /metrics (0: any free port).");
    public static final Setting<Integer> SINK_MAX_OFFSETS_PER_TRIGGER = Setting.positiveInt(
            "SINK_MAX_OFFSETS_PER_TRIGGER", "200000",
            "Most Kafka records one micro-batch of a flow reads; a backlog is split into batches of this size.");
    public static final Setting<Duration> SINK_MAINTENANCE_EVERY = Setting.duration("SINK_MAINTENANCE_EVERY", "24h",
            "How often the sink itself runs OPTIMIZE and VACUUM over every table, in its own driver between"
                    + " batches, so on S3 no second driver writes beside it (0s: never). The first is one interval"
                    + " after the sink first meets the lake.");
    public static final Setting<Duration> SINK_VACUUM_RETAIN = Setting.duration("SINK_VACUUM_RETAIN", "168h",
            "What the sink's VACUUM keeps: the files of table versions this recent, so time travel and RESTORE"
                    + " reach back this far (Delta refuses less than 168h by default).");
    public static final Setting<List<String>> GOLD_PIVOT_SIGNALS = Setting.nameList("GOLD_PIVOT_SIGNALS",
            "overall_score,talk_ratio,next_steps_agreed,budget_known,pricing_objection,competitor_mentioned,deal_stage",
            "signal_name values that get a column of their own in gold.call_signal_pivot.");
    public static final Setting<List<String>> GOLD_RISK_SIGNALS = Setting.nameList("GOLD_RISK_SIGNALS",
            "pricing_objection,competitor_mentioned,champion_missing",
            "Boolean signal_name values that count as a risk flag when true: gold.deal_signal_summary's risk_flags,"
                    + " gold.deal_features' risk_flag_rate.");
    public static final Setting<Optional<String>> GOVERNANCE_POLICY = Setting.optionalText("GOVERNANCE_POLICY",
            "The governance policy file (docs/governance.md), a path or URI; default: _governance/policy.yaml under"
                    + " LAKE_ROOT. Where it exists, `sql` and `serve` enforce it.");
    public static final Setting<Optional<String>> METASTORE = Setting.optionalText("METASTORE",
            "Where `serve` and `sql` keep the catalog of what users create (views): lake (default: an embedded"
                    + " Derby database under LAKE_ROOT/_catalog, one process at a time; memory for a lake on an object"
                    + " store), memory, or a Hive metastore service's thrift:// URI, which processes share.");
    public static final Setting<Integer> SQL_ENDPOINT_HTTP_PORT = Setting.port("SQL_ENDPOINT_HTTP_PORT", "8082",
            "Port of `serve`'s /healthz, /readyz and /metrics (0: any free port).");
    public static final Setting<Integer> SQL_ENDPOINT_PORT = Setting.port("SQL_ENDPOINT_PORT", "10000",
            "Port of `serve`'s SQL endpoint (HiveServer2 protocol: JDBC, ODBC, beeline, BI tools).");
    public static final Setting<Optional<String>> SQL_ENDPOINT_LDAP_URL = Setting.optionalText(
            "SQL_ENDPOINT_LDAP_URL", "A directory (ldap:// or ldaps://) that checks the endpoint's passwords instead of"
                    + " the policy's hashes; the user must still be in the policy.");
    public static final Setting<Optional<String>> SQL_ENDPOINT_LDAP_USER_DN = Setting.optionalText(
            "SQL_ENDPOINT_LDAP_USER_DN", "With SQL_ENDPOINT_LDAP_URL, the DN the endpoint binds as to check a user's"
                    + " password, {user} standing for the user's name (escaped): uid={user},ou=people,dc=acme,dc=com.");
    public static final Setting<Optional<String>> SQL_ENDPOINT_KEYSTORE = Setting.optionalText(
            "SQL_ENDPOINT_KEYSTORE", "A Java keystore (JKS or PKCS12) with the endpoint's TLS key and certificate;"
                    + " where set, the endpoint speaks TLS only.");
    public static final Setting<Optional<String>> SQL_ENDPOINT_KEYSTORE_PASSWORD = Setting.optionalText(
            "SQL_ENDPOINT_KEYSTORE_PASSWORD", "The keystore's password: from a Secret, never in a manifest.");
    public static final Setting<Integer> DASHBOARD_PORT = Setting.port("DASHBOARD_PORT", "8090",
            "Port of `serve`'s dashboard (docs/dashboard.md): HTTPS with SQL_ENDPOINT_KEYSTORE's key where that is set,"
                    + " plain HTTP otherwise (then only behind a TLS-terminating proxy).");
    public static final Setting<Optional<String>> ALERT_RULES = Setting.optionalText("ALERT_RULES",
            "The alert rules file (docs/alerts.md), a path or URI; default: _alerts/rules.yaml under LAKE_ROOT. Where"
                    + " it exists, the sink evaluates it after each run and each continuous interval.");
    public static final Setting<String> TOPIC_ALERTS = Setting.text("TOPIC_ALERTS", "alerts",
            "Topic the sink publishes alerts to (JSON, keyed by alert), created compacted when missing.");
    public static final Setting<Optional<String>> ALERT_WEBHOOK_URL = Setting.optionalText("ALERT_WEBHOOK_URL",
            "Where the sink also POSTs each alert's JSON (a chat or paging webhook); a secret: from a Secret, never"
                    + " logged.");

    public static final List<Setting<?>> ALL = List.of(SPARK_MASTER, SPARK_SHUFFLE_PARTITIONS,
            SINK_HTTP_PORT, SINK_MAX_OFFSETS_PER_TRIGGER, SINK_MAINTENANCE_EVERY, SINK_VACUUM_RETAIN, GOLD_PIVOT_SIGNALS,
            GOLD_RISK_SIGNALS, GOVERNANCE_POLICY, METASTORE, SQL_ENDPOINT_PORT, SQL_ENDPOINT_HTTP_PORT,
            SQL_ENDPOINT_LDAP_URL, SQL_ENDPOINT_LDAP_USER_DN, SQL_ENDPOINT_KEYSTORE, SQL_ENDPOINT_KEYSTORE_PASSWORD,
            DASHBOARD_PORT, ALERT_RULES, TOPIC_ALERTS, ALERT_WEBHOOK_URL);

    private SinkSettings() {
    }
}
