package io.callsignal.dedup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * 64-bit fingerprints (CRC-64-AVRO) of an event's content: every field its schema has, but the
 * ones named as not content (its key, its lineage). A field's value is fingerprinted in Avro's
 * binary encoding under the field's schema, maps in key order, so the same content has the same
 * fingerprint however it was built or decoded; a field added to the schema is content at once.
 */
final class ContentFingerprints {

    private final Map<String, DatumWriter<Object>> writers = new LinkedHashMap<>();

    ContentFingerprints(Schema schema, Set<String> notContent) {
        SpecificData model = SpecificData.getForSchema(schema);
        for (Schema.Field field : schema.getFields()) {
            if (!notContent.contains(field.name())) {
                writers.put(field.name(), new SpecificDatumWriter<>(field.schema(), model));
            }
        }
        if (!schema.getFields().stream().map(Schema.Field::name).toList().containsAll(notContent)) {
            throw new IllegalArgumentException(notContent + " are not all fields of " + schema.getFullName());
        }
    }

    /** The content fields, in schema order. */
    Set<String> fields() {
        return writers.keySet();
    }

    /** A fingerprint per content field that is set. */
    Map<String, Long> perField(IndexedRecord event) {
        Map<String, Long> fingerprints = new TreeMap<>();
        writers.forEach((name, writer) -> {
            Object value = value(event, name);
            if (value != null) {
                fingerprints.put(name, fingerprint(encoder -> writer.write(canonical(value), encoder)));
            }
        });
        return fingerprints;
    }

    /** One fingerprint of all content fields, unset ones included. */
    long whole(IndexedRecord event) {
        return fingerprint(encoder -> {
            for (Map.Entry<String, DatumWriter<Object>> field : writers.entrySet()) {
                field.getValue().write(canonical(value(event, field.getKey())), encoder);
            }
        });
    }

    /** A fingerprint of text, for content that is not a field of the schema. */
    static long text(String text) {
        return SchemaNormalization.fingerprint64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Object value(IndexedRecord event, String field) {
        return event.get(event.getSchema().getField(field).pos());
    }

    private interface Encoding {
        void writeTo(BinaryEncoder encoder) throws IOException;
    }

    private static long fingerprint(Encoding encoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encoding.writeTo(EncoderFactory.get().directBinaryEncoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SchemaNormalization.fingerprint64(bytes.toByteArray());
    }

    /** Maps in key order (Avro writes them in iteration order), at any depth of maps and lists. */
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> sorted = new TreeMap<>(Comparator.comparing(Object::toString));
            map.forEach((key, item) -> sorted.put(key, canonical(item)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ContentFingerprints::canonical).toList();
        }
        return value;
    }
}
