package io.callsignal.sample;

import io.callsignal.ingest.Extraction;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes sample records as a producer would: key and value as bytes, the platform as the
 * source_platform header, idempotent with acks=all. The first failed send fails {@link #close()}.
 */
public final class SamplePublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Destination, String> topics;
    private final Map<Destination, Integer> sent = new EnumMap<>(Destination.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * {@code topics}: the topic of each destination the records go to. A {@code linger.ms} in
     * {@code kafkaClient} wins over the default of 20 ms.
     */
    public SamplePublisher(Map<String, String> kafkaClient, Map<Destination, String> topics) {
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = Map.copyOf(topics);
    }

    public void send(SampleRecord record) {
        send(record, metadata -> { });
    }

    /** {@code acknowledged} gets where the broker put the record, on the producer's thread. */
    public void send(SampleRecord record, Consumer<RecordMetadata> acknowledged) {
        String topic = topics.get(record.destination());
        if (topic == null) {
            throw new IllegalArgumentException("no topic for " + record.destination());
        }
        var message = new ProducerRecord<>(topic, record.key().getBytes(StandardCharsets.UTF_8), record.value());
        if (record.platform() != null) {
            message.headers().add(Extraction.PLATFORM_HEADER, record.platform().getBytes(StandardCharsets.UTF_8));
        }
        producer.send(message, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                acknowledged.accept(metadata);
            }
        });
        sent.merge(record.destination(), 1, Integer::sum);
    }

    /** Records sent so far, per destination. */
    public Map<Destination, Integer> sent() {
        return Collections.unmodifiableMap(new EnumMap<>(sent));
    }

    /** Waits until every record sent is acknowledged; throws the first failure. */
    public void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing the sample failed: " + failure.get().getMessage(), failure.get());
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
