package io.callsignal.raw;

import io.callsignal.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** A record as it was read from a raw topic: its coordinates, key, value and headers, untouched. */
public record RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
        Headers headers) {

    /** The last value of a header as UTF-8 text, or null. */
    public String header(String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Lineage for an event read from this record; {@code index} is its position in a multi-event payload. */
    public SourceRecord source(Integer index) {
        return new SourceRecord(topic, partition, offset, Instant.ofEpochMilli(timestamp), index);
    }
}
