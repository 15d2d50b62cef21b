package io.callsignal.quarantine;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.rejection.Reason;
import java.time.Instant;

/**
 * A note on the redrives topic that a quarantined record was republished to its raw topic, keyed
 * by the record's original source coordinates, so that no later redrive republishes it again.
 */
public record RedriveMarker(@JsonProperty("reason") Reason reason,
        @JsonProperty("quarantined_at") Instant quarantinedAt,
        @JsonProperty("redriven_at") Instant redrivenAt) {
}
