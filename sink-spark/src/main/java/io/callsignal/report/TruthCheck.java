package io.callsignal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Counts found in the lake against the counts a sample's generator says the pipeline must produce
 * ({@code produce --truth}). Every expected count is checked; a count found in a closed family (a
 * quarantine reason, a streams counter) that the truth does not name was expected to be 0.
 */
public final class TruthCheck {

    /** Families where anything found is checked, even when the truth does not name it. */
    private static final List<String> CLOSED_FAMILIES = List.of("quarantine.", "streams.");

    public record Mismatch(String name, long expected, long found) {

        @Override
        public String toString() {
            return "MISMATCH " + name + ": expected " + expected + ", found " + found;
        }
    }

    private TruthCheck() {
    }

    /** How many counts were checked, and those that did not match. */
    public record Result(int checked, List<Mismatch> mismatches) {
    }

    /** Checks every expected count, and every found one of a closed family. */
    public static Result compare(SortedMap<String, Long> expected, Map<String, Long> found) {
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        found.keySet().stream().filter(name -> CLOSED_FAMILIES.stream().anyMatch(name::startsWith)).forEach(names::add);
        List<Mismatch> mismatches = new ArrayList<>();
        for (String name : names) {
            long want = expected.getOrDefault(name, 0L);
            long got = found.getOrDefault(name, 0L);
            if (want != got) {
                mismatches.add(new Mismatch(name, want, got));
            }
        }
        return new Result(names.size(), mismatches);
    }
}
