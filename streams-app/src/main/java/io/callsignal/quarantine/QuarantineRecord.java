package io.callsignal.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.raw.HeaderText;
import io.callsignal.raw.RawRecord;
import io.callsignal.raw.Utf8;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A rejected record as it lands on the quarantine topic (JSON): why, where it came from, and its
 * original bytes, as text when they are UTF-8 that JSON carries without growing much
 * ({@code payload}) and in base64 otherwise ({@code payload_base64}). For an element of a
 * multi-event payload, {@code index} says which one; the payload is still the whole original
 * record, carried by the first rejected element only: the others name it in {@code payload_in}.
 * See docs/quarantine.md.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QuarantineRecord(
        @JsonProperty("entity") String entity,
        @JsonProperty("reason") Reason reason,
        @JsonProperty("field") String field,
        @JsonProperty("detail") String detail,
        @JsonProperty("source_topic") String sourceTopic,
        @JsonProperty("source_partition") int sourcePartition,
        @JsonProperty("source_offset") long sourceOffset,
        @JsonProperty("source_timestamp") Instant sourceTimestamp,
        @JsonProperty("index") Integer index,
        @JsonProperty("key") String key,
        @JsonProperty("key_base64") String keyBase64,
        @JsonProperty("payload") String payload,
        @JsonProperty("payload_base64") String payloadBase64,
        @JsonProperty("payload_in") String payloadIn,
        @JsonProperty("headers") List<HeaderText> headers,
        @JsonProperty("quarantined_at") Instant quarantinedAt) {

    /** Rejects a whole record, or (index not null) one element of it, with the record's bytes. */
    public static QuarantineRecord of(Entity entity, Violation violation, RawRecord raw, Integer index,
            Instant now) {
        return of(entity, violation, raw, index, now, null);
    }

    /**
     * Rejects another element of a record whose bytes the quarantine record at {@code payloadIn}
     * (its {@link #coordinates()}) already carries.
     */
    public static QuarantineRecord of(Entity entity, Violation violation, RawRecord raw, Integer index,
            Instant now, String payloadIn) {
        boolean keepPayload = payloadIn == null && violation.reason() != Reason.PAYLOAD_TOO_LARGE;
        byte[] value = keepPayload ? raw.value() : null;
        String valueText = asJsonText(value);
        String keyText = asJsonText(raw.key());
        return new QuarantineRecord(entity.label(), violation.reason(), violation.field(), violation.detail(),
                raw.topic(), raw.partition(), raw.offset(), Instant.ofEpochMilli(raw.timestamp()), index,
                keyText, keyText == null ? base64(raw.key()) : null,
                valueText, valueText == null ? base64(value) : null, payloadIn,
                HeaderText.of(raw.headers()), now);
    }

    /** The quarantine topic's key: the source coordinates, unique per rejected unit. */
    public String coordinates() {
        return sourceRecord() + (index == null ? "" : "#" + index);
    }

    /** The source record's coordinates, {@code topic/partition/offset}, shared by all its units. */
    public String sourceRecord() {
        return sourceTopic + "/" + sourcePartition + "/" + sourceOffset;
    }

    /** The original key's bytes, whichever way they were stored; null when the record had none. */
    public byte[] originalKey() {
        return bytes(key, keyBase64);
    }

    /** The original bytes, whichever way they were stored; null when left out or carried elsewhere. */
    public byte[] originalPayload() {
        return bytes(payload, payloadBase64);
    }

    /** The last value of a header as text, or null. */
    public String header(String name) {
        String value = null;
        for (HeaderText header : headers == null ? List.<HeaderText>of() : headers) {
            if (header.key().equals(name)) {
                value = header.value();
            }
        }
        return value;
    }

    private static byte[] bytes(String text, String base64) {
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    /**
     * The bytes as text when they are UTF-8 and JSON escaping would not make them larger than
     * base64 does: most control characters escape to six bytes, and the quarantine topic's record
     * limit assumes at most base64's growth.
     */
    private static String asJsonText(byte[] bytes) {
        String text = Utf8.decodeOrNull(bytes);
        if (text == null) {
            return null;
        }
        long escaped = bytes.length;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                escaped += 1;
            } else if (c < 0x20) {
                escaped += 5;
            }
        }
        return escaped <= base64Length(bytes.length) ? text : null;
    }

    /** Characters of {@code bytes} bytes in base64, as a quarantine record stores bytes that are not text. */
    public static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
