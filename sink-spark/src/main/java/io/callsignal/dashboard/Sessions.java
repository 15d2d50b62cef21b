package io.callsignal.dashboard;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is signed in to the dashboard: an unguessable token per login (the cookie's value) and its
 * user, until logout or {@link #LIFETIME}. Held in memory: a restart signs everyone out.
 */
final class Sessions {

    static final String COOKIE = "callsignal_session";
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(String user, Instant expires) {
    }

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    String begin(String user) {
        Instant now = Instant.now();
        byToken.values().removeIf(session -> session.expires().isBefore(now));
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        byToken.put(id, new Session(user, now.plus(LIFETIME)));
        return id;
    }

    Optional<String> user(String token) {
        Session session = token == null ? null : byToken.get(token);
        return session == null || session.expires().isBefore(Instant.now()) ? Optional.empty()
                : Optional.of(session.user());
    }

    void end(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }
}
