package io.callsignal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.raw.Utf8;
import io.callsignal.topics.JsonSerde;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Values as JSON for people: Avro records by their schema's field names, timestamps in ISO-8601 UTC. */
final class RecordJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    static JsonNode avro(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), avro(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), avro(v)));
            return object;
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode array = NODES.arrayNode();
            collection.forEach(element -> array.add(avro(element)));
            return array;
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return NODES.textNode(Base64.getEncoder().encodeToString(copy));
        }
        return JsonSerde.MAPPER.valueToTree(value instanceof Instant || value instanceof CharSequence
                ? value.toString() : value);
    }

    /** Bytes as text when they are UTF-8, else as {@code {"base64": ...}}: for keys and headers. */
    static JsonNode text(byte[] value) {
        String text = Utf8.decodeOrNull(value);
        if (value == null || text != null) {
            return NODES.textNode(text);
        }
        return NODES.objectNode().put("base64", Base64.getEncoder().encodeToString(value));
    }

    /** Bytes as the JSON they hold, else as text, else as {@code {"base64": ...}}: for values. */
    static JsonNode bytes(byte[] value) {
        if (value == null) {
            return NODES.nullNode();
        }
        String text = Utf8.decodeOrNull(value);
        if (text == null) {
            return NODES.objectNode().put("base64", Base64.getEncoder().encodeToString(value));
        }
        try {
            return JsonSerde.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return NODES.textNode(text);
        }
    }
}
