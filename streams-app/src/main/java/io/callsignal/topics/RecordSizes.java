package io.callsignal.topics;

import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.quarantine.QuarantineRecord;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The pipeline's record size limits, all from one setting, MAX_PAYLOAD_BYTES, so that they line
 * up: a raw topic takes a payload of that size with its key and headers; every topic the streams
 * app writes, its producer and every consumer take that raw record again in base64 (a quarantine
 * record of it) with room for the quarantine record's other fields. An output larger than that is
 * refused by the producer itself, where the production handler quarantines it, never by the broker,
 * which under exactly-once would abort the transaction on every retry.
 */
public record RecordSizes(long maxPayloadBytes) {

    /** Room for a record's key, headers and batch overhead, and a quarantine record's other fields. */
    static final long HEADROOM = 1 << 20;

    public static RecordSizes from(Config config) {
        return new RecordSizes(config.get(StreamsSettings.MAX_PAYLOAD_BYTES));
    }

    /** The largest record a raw topic takes. */
    public int rawRecordBytes() {
        return capped(maxPayloadBytes + HEADROOM);
    }

    /** The largest record the streams app writes, or any of its clients reads, anywhere. */
    public int recordBytes() {
        return capped(QuarantineRecord.base64Length(rawRecordBytes()) + HEADROOM);
    }

    /** {@code max.message.bytes} of a topic, by whether it is a raw topic. */
    public Map<String, String> topicConfig(boolean raw) {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(raw ? rawRecordBytes() : recordBytes()));
    }

    public Map<String, Object> producer() {
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, recordBytes());
    }

    public Map<String, Object> consumer() {
        return Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, recordBytes(),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(recordBytes(), ConsumerConfig.DEFAULT_FETCH_MAX_BYTES));
    }

    private static int capped(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
