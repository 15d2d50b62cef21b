package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.command.ConfigOption;
import io.callsignal.config.Config;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/** What every sink command starts from: the configuration, and the lake with its tables registered. */
public final class LakeOptions {

    @Mixin
    ConfigOption configOption;

    public Config config() {
        return configOption.load();
    }

    /** As {@link #config()}, for a command that reads Kafka: once a broker is known to be reachable. */
    public Config configReachingKafka() {
        return configOption.loadReachingKafka();
    }

    /** The lake the sink writes: its missing tables created. */
    public LakeCatalog openForSink(Config config) {
        return LakeCatalog.open(LakeSession.open(config), config);
    }

    /** The lake a command reads or maintains: it must exist, and nothing is created. */
    public LakeCatalog open() {
        return open(config());
    }

    public LakeCatalog open(Config config) {
        return LakeCatalog.openExisting(LakeSession.open(config), config);
    }

    /** The lake a way in serves, its catalog in the metastore; empty where another process holds the metastore. */
    public Optional<LakeCatalog> openWithMetastore(Config config) {
        return LakeSession.openWithMetastore(config).map(spark -> LakeCatalog.openExisting(spark, config));
    }
}
