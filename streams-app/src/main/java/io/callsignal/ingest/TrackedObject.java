package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object read field by field that remembers which fields were read, so whatever an adapter
 * did not recognise can be rescued ({@link #unrecognised()}) instead of silently dropped; unread
 * fields of array elements are rescued under the element's index.
 * {@code path} names the object in error messages ({@code calls[2].metaData}).
 */
public final class TrackedObject {

    private final ObjectNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();
    private final Map<String, TrackedObject> children = new LinkedHashMap<>();
    private final Map<String, List<TrackedObject>> arrayChildren = new LinkedHashMap<>();

    public TrackedObject(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Wraps a node that must be an object; anything else is an INVALID_FIELD at {@code path}. */
    public static TrackedObject of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw RejectedException.invalid(Reason.INVALID_FIELD, path, path + " must be a JSON object");
        }
        return new TrackedObject((ObjectNode) node, path);
    }

    public String path() {
        return path;
    }

    /** The field's value, or null when absent or JSON null. */
    public JsonNode get(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** Marks fields as recognised without reading them (known to the vendor's docs, no column of ours). */
    public void recognise(String... names) {
        read.addAll(Set.of(names));
    }

    /** A nested object, tracked too; null when absent. */
    public TrackedObject object(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        TrackedObject child = of(value, fieldPath(name));
        children.put(name, child);
        return child;
    }

    /** A field holding an array of objects, each tracked; null when absent. */
    public List<TrackedObject> objects(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw RejectedException.invalid(Reason.INVALID_FIELD, fieldPath(name), fieldPath(name) + " must be a JSON array");
        }
        List<TrackedObject> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            elements.add(of(value.get(i), fieldPath(name) + "[" + i + "]"));
        }
        arrayChildren.put(name, elements);
        return elements;
    }

    /** Every field, all counted as read: for free-form maps. */
    public Iterator<Map.Entry<String, JsonNode>> fields() {
        node.fieldNames().forEachRemaining(read::add);
        return node.fields();
    }

    /** Text of a scalar field (numbers and booleans as written); null when absent. */
    public String text(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw RejectedException.invalid(Reason.INVALID_FIELD, fieldPath(name), fieldPath(name) + " must be a scalar, not " + value.getNodeType());
        }
        return value.asText();
    }

    /** Text of a field that must be present and not blank. */
    public String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw RejectedException.missing(fieldPath(name));
        }
        return value;
    }

    public String fieldPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The fields nobody read, with nested objects' unread fields under their names; empty when all were read. */
    public ObjectNode unrecognised() {
        ObjectNode rest = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            TrackedObject child = children.get(field.getKey());
            List<TrackedObject> elements = arrayChildren.get(field.getKey());
            if (elements != null) {
                ObjectNode byIndex = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < elements.size(); i++) {
                    ObjectNode nested = elements.get(i).unrecognised();
                    if (!nested.isEmpty()) {
                        byIndex.set(Integer.toString(i), nested);
                    }
                }
                if (!byIndex.isEmpty()) {
                    rest.set(field.getKey(), byIndex);
                }
            } else if (child != null) {
                ObjectNode nested = child.unrecognised();
                if (!nested.isEmpty()) {
                    rest.set(field.getKey(), nested);
                }
            } else if (!read.contains(field.getKey())) {
                rest.set(field.getKey(), field.getValue());
            }
        }
        return rest;
    }
}
