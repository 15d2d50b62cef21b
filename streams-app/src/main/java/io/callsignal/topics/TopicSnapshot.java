package io.callsignal.topics;

import io.callsignal.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic read from its first offset to its end as of the start of the read, committed records
 * only, without a consumer group: what was there when a command began.
 */
public final class TopicSnapshot {

    private TopicSnapshot() {
    }

    /** Hands each record to {@code each} in partition order until it returns false or the end is reached. */
    public static void read(Config config, String topic, Predicate<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.putAll(RecordSizes.from(config).consumer());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!each.test(record)) {
                        return;
                    }
                }
            }
        }
    }
}
