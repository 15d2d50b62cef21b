package io.callsignal.sink;

import io.callsignal.alerts.Alerting;
import io.callsignal.bronze.BronzeFlow;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.Config;
import io.callsignal.gold.GoldRefresh;
import io.callsignal.maintenance.ScheduledMaintenance;
import io.callsignal.model.DealPredictions;
import io.callsignal.replay.ReplayPoint;
import io.callsignal.silver.QuarantineFlow;
import io.callsignal.silver.SchemaSource;
import io.callsignal.silver.SilverFlow;
import io.callsignal.stream.KafkaSource;
import io.callsignal.stream.SinkFlows;
import io.callsignal.stream.SinkTrigger;
import io.callsignal.stream.TopicBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the sink: every flow (three bronze, three silver, the quarantine) from its checkpoint, then
 * gold, the model's predictions and the alert rules. With the available-now trigger it starts the flows whose topics
 * have something new and returns once it has landed (a run over quiet topics costs seconds); with the
 * continuous trigger it runs every flow and refreshes gold after every interval until {@link #stop()}.
 */
public final class SinkRun {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRun.class);
    /** How long a stop waits for batches in flight: Hadoop gives each shutdown hook 30 s in all. */
    private static final Duration DRAIN = Duration.ofSeconds(25);
    /** How long the look at a topic's offsets may take before the run fails. */
    private static final Duration OFFSETS_TIMEOUT = Duration.ofSeconds(60);

    private final LakeCatalog lake;
    private final Config config;
    private final SchemaSource schemas;
    private final ReplayPoint replay;
    private final ScheduledMaintenance maintenance;
    private final Optional<Alerting> alerting;
    private final List<StreamingQuery> queries = new ArrayList<>();
    private volatile boolean stopping;

    public SinkRun(LakeCatalog lake, Config config, SchemaSource schemas) {
        this(lake, config, schemas, null);
    }

    /**
     * A run that first replays the typed topics from {@code replay} (null: no replay): the silver
     * and quarantine flows forget their position and start there. Bronze never replays: it reads the
     * raw topics, which a replay does not rewrite, and would only be appended to twice.
     */
    public SinkRun(LakeCatalog lake, Config config, SchemaSource schemas, ReplayPoint replay) {
        this.lake = lake;
        this.config = config;
        this.schemas = schemas;
        this.replay = replay;
        this.maintenance = new ScheduledMaintenance(lake, config);
        this.alerting = Alerting.open(lake, config);
    }

    public void run(SinkTrigger trigger) throws TimeoutException, StreamingQueryException {
        SparkSession spark = lake.spark();
        // awaitAnyTermination below counts every query this session ever ran: forget earlier runs' flows
        // (a session shared with other runs, as in tests or a shell), or one that ended then stops this run.
        spark.streams().resetTerminated();
        try {
            start(trigger);
            if (trigger.isContinuous()) {
                long intervalMillis = trigger.interval().orElseThrow().toMillis();
                while (!stopping) {
                    // Returns early when a flow stops, and throws when one failed: a failed flow fails the run.
                    if (spark.streams().awaitAnyTermination(intervalMillis)) {
                        break;
                    }
                    refreshGold();
                    maintenance.runIfDue(Instant.now());
                }
            }
            if (!trigger.isContinuous() || stopping) {
                for (StreamingQuery query : queries) {
                    query.awaitTermination(); // throws the flow's failure
                }
            }
            if (stopping) {
                LOG.info("stopped; gold is refreshed by the next run");
                return;
            }
            refreshGold();
            maintenance.runIfDue(Instant.now());
        } catch (Exception e) {
            if (!stopping) {
                throw e;
            }
            // Shutdown cancels the Spark jobs in flight (a gold refresh, say): nothing they did was committed.
            LOG.info("stopped while shutting down ({}); the next run redoes what was cut short", e.toString());
        } finally {
            if (!stopping) {
                stopQueries();
            }
        }
    }

    /** Gold from silver, the champion model's predictions from gold's features, then the alert rules on them. */
    private void refreshGold() {
        GoldRefresh.refresh(lake, config);
        DealPredictions.refresh(lake);
        alerting.ifPresent(Alerting::evaluate);
    }

    /**
     * Ends a run, letting each flow finish the micro-batch in flight for up to {@link #DRAIN}: a batch
     * still running then is interrupted, and the next run redoes it from the checkpoint. Safe from a
     * shutdown hook.
     */
    public void stop() {
        stopping = true;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        List<StreamingQuery> draining = new ArrayList<>(queries);
        while (!draining.isEmpty() && System.nanoTime() < deadline) {
            draining.removeIf(query -> {
                boolean idle = !query.isActive() || !query.status().isTriggerActive();
                if (idle) {
                    stop(query);
                }
                return idle;
            });
            if (!draining.isEmpty()) {
                pause();
            }
        }
        draining.forEach(SinkRun::stop);
    }

    private void start(SinkTrigger trigger) throws TimeoutException {
        SparkSession spark = lake.spark();
        if (replay != null) {
            SinkFlows.topics(config).keySet().stream().filter(SinkRun::replays)
                    .forEach(table -> lake.deleteCheckpoint(table.qualifiedName()));
            LOG.info("replaying the typed and quarantine topics from {}", replay);
        }
        Map<LakeTable, Starter> starters = Map.of(
                LakeTable.BRONZE_CONVERSATIONS, source -> BronzeFlow.start(lake, source, LakeTable.BRONZE_CONVERSATIONS,
                        trigger),
                LakeTable.BRONZE_SIGNALS, source -> BronzeFlow.start(lake, source, LakeTable.BRONZE_SIGNALS, trigger),
                LakeTable.BRONZE_DEALS, source -> BronzeFlow.start(lake, source, LakeTable.BRONZE_DEALS, trigger),
                LakeTable.SILVER_CONVERSATIONS, source -> SilverFlow.conversations(lake, config, schemas).start(lake,
                        source, trigger),
                LakeTable.SILVER_SIGNALS, source -> SilverFlow.signals(lake, config, schemas).start(lake, source, trigger),
                LakeTable.SILVER_DEAL_OUTCOMES, source -> SilverFlow.deals(lake, config, schemas).start(lake, source,
                        trigger),
                LakeTable.SILVER_QUARANTINE, source -> QuarantineFlow.start(lake, source, trigger));
        List<String> quiet = new ArrayList<>();
        // A continuous run keeps every flow: a quiet topic gets records later.
        try (TopicBacklog backlog = trigger.isContinuous() ? null : new TopicBacklog(spark, config, OFFSETS_TIMEOUT)) {
            for (Map.Entry<LakeTable, String> flow : SinkFlows.topics(config).entrySet()) {
                LakeTable table = flow.getKey();
                String topic = flow.getValue();
                if (backlog != null && !backlog.pending(lake.checkpoint(table.qualifiedName()), topic)) {
                    quiet.add(topic);
                    continue;
                }
                ReplayPoint from = replay != null && replays(table) ? replay : new ReplayPoint.Earliest();
                queries.add(starters.get(table).start(KafkaSource.read(spark, config, topic, from)));
            }
        }
        LOG.info("started {} flows with trigger {}; nothing new in {}", queries.size(), trigger, quiet);
    }

    /** Whether a replay restarts the flow: all but bronze's (see the constructor). */
    private static boolean replays(LakeTable table) {
        return !table.layer().equals("bronze");
    }

    @FunctionalInterface
    private interface Starter {
        StreamingQuery start(Dataset<Row> source) throws TimeoutException;
    }

    private void stopQueries() {
        List.copyOf(queries).forEach(SinkRun::stop);
    }

    private static void stop(StreamingQuery query) {
        try {
            query.stop();
        } catch (TimeoutException e) {
            LOG.warn("flow {} did not stop in time", query.name(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
