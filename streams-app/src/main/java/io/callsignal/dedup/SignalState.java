package io.callsignal.dedup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.schema.Signal;

/** The newest evaluation of a signal passed on: when it was evaluated, and a fingerprint of its content. */
record SignalState(@JsonProperty("evaluated_at") long evaluatedAt, @JsonProperty("content") long content) {

    static SignalState of(Signal signal) {
        String content = String.join("\u0000", signal.getCallId(), signal.getSignalName(), signal.getSignalValue(),
                signal.getSignalType(), String.valueOf(signal.getConfidence()), signal.getScoringVersion(),
                String.valueOf(signal.getRescuedData()));
        return new SignalState(signal.getEvaluatedAt().toEpochMilli(), Fingerprints.of(content));
    }
}
