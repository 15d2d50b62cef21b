package io.callsignal.testkit;

import static org.apache.spark.sql.functions.col;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.Setting;
import io.callsignal.silver.SchemaSource;
import io.callsignal.sink.SinkRun;
import io.callsignal.stream.SinkTrigger;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One lake on a temp dir and its own pipeline topics on the shared broker, so tests do not see
 * each other's data; publishes records as the streams app and producers would, and runs the sink.
 */
public final class SinkFixture implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path lakeRoot;
    private final Map<String, String> settings = new HashMap<>();
    private Optional<Path> configFile = Optional.empty();
    private final KafkaProducer<byte[], byte[]> producer;

    private SinkFixture(BrokerProcess broker, Path lakeRoot) throws Exception {
        this.lakeRoot = lakeRoot;
        String suffix = "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime();
        settings.put(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.env(), broker.bootstrap());
        settings.put(CommonSettings.LAKE_ROOT.env(), lakeRoot.toString());
        // Each fixture its own topics: tests share the broker, and a topic's partitions are its first user's.
        List<Setting<String>> topics = List.of(CommonSettings.TOPIC_CONVERSATIONS_RAW, CommonSettings.TOPIC_SIGNALS_RAW,
                CommonSettings.TOPIC_DEALS_RAW, CommonSettings.TOPIC_CONVERSATIONS_VALID,
                CommonSettings.TOPIC_SIGNALS_VALID, CommonSettings.TOPIC_DEALS_VALID, CommonSettings.TOPIC_QUARANTINE);
        topics.forEach(topic -> settings.put(topic.env(), topic.defaultValue() + suffix));
        broker.createTopics(topics.stream().map(this::topic).toList());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static SinkFixture create(BrokerProcess broker, Path lakeRoot) throws Exception {
        return new SinkFixture(broker, lakeRoot);
    }

    public Config config() {
        return Config.of(settings, configFile).validated();
    }

    /** A properties file for what runs after, as CALLSIGNAL_CONFIG names it. */
    public void configFile(Path file) {
        configFile = Optional.of(file);
    }

    /** The settings as the environment of a process that runs the sink. */
    public Map<String, String> environment() {
        return Map.copyOf(settings);
    }

    /** Sets a setting for what runs after, as the environment would. */
    public void set(Setting<?> setting, String value) {
        settings.put(setting.env(), value);
    }

    public String topic(Setting<String> topic) {
        return settings.get(topic.env());
    }

    /** The settings, with those of {@link #configFile(Path)}, as a properties file for the command line's --config. */
    public Path configFile() throws IOException {
        Properties properties = new Properties();
        if (configFile.isPresent()) {
            try (var in = Files.newBufferedReader(configFile.get())) {
                properties.load(in);
            }
        }
        settings.forEach((env, value) -> properties.setProperty(env.toLowerCase().replace('_', '.'), value));
        Path file = lakeRoot.resolveSibling(lakeRoot.getFileName() + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        }
        return file;
    }

    public RecordMetadata send(Setting<String> topic, String key, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic(topic), key == null ? null : key.getBytes(), value)).get();
    }

    /** A record the producer stamped with {@code timestamp}: for the streams app, when the event arrived. */
    public RecordMetadata send(Setting<String> topic, String key, byte[] value, Instant timestamp) throws Exception {
        return producer.send(new ProducerRecord<>(topic(topic), null, timestamp.toEpochMilli(),
                key == null ? null : key.getBytes(), value)).get();
    }

    /**
     * Stops the Spark session this JVM's tests share, so the next one starts with the settings a
     * test gives it: a master, spark.hadoop.* file system settings, which a running context keeps.
     */
    public static void stopSparkSession() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
    }

    public LakeCatalog lake() {
        return LakeCatalog.open(LakeSession.open(config()), config());
    }

    /** One available-now run of every flow, then gold. */
    public LakeCatalog runSink(SchemaSource schemas) throws Exception {
        LakeCatalog lake = lake();
        new SinkRun(lake, config(), schemas).run(SinkTrigger.availableNow());
        return lake;
    }

    public LakeCatalog runSink() throws Exception {
        return runSink(SchemaSource.bundled());
    }

    public Path lakeRoot() {
        return lakeRoot;
    }

    /** Each existing table's latest version: equal before and after means nothing was written. */
    public Map<LakeTable, Long> versions(LakeCatalog lake) {
        return Arrays.stream(LakeTable.values()).filter(lake::exists).collect(Collectors.toMap(t -> t,
                t -> DeltaTable.forPath(lake.spark(), lake.location(t)).history(1).head().getLong(0)));
    }

    /**
     * The crash window between a flow's Delta commit and its checkpoint's commit, made on purpose:
     * each flow forgets it committed its last batch, so its next run lands that batch again. Through
     * the lake's file system, so on any store.
     */
    public void forgetLastCheckpointCommits(LakeCatalog lake) throws IOException {
        org.apache.hadoop.fs.Path checkpoints = new org.apache.hadoop.fs.Path(lake.checkpoint(""));
        FileSystem fs = checkpoints.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
        for (FileStatus flow : fs.listStatus(checkpoints)) {
            FileStatus last = Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(flow.getPath(), "commits")))
                    .filter(commit -> commit.getPath().getName().matches("\\d+"))
                    .max(Comparator.comparingLong(commit -> Long.parseLong(commit.getPath().getName())))
                    .orElseThrow();
            fs.delete(last.getPath(), false);
            fs.delete(new org.apache.hadoop.fs.Path(last.getPath().getParent(), "." + last.getPath().getName() + ".crc"),
                    false);
        }
    }

    /** The operation metrics of a table's latest MERGE. */
    public static Map<String, String> lastMerge(LakeCatalog lake, LakeTable table) {
        Row merge = DeltaTable.forName(lake.spark(), table.qualifiedName()).history()
                .where("operation = 'MERGE'").orderBy(col("version").desc()).select("operationMetrics").head();
        return merge.getJavaMap(0);
    }

    /** A table's rows as sorted text, leaving out columns that record when rather than what. */
    public static List<String> contents(LakeCatalog lake, LakeTable table, String... ignoredColumns) {
        return lake.spark().table(table.qualifiedName()).drop(ignoredColumns).toJSON().collectAsList().stream()
                .sorted().toList();
    }

    public static List<Row> rows(LakeCatalog lake, String query) {
        return lake.spark().sql(query).collectAsList();
    }

    /** Each row of a query as its values joined by |, null as "null". */
    public static List<String> strings(LakeCatalog lake, String query) {
        return rows(lake, query).stream().map(row -> row.mkString("|")).toList();
    }

    /** The rows of a table, or of a query. */
    public static long count(LakeCatalog lake, String tableOrQuery) {
        String query = tableOrQuery.startsWith("SELECT") ? tableOrQuery : "SELECT * FROM " + tableOrQuery;
        return lake.spark().sql(query).count();
    }

    @Override
    public void close() {
        producer.close();
    }
}
