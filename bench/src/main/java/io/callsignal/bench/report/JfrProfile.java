package io.callsignal.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flight recording's CPU samples summed by method: where the time goes, as the top frame
 * (self) and anywhere on the stack (total), for the report's profile section.
 */
public final class JfrProfile {

    /** One method's share of the samples. */
    public record Entry(String method, double selfShare, double totalShare) {
    }

    private JfrProfile() {
    }

    /** The {@code top} methods by self share, then the {@code top} by total share among those in {@code prefix}. */
    public static List<Entry> read(Path recording, int top, String prefix) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame))) {
                    total.merge(name(frame), 1, Integer::sum);
                }
            }
        }
        int all = Math.max(1, samples);
        List<Entry> entries = new ArrayList<>();
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> entries.add(new Entry(e.getKey(), e.getValue() / (double) all,
                        total.getOrDefault(e.getKey(), 0) / (double) all)));
        total.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .filter(e -> entries.stream().noneMatch(entry -> entry.method().equals(e.getKey())))
                .forEach(e -> entries.add(new Entry(e.getKey(), self.getOrDefault(e.getKey(), 0) / (double) all,
                        e.getValue() / (double) all)));
        return entries;
    }

    /** Class and method; a lambda by the class it is written in, not by the name this JVM gave it. */
    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda") + "."
                + frame.getMethod().getName();
    }
}
