package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.command.ConfigOption;
import io.callsignal.config.Config;
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
        Config config = config();
        return LakeCatalog.openExisting(LakeSession.open(config), config);
    }
}
