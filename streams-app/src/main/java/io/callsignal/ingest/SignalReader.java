package io.callsignal.ingest;

import io.callsignal.schema.Signal;
import io.callsignal.validate.SignalRules;
import java.time.Instant;

/** The signal fields both signal formats share, read and checked the same way. */
final class SignalReader {

    private SignalReader() {
    }

    /** A signal from {@code fields} (name, type, value, confidence, optional id) and its call's context; rescued data is the caller's. */
    static Signal.Builder read(TrackedObject fields, String callId, String scoringVersion, Instant evaluatedAt,
            Extraction extraction, Integer index) {
        String name = fields.requiredText("signal_name");
        String type = SignalRules.type(fields.text("signal_type"));
        String value = SignalRules.value(type, fields.get("signal_value"));
        Double confidence = SignalRules.confidence(fields.get("confidence"));
        String id = fields.text("signal_id");
        return Signal.newBuilder()
                .setSignalId(id == null || id.isBlank() ? SignalIds.derive(callId, name, scoringVersion) : id)
                .setCallId(callId)
                .setSignalName(name)
                .setSignalValue(value)
                .setSignalType(type)
                .setConfidence(confidence)
                .setScoringVersion(scoringVersion)
                .setEvaluatedAt(evaluatedAt)
                .setSource(extraction.source(index));
    }
}
