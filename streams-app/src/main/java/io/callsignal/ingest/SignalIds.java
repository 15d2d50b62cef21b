package io.callsignal.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The signal_id of a signal sent without one: a name-based (version 3) UUID of
 * {@code call_id + "\u0000" + signal_name + "\u0000" + scoring_version} in UTF-8, so any producer
 * can compute the same id (docs/ingest.md shows how in other languages).
 */
public final class SignalIds {

    private SignalIds() {
    }

    public static String derive(String callId, String signalName, String scoringVersion) {
        return UUID.nameUUIDFromBytes((callId + "\u0000" + signalName + "\u0000" + scoringVersion)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
