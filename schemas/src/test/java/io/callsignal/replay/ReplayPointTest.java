package io.callsignal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsignal.replay.ReplayPoint.TopicOffset;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayPointTest {

    @Test
    void readsEachForm() {
        assertEquals(new ReplayPoint.Earliest(), ReplayPoint.parse("earliest"));
        assertEquals(new ReplayPoint.At(Instant.parse("2026-11-20T08:00:00Z")), ReplayPoint.parse("2026-11-20T09:00:00+01:00"));
        assertEquals(new ReplayPoint.Offsets(List.of(new TopicOffset("conversations.raw", 0, 42),
                new TopicOffset("signals.raw", 2, 7))), ReplayPoint.parse("conversations.raw:0:42, signals.raw:2:7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "latest", "2026-11-20T09:00:00", "topic:1", "topic:x:3", ":1:2", "topic:1:-5"})
    void refusesAnythingElse(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayPoint.parse(text));
        assertEquals(true, e.getMessage().contains("not a replay point"), e.getMessage());
    }
}
