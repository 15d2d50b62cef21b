package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.schema.Signal;
import java.util.List;
import java.util.Set;

/** The canonical signal: the fields of the Signal schema by name; signal_id may be left to derivation. */
final class CanonicalSignalAdapter implements Adapter<Signal> {

    private static final Set<String> FIELDS = Set.of("signal_id", "signal_name", "signal_value", "signal_type");

    @Override
    public String platform() {
        return null;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && FIELDS.stream().anyMatch(root::has);
    }

    @Override
    public List<Extracted<Signal>> extract(JsonNode root, Extraction extraction) {
        TrackedObject signal = TrackedObject.of(root, "");
        SignalReader.Evaluation evaluation = SignalReader.Evaluation.read(signal, extraction);
        Signal.Builder read = SignalReader.read(signal, evaluation, extraction, null);
        return extraction.single(read.setRescuedData(Extraction.rescued(signal)).build());
    }
}
