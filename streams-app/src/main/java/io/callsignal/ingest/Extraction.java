package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.raw.RawRecord;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.SourceRecord;
import io.callsignal.validate.TimestampRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What an adapter reads one record with: the record itself, the timestamp rules, and batch splitting. */
public final class Extraction {

    /** Header naming the producing platform; it chooses the adapter when present. */
    public static final String PLATFORM_HEADER = "source_platform";

    private final RawRecord raw;
    private final TimestampRules timestamps;

    public Extraction(RawRecord raw, TimestampRules timestamps) {
        this.raw = raw;
        this.timestamps = timestamps;
    }

    public TimestampRules timestamps() {
        return timestamps;
    }

    public String headerPlatform() {
        return raw.header(PLATFORM_HEADER);
    }

    public SourceRecord source(Integer index) {
        return raw.source(index);
    }

    /** A payload that is one event. */
    public <T> List<Extracted<T>> single(T event) {
        return List.of(new Extracted.Event<>(event));
    }

    /**
     * One unit per element of a JSON array: each element is read on its own, so a bad one is
     * quarantined with its index while the others pass.
     */
    public <T> List<Extracted<T>> each(JsonNode array, String path, ElementReader<T> reader) {
        if (array == null || !array.isArray()) {
            throw RejectedException.invalid(Reason.INVALID_FIELD, path, path + " must be a JSON array");
        }
        List<Extracted<T>> units = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                units.add(new Extracted.Event<>(reader.read(TrackedObject.of(array.get(i), path + "[" + i + "]"), i)));
            } catch (RejectedException e) {
                units.add(new Extracted.Failure<>(e.violation(), i));
            }
        }
        return units;
    }

    /** Reads one element of a batch; {@code index} is its position. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(TrackedObject element, int index);
    }

    /** The object's unrecognised fields as JSON text, or null when there are none. */
    public static String rescued(TrackedObject object) {
        ObjectNode rest = object.unrecognised();
        return rest.isEmpty() ? null : rest.toString();
    }

    /**
     * For an element of a batch: its own unrecognised fields, plus the envelope's (the page or
     * batch around it) under {@code _envelope}; null when neither has any.
     */
    public static String rescued(TrackedObject element, ObjectNode envelopeRest) {
        ObjectNode rest = element.unrecognised();
        if (!envelopeRest.isEmpty()) {
            rest.set("_envelope", envelopeRest);
        }
        return rest.isEmpty() ? null : rest.toString();
    }

    /** Scalars as text, anything else as compact JSON: how free-form values land in a map<string,string>. */
    public static Function<JsonNode, String> asText() {
        return value -> value.isValueNode() ? value.asText() : value.toString();
    }
}
