package io.callsignal.cli;

import io.callsignal.config.Config;
import io.callsignal.config.StreamsProperties;
import io.callsignal.config.StreamsSettings;
import io.callsignal.ops.IdleWatcher;
import io.callsignal.ops.OpsServer;
import io.callsignal.ops.PipelineMetrics;
import io.callsignal.topology.CallsignalTopology;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the streams app in the foreground until SIGTERM (or, with --until-idle, until caught up).")
final class StreamsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsCommand.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    ConfigOption configOption;

    @Option(names = "--until-idle", description = "Exit 0 once every input record is processed and committed.")
    boolean untilIdle;

    @Option(names = "--idle-timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "With --until-idle: give up (exit 1) after this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Override
    public Integer call() throws Exception {
        Config config = configOption.load();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        PipelineMetrics metrics = new PipelineMetrics(registry);
        Topology topology = CallsignalTopology.build(config, metrics);
        KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.from(config, metrics));
        new KafkaStreamsMetrics(streams).bindTo(registry);

        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        // Record-level failures are quarantined by the handlers; anything reaching here is
        // infrastructure, so stop and let the supervisor restart us from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        OpsServer ops = OpsServer.start(config.get(StreamsSettings.HTTP_PORT),
                () -> streams.state() != KafkaStreams.State.ERROR && streams.state() != KafkaStreams.State.PENDING_ERROR,
                () -> streams.state() == KafkaStreams.State.RUNNING, registry);
        Thread shutdown = new Thread(() -> {
            LOG.info("stopping: closing streams (commits the open transaction)");
            streams.close(CLOSE_TIMEOUT);
            ops.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        LOG.info("starting {} with ops endpoints on port {}", config.get(StreamsSettings.APPLICATION_ID), ops.port());
        streams.start();

        if (untilIdle) {
            boolean idle;
            try (Admin admin = KafkaAdmin.open(config, Duration.ofSeconds(30))) {
                IdleWatcher watcher = new IdleWatcher(admin, config.get(StreamsSettings.APPLICATION_ID), topology);
                idle = watcher.awaitIdle(streams, idleTimeout);
            }
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
            if (!idle) {
                System.err.println("not idle after " + idleTimeout + " (state " + streams.state() + ")");
                return 1;
            }
            System.err.println("idle: every input record is processed and committed");
            return 0;
        }
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
