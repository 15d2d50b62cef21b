package io.callsignal.app;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.metrics.Accounting;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.topics.BrokerLimits;
import io.callsignal.topics.Topics;
import io.callsignal.topology.CallsignalTopology;
import io.callsignal.topology.StreamsProperties;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running streams app: the topology, Kafka Streams, its metrics and its lifecycle, as `streams` runs it. */
public final class CallsignalStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallsignalStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final Config config;
    private final PrometheusMeterRegistry registry;
    private final PipelineMetrics metrics;
    private final Topology topology;
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LocalStateGuard stateGuard;
    private final AtomicBoolean stateRecorded = new AtomicBoolean();
    private final ExecutorService stateRecorder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "local-state-guard");
        thread.setDaemon(true);
        return thread;
    });

    public CallsignalStreams(Config config) {
        this.config = config;
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        metrics = new PipelineMetrics(registry);
        topology = CallsignalTopology.build(config, metrics);
        streams = new KafkaStreams(topology, StreamsProperties.from(config, metrics));
        new KafkaStreamsMetrics(streams).bindTo(registry);
        stateGuard = new LocalStateGuard(config, topology);
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            // Running means the changelogs exist as they will stay until the next reset.
            if (now == KafkaStreams.State.RUNNING && stateRecorded.compareAndSet(false, true)) {
                stateRecorder.execute(this::recordState);
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        // Record-level failures are quarantined by the handlers; what reaches here is infrastructure,
        // so stop and let the supervisor restart from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * Starts processing, once the broker is known to take the records the app may write, first
     * removing local state that a reset of the app has made stale.
     */
    public void start() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        LOG.info("starting {}", config.get(StreamsSettings.APPLICATION_ID));
        try (Admin admin = admin()) {
            new BrokerLimits(admin).check(Topics.from(config, SchemaHistory.bundled()));
            if (stateGuard.stale(admin)) {
                LOG.warn("local state under {} was built from changelog topics that a reset has since deleted:"
                        + " removing it, so that dedup remembers only what the changelogs hold now", stateGuard.directory());
                streams.cleanUp();
                stateGuard.forget();
            }
        }
        streams.start();
    }

    private void recordState() {
        try (Admin admin = admin()) {
            stateGuard.record(admin);
        } catch (Exception e) {
            LOG.warn("could not record which changelog topics the local state mirrors: a reset before the next"
                    + " start will not be noticed", e);
        }
    }

    private Admin admin() {
        return Admin.create(new HashMap<>(config.kafkaClient()));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean healthy() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    }

    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /** Where every unit went, exactly (see {@link Accounting}); the app must be running. */
    public SortedMap<String, Long> accounting() {
        return Accounting.totals(streams, metrics);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Blocks until every input record is processed and committed (true), or the timeout passes (false). */
    public boolean awaitIdle(Admin admin, Duration timeout) throws InterruptedException {
        return new IdleWatcher(admin, config.get(StreamsSettings.APPLICATION_ID), topology).awaitIdle(streams, timeout);
    }

    /** Blocks until the app stops by itself; true if it stopped on an error. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR;
    }

    /**
     * Stops processing, committing the open transaction, and leaves the consumer group at once
     * (a static member too): its partitions move now rather than after the session timeout, and a
     * reset (replay) can follow a run that ended on purpose. A member that dies without closing
     * keeps its static identity, so its restart within the session timeout takes them back.
     */
    @Override
    public void close() {
        boolean failed = streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.PENDING_ERROR;
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (failed) {
            removeStaticMembers();
        }
        finishStateRecord();
    }

    /**
     * A client that stopped on an error has not left its group, and a static member that rejoins
     * a stable group is handed its last assignment again without a rebalance: one that carried an
     * error (source topic metadata missing while a broker restarted, say) would stop every restart
     * the same way. Removed, its threads' members make the restart rebalance afresh.
     */
    private void removeStaticMembers() {
        Optional<String> instance = config.get(StreamsSettings.INSTANCE_ID);
        if (instance.isEmpty()) {
            return;
        }
        // Kafka Streams names each thread's member INSTANCE_ID-<thread number>.
        List<MemberToRemove> members = IntStream.rangeClosed(1, config.get(StreamsSettings.NUM_STREAM_THREADS))
                .mapToObj(thread -> new MemberToRemove(instance.get() + "-" + thread)).toList();
        try (Admin admin = admin()) {
            admin.removeMembersFromConsumerGroup(config.get(StreamsSettings.APPLICATION_ID),
                    new RemoveMembersFromConsumerGroupOptions(members)).all().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("stopped on an error: removed the static members {} from the group, so that a restart rebalances",
                    members.stream().map(MemberToRemove::groupInstanceId).toList());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopped on an error, and could not remove the static members from the group: a restart within"
                    + " the session timeout may get the failed assignment back ({})", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A short run may close while the record is being written: let it finish. */
    private void finishStateRecord() {
        stateRecorder.shutdown();
        try {
            stateRecorder.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
