package io.callsignal.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.ingest.RawRecord;
import io.callsignal.ingest.Utf8;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A rejected record as it lands on the quarantine topic (JSON): why, where it came from, and its
 * original bytes, as text when they are UTF-8 ({@code payload}) and in base64 otherwise
 * ({@code payload_base64}). For an element of a multi-event payload, {@code index} says which one;
 * the payload is still the whole original record. See docs/quarantine.md.
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
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("quarantined_at") Instant quarantinedAt) {

    /** Rejects a whole record, or (index not null) one element of it. */
    public static QuarantineRecord of(Entity entity, Violation violation, RawRecord raw, Integer index,
            Instant now) {
        boolean keepPayload = violation.reason() != Reason.PAYLOAD_TOO_LARGE;
        byte[] value = keepPayload ? raw.value() : null;
        String valueText = Utf8.decodeOrNull(value);
        String keyText = Utf8.decodeOrNull(raw.key());
        return new QuarantineRecord(entity.label(), violation.reason(), violation.field(), violation.detail(),
                raw.topic(), raw.partition(), raw.offset(), Instant.ofEpochMilli(raw.timestamp()), index,
                keyText, keyText == null ? base64(raw.key()) : null,
                valueText, valueText == null ? base64(value) : null,
                raw.headerText(), now);
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

    /** The original bytes, whichever way they were stored; null when left out. */
    public byte[] originalPayload() {
        return bytes(payload, payloadBase64);
    }

    private static byte[] bytes(String text, String base64) {
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
