package io.callsignal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Resolved configuration. A setting's value is, from weakest to strongest: its default, its
 * environment variable, its key in the properties file named by {@code CALLSIGNAL_CONFIG} (or
 * {@code --config}). Keys under {@code kafka.client.} in that file pass straight to every Kafka
 * client (security, SASL, TLS, ...); keys under {@code spark.} that are no setting of callsignal
 * pass straight to the sink's Spark session ({@code spark.hadoop.fs.s3a.*}, executors, ...).
 */
public final class Config {

    /** Environment variable naming the properties file. */
    public static final String CONFIG_FILE_ENV = "CALLSIGNAL_CONFIG";
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
    public static final String SPARK_PREFIX = "spark.";

    private final Map<String, String> env;
    private final Properties file;
    private final Optional<Path> filePath;

    private Config(Map<String, String> env, Properties file, Optional<Path> filePath) {
        this.env = Map.copyOf(env);
        this.file = file;
        this.filePath = filePath;
    }

    /** Configuration of this process: its environment, and the file given explicitly or by {@code CALLSIGNAL_CONFIG}. */
    public static Config load(Optional<Path> explicitFile) {
        Map<String, String> env = System.getenv();
        Optional<Path> file = explicitFile.or(() -> Optional.ofNullable(env.get(CONFIG_FILE_ENV))
                .filter(value -> !value.isBlank()).map(Path::of));
        return of(env, file);
    }

    public static Config of(Map<String, String> env, Optional<Path> file) {
        Properties properties = new Properties();
        if (file.isPresent()) {
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file.get() + ": " + e.getMessage());
            }
        }
        return new Config(env, properties, file);
    }

    /**
     * Kafka client settings callsignal sets itself: exactly-once, the record size limits, group
     * membership and the brokers (KAFKA_BOOTSTRAP_SERVERS) depend on them, so the file may not
     * override them under {@code kafka.client.}.
     */
    public static final Set<String> APP_OWNED_CLIENT_KEYS = Set.of("bootstrap.servers", "application.id",
            "processing.guarantee", "transactional.id", "enable.idempotence", "isolation.level", "enable.auto.commit",
            "group.id", "group.instance.id", "key.serializer", "value.serializer", "key.deserializer",
            "value.deserializer", "max.request.size", "max.partition.fetch.bytes", "fetch.max.bytes", "state.dir",
            "num.stream.threads", "num.standby.replicas", "commit.interval.ms", "replication.factor",
            "rocksdb.config.setter", "processing.exception.handler", "deserialization.exception.handler",
            "production.exception.handler");

    /**
     * Spark settings the sink sets itself: Delta, the lake's catalog and the SQL's time zone depend
     * on them, and the parallelism ones follow SPARK_SHUFFLE_PARTITIONS, so the file may not set them
     * under {@code spark.}.
     */
    public static final Set<String> APP_OWNED_SPARK_KEYS = Set.of("spark.sql.extensions",
            "spark.sql.catalog.spark_catalog", "spark.sql.warehouse.dir", "spark.sql.session.timeZone",
            "spark.sql.shuffle.partitions", "spark.sql.sources.parallelPartitionDiscovery.parallelism",
            "spark.databricks.delta.snapshotPartitions");

    /** Every setting of both apps: a file shared by them may hold any. */
    static final List<Setting<?>> KNOWN = Stream.of(CommonSettings.ALL, StreamsSettings.ALL, SinkSettings.ALL)
            .flatMap(List::stream).toList();

    /**
     * This configuration, once checked as a whole: the file's keys are settings or
     * {@code kafka.client.} keys callsignal does not own, and every setting given a value parses.
     * Every problem is named in one {@link ConfigException}.
     */
    public Config validated() {
        Map<String, Setting<?>> byProperty = new TreeMap<>();
        KNOWN.forEach(setting -> byProperty.put(setting.property(), setting));
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            if (key.startsWith(KAFKA_CLIENT_PREFIX)) {
                String client = key.substring(KAFKA_CLIENT_PREFIX.length());
                if (APP_OWNED_CLIENT_KEYS.contains(client)) {
                    problems.add(key + " is set by callsignal itself and may not be overridden"
                            + (client.equals("bootstrap.servers") ? " (use kafka.bootstrap.servers)" : ""));
                }
            } else if (key.startsWith(SPARK_PREFIX) && !byProperty.containsKey(key)) {
                if (APP_OWNED_SPARK_KEYS.contains(key)) {
                    problems.add(key + " is set by callsignal itself and may not be overridden"
                            + (key.equals("spark.sql.shuffle.partitions") ? " (use spark.shuffle.partitions)" : ""));
                }
            } else if (!byProperty.containsKey(key)) {
                problems.add("unknown key " + key + closest(key, byProperty.keySet()).map(k -> " (did you mean " + k + "?)")
                        .orElse(""));
            }
        }
        for (Setting<?> setting : KNOWN) {
            try {
                get(setting);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems)
                    + filePath.map(path -> " (configuration file " + path + ")").orElse(""));
        }
        return this;
    }

    /** The known key a typo most likely meant: at most three edits away. */
    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream().filter(candidate -> editDistance(key, candidate) <= 3)
                .min(Comparator.comparingInt(candidate -> editDistance(key, candidate)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** Whether the file or the environment gives the setting a value (rather than its default applying). */
    public boolean isSet(Setting<?> setting) {
        return file.getProperty(setting.property()) != null || env.get(setting.env()) != null;
    }

    public <T> T get(Setting<T> setting) {
        return setting.parse(raw(setting));
    }

    /** The text a setting resolves to, before parsing. */
    public String raw(Setting<?> setting) {
        String fromFile = file.getProperty(setting.property());
        if (fromFile != null) {
            return fromFile;
        }
        String fromEnv = env.get(setting.env());
        return fromEnv != null ? fromEnv : setting.defaultValue();
    }

    /** Properties every Kafka client of the pipeline starts from: the brokers, then the file's overrides. */
    public Map<String, String> kafkaClient() {
        Map<String, String> properties = new TreeMap<>();
        properties.put("bootstrap.servers", get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS));
        properties.putAll(kafkaClientOverrides());
        return properties;
    }

    /** Extra Kafka client properties from the file, prefix removed. */
    public Map<String, String> kafkaClientOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_CLIENT_PREFIX)) {
                overrides.put(key.substring(KAFKA_CLIENT_PREFIX.length()), file.getProperty(key));
            }
        }
        return overrides;
    }

    /** Spark settings from the file for the sink's session: its {@code spark.} keys that are no setting of callsignal. */
    public Map<String, String> sparkOverrides() {
        Set<String> settings = new TreeSet<>();
        KNOWN.forEach(setting -> settings.add(setting.property()));
        Map<String, String> overrides = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(SPARK_PREFIX) && !settings.contains(key)) {
                overrides.put(key, file.getProperty(key));
            }
        }
        return overrides;
    }

    public Optional<Path> file() {
        return filePath;
    }
}
