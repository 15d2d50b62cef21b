package io.callsignal.command;

import io.callsignal.config.Config;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config} option every command takes; see {@link Config} for precedence and validation. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file; its keys override environment variables (default: $CALLSIGNAL_CONFIG).")
    Path file;

    public Config load() {
        return Config.load(Optional.ofNullable(file)).validated();
    }

    /** As {@link #load()}, for a command that talks to Kafka: once a broker is known to be reachable. */
    public Config loadReachingKafka() {
        Config config = load();
        KafkaReachability.require(config);
        return config;
    }
}
