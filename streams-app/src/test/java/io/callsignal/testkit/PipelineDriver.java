package io.callsignal.testkit;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.metrics.Accounting;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import io.callsignal.topics.Topics;
import io.callsignal.topology.CallsignalTopology;
import io.callsignal.topology.StreamsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology and streams properties, driven by TopologyTestDriver with a fixed wall clock. */
public final class PipelineDriver implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    public final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
    public final Topics topics;
    public final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> conversationsRaw;
    private final TestInputTopic<byte[], byte[]> signalsRaw;
    private final TestInputTopic<byte[], byte[]> dealsRaw;
    private final TestOutputTopic<String, Conversation> conversations;
    private final TestOutputTopic<String, Signal> signals;
    private final TestOutputTopic<String, Deal> deals;
    private final TestOutputTopic<String, QuarantineRecord> quarantine;
    private final Instant now;

    public PipelineDriver() {
        this(Map.of());
    }

    public PipelineDriver(Map<String, String> env) {
        this(env, NOW);
    }

    /** A driver whose wall clock (and input record timestamp) is {@code now}. */
    public PipelineDriver(Map<String, String> env, Instant now) {
        this.now = now;
        Map<String, String> settings = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", "driver:9092"));
        settings.putAll(env);
        Config config = Config.of(settings, Optional.empty());
        topics = Topics.from(config, SchemaHistory.bundled());
        Properties properties = StreamsProperties.from(config, metrics);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/callsignal-ttd-" + java.util.UUID.randomUUID());
        driver = new TopologyTestDriver(CallsignalTopology.build(config, metrics), properties, now);
        conversationsRaw = driver.createInputTopic(topics.conversationsRaw.name(), new ByteArraySerializer(),
                new ByteArraySerializer(), now, java.time.Duration.ZERO);
        signalsRaw = driver.createInputTopic(topics.signalsRaw.name(), new ByteArraySerializer(),
                new ByteArraySerializer(), now, java.time.Duration.ZERO);
        dealsRaw = driver.createInputTopic(topics.dealsRaw.name(), new ByteArraySerializer(),
                new ByteArraySerializer(), now, java.time.Duration.ZERO);
        conversations = driver.createOutputTopic(topics.conversationsValid.name(),
                topics.conversationsValid.keySerde().deserializer(), topics.conversationsValid.valueSerde().deserializer());
        signals = driver.createOutputTopic(topics.signalsValid.name(),
                topics.signalsValid.keySerde().deserializer(), topics.signalsValid.valueSerde().deserializer());
        deals = driver.createOutputTopic(topics.dealsValid.name(),
                topics.dealsValid.keySerde().deserializer(), topics.dealsValid.valueSerde().deserializer());
        quarantine = driver.createOutputTopic(topics.quarantine.name(),
                topics.quarantine.keySerde().deserializer(), topics.quarantine.valueSerde().deserializer());
    }

    public static String payload(String name) {
        try (InputStream in = PipelineDriver.class.getResourceAsStream("/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendConversation(String json) {
        sendConversation(json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void sendConversation(byte[] value, Map<String, String> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        sendConversation(value, kafkaHeaders);
    }

    /** A raw conversation record as sent: a null value is a tombstone; headers may repeat a key. */
    public void sendConversation(byte[] value, Headers headers) {
        conversationsRaw.pipeInput(new TestRecord<>(null, value, headers, now));
    }

    public void sendSignal(String json) {
        sendSignal(json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendSignal(byte[] value) {
        signalsRaw.pipeInput(new TestRecord<>(null, value, new RecordHeaders(), now));
    }

    public void sendDeal(String json) {
        sendDeal(json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void sendDeal(byte[] value, Map<String, String> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        dealsRaw.pipeInput(new TestRecord<>(null, value, kafkaHeaders, now));
    }

    public List<TestRecord<String, Deal>> deals() {
        return deals.readRecordsToList();
    }

    public List<TestRecord<String, Conversation>> conversations() {
        return conversations.readRecordsToList();
    }

    public List<TestRecord<String, Signal>> signals() {
        return signals.readRecordsToList();
    }

    public List<QuarantineRecord> quarantined() {
        return quarantine.readValuesToList();
    }

    /** Where every unit went, from the accounting store, as `streams --until-idle --accounting` reports it. */
    public SortedMap<String, Long> accounting() {
        return Accounting.totals(driver.<String, Long>getKeyValueStore(Accounting.STORE), metrics);
    }

    /** Input units minus everything accounted for; zero when nothing was lost or doubled. */
    public double unaccounted(Entity entity) {
        return metrics.total("callsignal.input", entity) - metrics.total("callsignal.valid", entity)
                - metrics.total("callsignal.dropped", entity) - metrics.total("callsignal.quarantined", entity);
    }

    /** The same, over every entity. */
    public double unaccounted() {
        return Arrays.stream(Entity.values()).mapToDouble(this::unaccounted).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
