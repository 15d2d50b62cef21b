package io.callsignal.topology;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.dedup.BoundedRocksDbMemory;
import io.callsignal.failures.QuarantineFailures;
import io.callsignal.failures.QuarantiningDeserializationHandler;
import io.callsignal.failures.QuarantiningProcessingHandler;
import io.callsignal.failures.QuarantiningProductionHandler;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.topics.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams configuration of the app: exactly-once, and every failure routed to the quarantine. */
public final class StreamsProperties {

    private StreamsProperties() {
    }

    public static Properties from(Config config, PipelineMetrics metrics) {
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        Properties properties = new Properties();
        properties.putAll(config.kafkaClient());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(StreamsSettings.APPLICATION_ID));
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.get(StreamsSettings.STATE_DIR));
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.get(StreamsSettings.NUM_STREAM_THREADS));
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.get(StreamsSettings.NUM_STANDBY_REPLICAS));
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.get(StreamsSettings.COMMIT_INTERVAL).toMillis());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(CommonSettings.TOPIC_REPLICATION_FACTOR));
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, QuarantiningProcessingHandler.class);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, QuarantiningDeserializationHandler.class);
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, QuarantiningProductionHandler.class);
        properties.put(QuarantineFailures.CONFIG_KEY,
                new QuarantineFailures(topics.quarantine, topics::entityOf, topics::isRaw, metrics));
        topics.sizes.producer().forEach((key, value) -> properties.put(StreamsConfig.producerPrefix(key), value));
        topics.sizes.consumer().forEach((key, value) -> properties.put(StreamsConfig.consumerPrefix(key), value));
        properties.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), topics.sizes.recordBytes());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        properties.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, config.get(StreamsSettings.ROCKSDB_MEMORY));
        config.get(StreamsSettings.INSTANCE_ID).ifPresent(id ->
                properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        return properties;
    }
}
