package io.callsignal.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.app.CallsignalStreams;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.raw.HeaderText;
import io.callsignal.redrive.QuarantineRedrive;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Conversation;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.Records;
import io.callsignal.testkit.TestBroker;
import io.callsignal.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real producers send, on a real broker with the default size limit: big records, producer
 * clocks a month behind and a year ahead, a tombstone, repeated headers; each unit has its one
 * outcome and the app keeps running.
 */
@ExtendWith(KafkaBroker.class)
class HostileInputIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path stateDir;

    @Test
    void hostileInputEachGetsItsOneOutcome(TestBroker broker) throws Exception {
        Map<String, String> env = broker.pipelineEnvironment(1);
        env.put("STATE_DIR", stateDir.toString());
        Config config = Config.of(env, Optional.empty());
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        String raw = topics.conversationsRaw.name();
        acceptAnyTimestamp(broker, raw);
        long now = System.currentTimeMillis();
        long monthAgo = now - Duration.ofDays(30).toMillis();
        long yearAhead = now + Duration.ofDays(365).toMillis();
        byte[] transcript = conversation("big", "A: " + "la ".repeat(500_000));
        byte[] backfilled = conversation("backfilled", "A: hi");
        byte[] future = conversation("future", "A: hello");
        byte[] garbage = new byte[3_000_000];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        RecordHeaders repeated = new RecordHeaders();
        repeated.add("trace", "a".getBytes(StandardCharsets.UTF_8));
        repeated.add("source_platform", "canonical".getBytes(StandardCharsets.UTF_8));
        repeated.add("trace", new byte[] {(byte) 0xFF, 0x00});

        try (CallsignalStreams app = new CallsignalStreams(config); var producer = producer(broker, topics)) {
            app.start();
            Awaitility.await("streams running").atMost(Duration.ofMinutes(1)).until(app::ready);
            send(producer, raw, now, transcript, new RecordHeaders());
            send(producer, raw, monthAgo, backfilled, new RecordHeaders());
            send(producer, raw, yearAhead, future, new RecordHeaders());
            send(producer, raw, monthAgo, backfilled, new RecordHeaders());
            send(producer, raw, monthAgo - Duration.ofDays(10).toMillis(), future, new RecordHeaders());
            send(producer, raw, now, garbage, new RecordHeaders());
            send(producer, raw, now, null, new RecordHeaders());
            send(producer, raw, now, "{".getBytes(StandardCharsets.UTF_8), repeated);

            List<ConsumerRecord<String, byte[]>> valid = Records.readAtLeast(broker.bootstrapServers(),
                    topics.conversationsValid.name(), 3, new StringDeserializer(), new ByteArrayDeserializer(), WAIT);
            List<QuarantineRecord> quarantined = Records.readAtLeast(broker.bootstrapServers(),
                    topics.quarantine.name(), 3, new StringDeserializer(), new ByteArrayDeserializer(), WAIT)
                    .stream().map(r -> topics.quarantine.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                    .toList();
            Awaitility.await("every unit accounted").atMost(WAIT).until(() -> app.metrics().total("callsignal.input",
                    Entity.CONVERSATION) == 8);

            Conversation big = topics.conversationsValid.valueSerde().deserializer()
                    .deserialize(topics.conversationsValid.name(), valid.get(0).value());
            assertEquals(List.of("big", "backfilled", "future"), valid.stream().map(ConsumerRecord::key).toList(),
                    "the repeats of a month-old and of a year-ahead record are duplicates, by arrival");
            assertEquals(1_500_003, big.getTranscriptText().length(), "a 1.5 MB transcript through the repartition topic");
            assertEquals(List.of(Reason.MALFORMED_JSON, Reason.MALFORMED_JSON, Reason.MALFORMED_JSON),
                    quarantined.stream().map(QuarantineRecord::reason).toList());
            assertArrayEquals(garbage, quarantined.get(0).originalPayload(), "3 MB of bytes, kept in base64");
            assertTrue(quarantined.get(1).detail().contains("tombstone"), quarantined.get(1).detail());
            assertEquals(List.of(new HeaderText("trace", "a"), new HeaderText("source_platform", "canonical"),
                    new HeaderText("trace", "base64:/wA=")), quarantined.get(2).headers());
            assertEquals(2.0, app.metrics().registry().find("callsignal.dropped").tag("kind", "duplicate").counter().count());
            assertEquals(8.0, app.metrics().total("callsignal.valid", Entity.CONVERSATION) + 2
                    + app.metrics().total("callsignal.quarantined", Entity.CONVERSATION));
            assertTrue(app.ready(), "still running: " + app.state());
        }

        QuarantineRedrive.Result redrive = new QuarantineRedrive(config, topics, Clock.systemUTC())
                .run(Reason.MALFORMED_JSON, null, false);
        assertEquals(2, redrive.republishedRecords(), "the tombstone has no bytes to republish");
        ConsumerRecord<byte[], byte[]> republished = Records.readAll(broker.bootstrapServers(), raw,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), 10, WAIT).stream()
                .filter(r -> Arrays.equals(r.value(), "{".getBytes(StandardCharsets.UTF_8)) && r.offset() > 7)
                .findFirst().orElseThrow();
        assertEquals(List.of("trace", "source_platform", "trace", QuarantineRedrive.REDRIVEN_FROM_HEADER),
                Arrays.stream(republished.headers().toArray()).map(Header::key).toList(), "headers in order");
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x00}, republished.headers().toArray()[2].value());
    }

    private static byte[] conversation(String callId, String transcript) {
        return ("{\"call_id\":\"" + callId + "\",\"source_platform\":\"canonical\",\"transcript_text\":\""
                + transcript + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Brokers from Kafka 4.0 refuse timestamps over an hour ahead by default; a topic may accept any. */
    private static void acceptAnyTimestamp(TestBroker broker, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, String.valueOf(Long.MAX_VALUE)),
                            AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(change).all().get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(TestBroker broker, Topics topics) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topics.sizes.rawRecordBytes()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, long timestamp, byte[] value,
            RecordHeaders headers) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, timestamp, null, value, headers)).get();
    }
}
