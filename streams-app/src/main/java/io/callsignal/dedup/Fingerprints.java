package io.callsignal.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.SchemaNormalization;

/** 64-bit content fingerprints (CRC-64-AVRO) of field values, independent of map ordering. */
final class Fingerprints {

    private Fingerprints() {
    }

    static long of(Object value) {
        Object canonical = value instanceof Map<?, ?> map ? new TreeMap<>(map) : value;
        return SchemaNormalization.fingerprint64(String.valueOf(canonical).getBytes(StandardCharsets.UTF_8));
    }
}
