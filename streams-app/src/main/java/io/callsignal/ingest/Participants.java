package io.callsignal.ingest;

import io.callsignal.schema.Participant;
import java.util.Locale;

/** Participant values the way every adapter writes them: emails lower-cased, roles from a small vocabulary. */
final class Participants {

    static final String REP = "rep";
    static final String PROSPECT = "prospect";
    static final String UNKNOWN = "unknown";

    private Participants() {
    }

    static Participant of(String name, String email, String role) {
        return new Participant(blankToNull(name), email == null ? null : email.trim().toLowerCase(Locale.ROOT),
                blankToNull(role));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
