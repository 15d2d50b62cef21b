package io.callsignal.dashboard;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.catalog.SqlFile;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.governance.AccessDenied;
import io.callsignal.governance.Governance;
import io.callsignal.stream.SinkFlows;
import io.callsignal.stream.TopicBacklog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's panels. Each is a query in dashboard/NAME.sql run as the signed-in user, so the
 * policy's grants, row filters and masks apply as to any read: a rep's trend holds only their own
 * months, and a panel whose tables the user may not read says so instead of showing anything.
 */
public final class DashboardPanels {

    /** Days of pipeline health shown: each table is read over this window only. */
    static final int HEALTH_DAYS = 14;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardPanels.class);

    /** A panel's rows as JSON objects, or why the user may not see them. */
    record Panel(List<String> rows, String denied, Map<String, Long> sinkLag) {
    }

    private final SparkSession session;
    private final LakeCatalog lake;
    private final Config config;

    public DashboardPanels(LakeCatalog lake, Config config) {
        // A session of its own: what endpoint users SET in theirs does not reach the dashboard's queries.
        this.session = lake.spark().newSession();
        this.lake = lake;
        this.config = config;
    }

    Panel repTrend(String user) {
        return query(user, SqlFile.load("dashboard/rep_trend.sql"));
    }

    Panel dealRisk(String user) {
        return query(user, SqlFile.load("dashboard/deal_risk.sql"));
    }

    /** Units by day and the sink's lag: for those who may read every layer (engineers, admins). */
    Panel pipelineHealth(String user) {
        Panel health = query(user, SqlFile.load("dashboard/pipeline_health.sql")
                .replace("{{days}}", String.valueOf(HEALTH_DAYS)));
        return health.denied() != null ? health : new Panel(health.rows(), null, sinkLag());
    }

    private Panel query(String user, String sql) {
        // What the audit log records as the statement, as the SQL endpoint and `sql` set it.
        session.sparkContext().setJobDescription(sql);
        try {
            List<String> rows = Governance.as(user, () -> session.sql(sql).toJSON().collectAsList());
            return new Panel(rows, null, null);
        } catch (RuntimeException e) {
            return AccessDenied.in(e).map(denied -> new Panel(List.of(), denied.getMessage(), null))
                    .orElseThrow(() -> e);
        }
    }

    /** Records behind per flow, or null where the brokers do not answer in time (the panel says unknown). */
    private Map<String, Long> sinkLag() {
        Map<String, Long> lag = new LinkedHashMap<>();
        try (TopicBacklog backlog = new TopicBacklog(session, config, Duration.ofSeconds(5))) {
            for (Map.Entry<LakeTable, String> flow : SinkFlows.topics(config).entrySet()) {
                lag.put(flow.getKey().qualifiedName(), backlog.behind(lake.checkpoint(flow.getKey().qualifiedName()),
                        flow.getValue()));
            }
            return lag;
        } catch (RuntimeException e) {
            LOG.warn("sink lag unknown: the brokers at {} did not answer ({})",
                    config.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS), e.toString());
            return null;
        }
    }
}
