package io.callsignal.dedup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.schema.Signal;
import java.util.Set;

/** The newest evaluation of a signal passed on: when it was evaluated, and a fingerprint of its content. */
record SignalState(@JsonProperty("evaluated_at") long evaluatedAt, @JsonProperty("content") long content) {

    /** All of a signal but its key, its lineage and its evaluation time, which dedup compares on its own. */
    static final ContentFingerprints CONTENT = new ContentFingerprints(Signal.SCHEMA$,
            Set.of("signal_id", "source", "evaluated_at"));

    static SignalState of(Signal signal) {
        return new SignalState(signal.getEvaluatedAt().toEpochMilli(), CONTENT.whole(signal));
    }
}
