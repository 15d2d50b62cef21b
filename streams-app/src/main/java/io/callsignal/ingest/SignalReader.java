package io.callsignal.ingest;

import io.callsignal.schema.Signal;
import io.callsignal.validate.SignalRules;
import java.time.Instant;

/** The signal fields both signal formats share, read and checked the same way. */
final class SignalReader {

    /** What a signal shares with the other signals of its evaluation. */
    record Evaluation(String callId, String scoringVersion, Instant evaluatedAt) {

        static Evaluation read(TrackedObject fields, Extraction extraction) {
            return new Evaluation(fields.requiredText("call_id"), fields.requiredText("scoring_version"),
                    extraction.timestamps().required(fields.get("evaluated_at"), "evaluated_at"));
        }
    }

    private SignalReader() {
    }

    /** A signal from {@code fields} (name, type, value, confidence, optional id) and its call's context; rescued data is the caller's. */
    static Signal.Builder read(TrackedObject fields, Evaluation evaluation, Extraction extraction, Integer index) {
        String name = fields.requiredText("signal_name");
        String type = SignalRules.type(fields.text("signal_type"));
        String value = SignalRules.value(type, fields.get("signal_value"));
        Double confidence = SignalRules.confidence(fields.get("confidence"));
        String id = fields.text("signal_id");
        return Signal.newBuilder()
                .setSignalId(id == null || id.isBlank()
                        ? SignalIds.derive(evaluation.callId(), name, evaluation.scoringVersion()) : id)
                .setCallId(evaluation.callId())
                .setSignalName(name)
                .setSignalValue(value)
                .setSignalType(type)
                .setConfidence(confidence)
                .setScoringVersion(evaluation.scoringVersion())
                .setEvaluatedAt(evaluation.evaluatedAt())
                .setSource(extraction.source(index));
    }
}
