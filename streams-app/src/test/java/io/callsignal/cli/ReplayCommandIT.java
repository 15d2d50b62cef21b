package io.callsignal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `replay` moves the streams app's committed offsets on the raw topics with Kafka's reset tool. */
@ExtendWith(KafkaBroker.class)
class ReplayCommandIT {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void movesTheAppToAnInstantOrToGivenOffsetsAndRefusesOtherTopics(TestBroker broker) throws Exception {
        List<String> topics = broker.createUniqueTopics(2, "conversations.raw", "signals.raw", "deals.raw");
        TopicPartition conversations = new TopicPartition(topics.get(0), 0);
        TopicPartition signals = new TopicPartition(topics.get(1), 1);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(record(conversations, T0.plus(Duration.ofMinutes(i)))).get();
            }
            for (int i = 0; i < 4; i++) {
                producer.send(record(signals, T0.plus(Duration.ofMinutes(10L * i)))).get();
            }
        }
        String application = "replay-" + UUID.randomUUID();
        Map<String, Object> group = Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", application);
        try (var consumer = new KafkaConsumer<>(group, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(conversations, new OffsetAndMetadata(10), signals, new OffsetAndMetadata(4)));
        }
        Path config = dir.resolve("callsignal.properties");
        Files.writeString(config, "kafka.bootstrap.servers=" + broker.bootstrapServers()
                + "\ntopic.conversations.raw=" + topics.get(0) + "\ntopic.signals.raw=" + topics.get(1)
                + "\ntopic.deals.raw=" + topics.get(2)
                + "\napplication.id=" + application + "\nstate.dir=" + dir.resolve("state") + "\n");

        assertEquals(0, StreamsAppCli.commandLine().execute("replay", "--from", T0.plus(Duration.ofMinutes(5)).toString(),
                "--config", config.toString()));
        assertEquals(Map.of(conversations, 5L, signals, 1L), committed(broker, application, conversations, signals));

        assertEquals(0, StreamsAppCli.commandLine().execute("replay", "--from",
                topics.get(0) + ":0:2," + topics.get(1) + ":1:3", "--config", config.toString()));
        assertEquals(Map.of(conversations, 2L, signals, 3L), committed(broker, application, conversations, signals));

        assertEquals(2, StreamsAppCli.commandLine().execute("replay", "--from", "quarantine:0:1", "--config", config.toString()));
        assertEquals(Map.of(conversations, 2L, signals, 3L), committed(broker, application, conversations, signals));
    }

    private static ProducerRecord<byte[], byte[]> record(TopicPartition partition, Instant timestamp) {
        return new ProducerRecord<>(partition.topic(), partition.partition(), timestamp.toEpochMilli(), null,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<TopicPartition, Long> committed(TestBroker broker, String group, TopicPartition... partitions)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return Arrays.stream(partitions).collect(Collectors.toMap(p -> p, p -> offsets.get(p).offset()));
        }
    }
}
