package io.callsignal.alerts;

import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts topic is both what alerts are published to and their state: each alert's last record
 * says whether it fires. It is compacted (one record per alert stays), so reading it costs the alerts
 * ever raised, not the time they span. The changes of one evaluation are published in one Kafka
 * transaction: an evaluation cut short publishes nothing, and the next one sees the same state.
 */
public final class AlertTopic {

    private static final Logger LOG = LoggerFactory.getLogger(AlertTopic.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AlertTopic() {
    }

    /** Every alert's last record, committed ones only, in the order they were last changed. */
    public static Map<String, AlertEvent> latest(Config config) {
        String topic = config.get(SinkSettings.TOPIC_ALERTS);
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, AlertEvent> latest = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = logEnds(config, partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        AlertEvent event = AlertEvent.fromJson(record.value());
                        latest.remove(event.alert());
                        latest.put(event.alert(), event);
                    } catch (RuntimeException e) {
                        LOG.warn("skipping a record of {} that is no alert (offset {}): {}", topic, record.offset(),
                                e.getMessage());
                    }
                }
            }
        }
        return latest;
    }

    /**
     * Where each partition's log ends, the last transaction's records included. A producer's commit
     * returns before the broker has written its markers; reading committed records up to here waits
     * for them, where reading up to the committed end (the last stable offset) might stop before a
     * transaction just committed and miss it.
     */
    public static Map<TopicPartition, Long> logEnds(Config config, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (Admin admin = Admin.create(new HashMap<>(config.kafkaClient()))) {
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end of " + partitions + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the end of " + partitions, e);
        }
        return ends;
    }

    /** Creates the topic, compacted, where it does not exist yet. */
    static void ensure(Config config) {
        String topic = config.get(SinkSettings.TOPIC_ALERTS);
        try (Admin admin = Admin.create(new HashMap<>(config.kafkaClient()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1,
                    (short) (int) config.get(CommonSettings.TOPIC_REPLICATION_FACTOR))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
            LOG.info("created the alerts topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the alerts topic " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating the alerts topic", e);
        }
    }

    /** Publishes the changes all or none, keyed by alert id. */
    static void publish(Config config, List<AlertEvent> changes) {
        String topic = config.get(SinkSettings.TOPIC_ALERTS);
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callsignal-alerts-" + UUID.nameUUIDFromBytes(
                topic.getBytes(StandardCharsets.UTF_8)));
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // Fences an earlier evaluation's producer still in flight (a sink that was killed).
            producer.initTransactions();
            producer.beginTransaction();
            for (AlertEvent change : changes) {
                producer.send(new ProducerRecord<>(topic, change.alert().getBytes(StandardCharsets.UTF_8),
                        change.toJson()));
            }
            producer.commitTransaction();
        }
    }
}
