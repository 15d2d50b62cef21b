package io.callsignal.governance;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * {@code system.audit}: every statement a user runs through a way in, allowed or denied, with the
 * tables and columns it read and the rows it returned, as Unity Catalog's audit system table keeps
 * them. Records are appended by the process itself (the service principal) in small batches: a
 * commit per second at most, not one per statement.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /** What a statement touched and whether it was let through. */
    public record Access(String user, String wayIn, String statement, List<String> tables, List<String> columns,
            String decision, String reason) {
    }

    private final SparkSession spark;
    private final String location;
    private final ConcurrentLinkedQueue<Row> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> decisions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "callsignal-audit");
        thread.setDaemon(true);
        return thread;
    });

    private AuditLog(SparkSession spark, String location) {
        this.spark = spark;
        this.location = location;
    }

    /**
     * The lake's audit log, its table created if missing. Every session's statements reach it through
     * {@link AuditListener}, which Spark adds to each session it makes (the endpoint's and the
     * dashboard's included), once it is enforced ({@link Governance#enforce}).
     */
    public static AuditLog open(LakeCatalog catalog) {
        catalog.register(LakeTable.SYSTEM_AUDIT);
        AuditLog log = new AuditLog(catalog.spark(), catalog.location(LakeTable.SYSTEM_AUDIT));
        log.writer.scheduleWithFixedDelay(log::flushQuietly, 1, 1, TimeUnit.SECONDS);
        return log;
    }

    /** Statements by decision, and the records not yet written, as Prometheus metrics. */
    public void bindTo(MeterRegistry registry) {
        for (String decision : List.of("ALLOWED", "DENIED", "FAILED")) {
            FunctionCounter.builder("callsignal.sql.statements", decisions,
                    counts -> counts.computeIfAbsent(decision, d -> new AtomicLong()).get())
                    .tag("decision", decision).description("Statements of users through this way in")
                    .register(registry);
        }
        Gauge.builder("callsignal.audit.pending", pending, java.util.Collection::size)
                .description("Audit records not yet written to system.audit").register(registry);
    }

    void record(Access access, long rows) {
        decisions.computeIfAbsent(access.decision(), d -> new AtomicLong()).incrementAndGet();
        pending.add(RowFactory.create(Timestamp.from(Instant.now()), access.user(), access.wayIn(), access.statement(),
                JavaConverters.asScalaBuffer(access.tables()).toSeq(),
                JavaConverters.asScalaBuffer(access.columns()).toSeq(), access.decision(), access.reason(),
                rows < 0 ? null : rows));
    }

    void succeeded(QueryExecution qe) {
        statement(qe.analyzed()).ifPresent(access -> record(access, rows(qe.executedPlan())));
    }

    void failed(QueryExecution qe, Exception exception) {
        statement(qe.analyzed()).ifPresent(access -> record(new Access(access.user(), access.wayIn(),
                access.statement(), access.tables(), access.columns(), "FAILED",
                String.valueOf(exception.getMessage()).lines().findFirst().orElse("")), -1));
    }

    private static java.util.Optional<Access> statement(LogicalPlan plan) {
        var tagged = plan.find(node -> node.getTagValue(Enforcement.STATEMENT).isDefined());
        return tagged.isDefined() ? java.util.Optional.of(tagged.get().getTagValue(Enforcement.STATEMENT).get())
                : java.util.Optional.empty();
    }

    /** The rows the plan's outermost counting operator produced. */
    private static long rows(SparkPlan plan) {
        SparkPlan node = plan instanceof AdaptiveSparkPlanExec adaptive ? adaptive.executedPlan() : plan;
        scala.Option<SQLMetric> metric = node.metrics().get("numOutputRows");
        if (metric.isDefined()) {
            return metric.get().value();
        }
        for (SparkPlan child : JavaConverters.seqAsJavaList(node.children())) {
            long rows = rows(child);
            if (rows >= 0) {
                return rows;
            }
        }
        return -1;
    }

    /** Writes what is pending; {@code sql} calls it before it exits, once Spark has told the listener everything. */
    public void flush() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.MINUTES.toMillis(1));
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Spark's listeners are a minute behind; writing the audit records they have delivered");
        }
        write();
    }

    /** Appends what is queued; records leave the queue only once committed, so a failed write is retried. */
    private synchronized void write() {
        List<Row> batch = new ArrayList<>(pending);
        if (batch.isEmpty()) {
            return;
        }
        spark.createDataFrame(batch, spark.table(LakeTable.SYSTEM_AUDIT.qualifiedName()).schema())
                .write().format("delta").mode("append").save(location);
        // Only this method takes from the queue, and records join at its tail.
        batch.forEach(row -> pending.poll());
    }

    private void flushQuietly() {
        try {
            write();
        } catch (RuntimeException e) {
            LOG.error("audit records could not be written to {}; retrying in a second", location, e);
        }
    }

    /** Stops the periodic writer after writing what is pending. */
    public void close() {
        writer.shutdown();
        flush();
    }
}
