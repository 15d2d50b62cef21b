package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.schema.Signal;
import java.time.Instant;
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
        String callId = signal.requiredText("call_id");
        String scoringVersion = signal.requiredText("scoring_version");
        Instant evaluatedAt = extraction.timestamps().required(signal.get("evaluated_at"), "evaluated_at");
        Signal.Builder read = SignalReader.read(signal, callId, scoringVersion, evaluatedAt, extraction, null);
        return extraction.single(read.setRescuedData(Extraction.rescued(signal)).build());
    }
}
