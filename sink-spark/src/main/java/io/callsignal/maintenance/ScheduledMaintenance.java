package io.callsignal.maintenance;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.config.SinkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPTIMIZE and VACUUM run by the sink in its own driver, every SINK_MAINTENANCE_EVERY: Delta's
 * default log store on S3 is safe for one writing driver, so maintenance goes where the writes
 * already are. When it last ran is a file under the lake, so an available-now sink started every
 * few minutes keeps the same rhythm as a continuous one; checking costs one small read.
 */
public final class ScheduledMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMaintenance.class);
    private static final String LAST_RUN = "maintenance-last-run";
    private static final Duration DELTA_MINIMUM_RETENTION = Duration.ofHours(168);

    private final LakeCatalog lake;
    private final Duration every;
    private final Duration retain;

    public ScheduledMaintenance(LakeCatalog lake, Config config) {
        this.lake = lake;
        this.every = config.get(SinkSettings.SINK_MAINTENANCE_EVERY);
        this.retain = config.get(SinkSettings.SINK_VACUUM_RETAIN);
        // Checked at start: a VACUUM Delta refuses would otherwise fail once a day, in a log line.
        if (retain.compareTo(DELTA_MINIMUM_RETENTION) < 0 && !"false".equalsIgnoreCase(
                config.sparkOverrides().get("spark.databricks.delta.retentionDurationCheck.enabled"))) {
            throw new ConfigException("SINK_VACUUM_RETAIN " + retain + " is under Delta's safety check ("
                    + DELTA_MINIMUM_RETENTION + "): raise it, or set spark.databricks.delta.retentionDurationCheck"
                    + ".enabled=false if no reader or writer runs longer than that");
        }
    }

    /**
     * Maintains every table if an interval has passed since the last time; the first time a lake is
     * seen only starts its clock. A failure is logged and retried at the next check: maintenance
     * must never stop the flows.
     */
    public void runIfDue(Instant now) {
        if (every.isZero()) {
            return;
        }
        try {
            Optional<Instant> last = lastRun();
            if (last.isPresent() && last.get().plus(every).isAfter(now)) {
                return;
            }
            if (last.isPresent()) {
                LOG.info("maintenance due (last {}): optimizing every table", last.get());
                TableMaintenance.optimize(lake).forEach(result -> LOG.info("{}: {} files rewritten into {}",
                        result.table().qualifiedName(), result.filesRemoved(), result.filesAdded()));
                LOG.info("vacuumed {}, retaining {}", TableMaintenance.vacuum(lake, retain), retain);
            }
            record(now);
        } catch (RuntimeException e) {
            LOG.warn("maintenance failed; it is tried again at the next check", e);
        }
    }

    private Optional<Instant> lastRun() {
        Path file = new Path(lake.stateFile(LAST_RUN));
        try {
            FileSystem fs = file.getFileSystem(lake.spark().sessionState().newHadoopConf());
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (FSDataInputStream in = fs.open(file)) {
                return Optional.of(Instant.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void record(Instant when) {
        Path file = new Path(lake.stateFile(LAST_RUN));
        try (FSDataOutputStream out = file.getFileSystem(lake.spark().sessionState().newHadoopConf())
                .create(file, true)) {
            out.write(when.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
