package io.callsignal.cli;

import io.callsignal.app.CallsignalStreams;
import io.callsignal.command.ConfigOption;
import io.callsignal.command.DurationConverter;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.ops.OpsServer;
import io.callsignal.topics.JsonSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the streams app in the foreground until SIGTERM (or, with --until-idle, until caught up).")
final class StreamsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsCommand.class);

    @Mixin
    ConfigOption configOption;

    @Option(names = "--until-idle", description = "Exit 0 once every input record is processed and committed.")
    boolean untilIdle;

    @Option(names = "--idle-timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "With --until-idle: give up (exit 1) after this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--accounting", paramLabel = "FILE",
            description = "With --until-idle: write where every input unit went (input, valid, dropped,"
                    + " quarantined per entity) as JSON.")
    Path accountingFile;

    @Override
    public Integer call() throws Exception {
        Config config = configOption.loadReachingKafka();
        CallsignalStreams app = new CallsignalStreams(config);
        OpsServer ops = OpsServer.start(config.get(StreamsSettings.HTTP_PORT), app::healthy, app::ready,
                app.registry()::scrape);
        Thread shutdown = new Thread(() -> {
            LOG.info("stopping: closing streams (commits the open transaction)");
            app.close();
            ops.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        LOG.info("ops endpoints on port {}: /healthz /readyz /metrics", ops.port());
        app.start();
        if (!untilIdle) {
            return app.awaitStop() ? 1 : 0;
        }
        boolean idle;
        try (Admin admin = KafkaAdmin.open(config, Duration.ofSeconds(30))) {
            idle = app.awaitIdle(admin, idleTimeout);
        }
        SortedMap<String, Long> accounting = idle ? app.accounting() : null;
        Runtime.getRuntime().removeShutdownHook(shutdown);
        app.close();
        ops.close();
        if (!idle) {
            System.err.println("not idle after " + idleTimeout + " (state " + app.state() + ")");
            return 1;
        }
        System.err.println("idle: every input record is processed and committed; units " + accounting);
        if (accountingFile != null) {
            JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValue(accountingFile.toFile(), accounting);
        }
        return 0;
    }
}
