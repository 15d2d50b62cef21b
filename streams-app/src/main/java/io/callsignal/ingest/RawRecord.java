package io.callsignal.ingest;

import io.callsignal.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private static final String BASE64 = "base64:";

    /** Headers as text: UTF-8 values as they are, others as {@code base64:...}. */
    public Map<String, String> headerText() {
        Map<String, String> text = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                byte[] value = header.value();
                String utf8 = value == null ? null : Utf8.decodeOrNull(value);
                text.put(header.key(), value == null ? null
                        : utf8 != null ? utf8 : BASE64 + Base64.getEncoder().encodeToString(value));
            }
        }
        return text;
    }

    /**
     * A header value from its text in {@link #headerText()}. A UTF-8 value that itself began with
     * {@code base64:} cannot be told apart; headers callsignal reads never do.
     */
    public static byte[] headerBytes(String text) {
        if (text == null) {
            return null;
        }
        return text.startsWith(BASE64) ? Base64.getDecoder().decode(text.substring(BASE64.length()))
                : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lineage for an event read from this record; {@code index} is its position in a multi-event payload. */
    public SourceRecord source(Integer index) {
        return new SourceRecord(topic, partition, offset, Instant.ofEpochMilli(timestamp), index);
    }

    public String coordinates() {
        return topic + "/" + partition + "/" + offset;
    }
}
