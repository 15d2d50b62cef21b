package io.callsignal.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.schema.Signal;
import java.nio.charset.StandardCharsets;

/** A typed signal written back as canonical signal JSON, which the canonical adapter reads as the same signal. */
public final class CanonicalSignalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalSignalJson() {
    }

    public static byte[] of(Signal signal) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("signal_id", signal.getSignalId())
                .put("call_id", signal.getCallId())
                .put("signal_name", signal.getSignalName())
                .put("signal_value", signal.getSignalValue())
                .put("signal_type", signal.getSignalType())
                .put("confidence", signal.getConfidence())
                .put("scoring_version", signal.getScoringVersion())
                .put("evaluated_at", signal.getEvaluatedAt().toString());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
