package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.schema.Signal;
import java.util.List;

/**
 * The evaluation service's batch: one call's signals under a shared scoring_version and
 * evaluated_at. Each element becomes a signal; a bad element is quarantined with its index.
 */
final class SignalBatchAdapter implements Adapter<Signal> {

    @Override
    public String platform() {
        return null;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && root.has("signals");
    }

    @Override
    public List<Extracted<Signal>> extract(JsonNode root, Extraction extraction) {
        TrackedObject batch = TrackedObject.of(root, "");
        SignalReader.Evaluation evaluation = SignalReader.Evaluation.read(batch, extraction);
        JsonNode signals = batch.get("signals");
        ObjectNode batchRest = batch.unrecognised();
        return extraction.each(signals, "signals", (element, index) ->
                SignalReader.read(element, evaluation, extraction, index)
                        .setRescuedData(Extraction.rescued(element, batchRest)).build());
    }
}
