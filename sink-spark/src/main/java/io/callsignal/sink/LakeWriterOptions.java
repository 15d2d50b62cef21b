package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.config.ConfigException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a command that writes tables beside the sink starts from (maintenance, restore): where only
 * one driver may write the lake (S3 with Delta's default log store), it runs only once the operator
 * says the sink is stopped; the running sink maintains the tables itself (SINK_MAINTENANCE_EVERY).
 */
final class LakeWriterOptions {

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--sink-stopped", description = "The sink is stopped: needed on S3 with Delta's default log"
            + " store, where a second writing driver beside a running sink can lose commits.")
    boolean sinkStopped;

    LakeCatalog open() {
        if (!sinkStopped && LakeSession.oneWritingDriver(lakeOptions.config())) {
            throw new ConfigException("LAKE_ROOT is on S3, where Delta's default log store keeps commits atomic"
                    + " only within one driver, and the sink is that driver: a second writer beside it can"
                    + " lose commits. The running sink optimizes and vacuums the tables itself"
                    + " (SINK_MAINTENANCE_EVERY). Stop the sink and run this again with --sink-stopped, or"
                    + " configure a multi-driver log store (spark.delta.logStore.s3a.impl, docs/deploy.md).");
        }
        return lakeOptions.open();
    }
}
