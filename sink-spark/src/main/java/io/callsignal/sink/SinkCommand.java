package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.command.DurationConverter;
import io.callsignal.command.ReplayPointConverter;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import io.callsignal.replay.ReplayPoint;
import io.callsignal.silver.SchemaSource;
import io.callsignal.stream.SinkOps;
import io.callsignal.stream.SinkTrigger;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Land the pipeline's topics in the lake (bronze, silver, quarantine), then refresh gold.")
final class SinkCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SinkCommand.class);

    /** Runs before Spark's own hook (priority 50) stops the context the flows need to finish. */
    static final int BEFORE_SPARK_STOPS = 60;

    enum Mode { AVAILABLE_NOW, CONTINUOUS }

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--trigger", defaultValue = "available-now", converter = ModeConverter.class,
            description = "available-now: land what is there and exit (default); continuous: a micro-batch every"
                    + " --interval until SIGTERM.")
    Mode mode;

    @Option(names = "--interval", defaultValue = "30s", converter = DurationConverter.class,
            description = "Micro-batch interval of the continuous trigger (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--replay-from", paramLabel = "POINT", converter = ReplayPointConverter.class,
            description = "Re-read the typed and quarantine topics into silver from earliest or an ISO-8601 timestamp"
                    + " (topic:partition:offset of raw topics re-reads them from the start); MERGE keeps silver as"
                    + " it was for what it already holds. Bronze is never re-read.")
    ReplayPoint replayFrom;

    @Override
    public Integer call() throws Exception {
        Config config = lakeOptions.configReachingKafka();
        LakeCatalog lake = lakeOptions.openForSink(config);
        SinkRun run = new SinkRun(lake, config, SchemaSource.bundled(), replayFrom);
        CountDownLatch finished = new CountDownLatch(1);
        ShutdownHookManager.addShutdownHook(BEFORE_SPARK_STOPS, new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
                run.stop();
                awaitQuietly(finished);
                return BoxedUnit.UNIT;
            }
        });
        // A run that ends by itself needs no probes; a continuous one is a service.
        try (SinkOps ops = mode == Mode.CONTINUOUS
                ? SinkOps.start(lake.spark(), config.get(SinkSettings.SINK_HTTP_PORT)) : null) {
            if (ops != null) {
                LOG.info("ops endpoints on port {}: /healthz /readyz /metrics", ops.port());
            }
            run.run(mode == Mode.CONTINUOUS ? SinkTrigger.continuous(interval) : SinkTrigger.availableNow());
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            // The run's stop has drained the flows; what is left is quick, and Hadoop ends hooks at 30 s.
            finished.await(4, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
