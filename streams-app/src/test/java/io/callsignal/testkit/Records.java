package io.callsignal.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/** Reading what landed on a topic, waiting on the count rather than on time. */
public final class Records {

    private Records() {
    }

    /** Reads a topic from the start (read_committed) until it holds at least {@code count} records. */
    public static <K, V> List<ConsumerRecord<K, V>> readAtLeast(String bootstrapServers, String topic, int count,
            Deserializer<K> keys, Deserializer<V> values, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(properties(bootstrapServers), keys, values)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await("at least " + count + " records on " + topic).atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= count;
            });
        }
        return received;
    }

    /**
     * Reads a whole topic (read_committed): at least {@code expected} records, then on to the end,
     * so that a record written twice shows up twice.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic,
            Deserializer<K> keys, Deserializer<V> values, int expected, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(properties(bootstrapServers), keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await("the whole of " + topic).atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                return received.size() >= expected && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return received;
    }

    private static Properties properties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return properties;
    }
}
