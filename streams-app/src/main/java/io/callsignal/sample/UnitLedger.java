package io.callsignal.sample;

import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.sample.SampleGenerator.Fate;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.sample.SampleGenerator.UnitOutcome;
import io.callsignal.schema.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sample's truth unit by unit, keyed by where each unit came from ({@code topic/partition/offset},
 * {@code #index} for an element of a batch), checked against what the streams app wrote: every valid
 * event names its unit in its lineage, every quarantine record in its coordinates.
 */
public final class UnitLedger {

    private static final int EXAMPLES = 5;

    /** How the output differs from the truth, in units; {@code examples} of each difference, for a person. */
    public record Verdict(long units, long lost, long duplicated, long misrouted, List<String> examples) {

        public boolean exact() {
            return lost == 0 && duplicated == 0 && misrouted == 0;
        }
    }

    /** What a unit became on the output side: VALID, or the quarantine reason. */
    private record Seen(String where, int times) {
    }

    private final Map<String, UnitOutcome> expected = new HashMap<>();
    private final Map<String, Seen> seen = new HashMap<>();
    private final SortedMap<String, Long> accounting = new TreeMap<>();

    /** A sample record as published, at these coordinates. */
    public void published(SampleRecord record, String topic, int partition, long offset) {
        String coordinates = topic + "/" + partition + "/" + offset;
        String entity = "streams." + record.destination().entity().label();
        for (UnitOutcome unit : record.units()) {
            expected.put(coordinates + (unit.index() == null ? "" : "#" + unit.index()), unit);
            accounting.merge(entity + ".input", 1L, Long::sum);
            accounting.merge(entity + "." + unit.fate().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
    }

    /**
     * What the streams app's accounting must say of the units published, with drops of every kind
     * as one count ({@code streams.<entity>.dropped}); compare with {@link #folded}.
     */
    public SortedMap<String, Long> expectedAccounting() {
        return new TreeMap<>(accounting);
    }

    /** An accounting as the streams app reports it, its kinds of drop added up, zero counts left out. */
    public static SortedMap<String, Long> folded(Map<String, Long> reported) {
        SortedMap<String, Long> folded = new TreeMap<>();
        reported.forEach((name, count) -> {
            if (count != 0) {
                folded.merge(name.replaceFirst("\\.dropped\\..*$", ".dropped"), count, Long::sum);
            }
        });
        return folded;
    }

    /** A valid event the streams app wrote, by its lineage. */
    public void valid(SourceRecord source) {
        String unit = source.getTopic() + "/" + source.getPartition() + "/" + source.getOffset()
                + (source.getIndex() == null ? "" : "#" + source.getIndex());
        saw(unit, Fate.VALID.name());
    }

    public void quarantined(QuarantineRecord record) {
        saw(record.coordinates(), record.reason().name());
    }

    private void saw(String unit, String where) {
        seen.merge(unit, new Seen(where, 1), (before, now) -> new Seen(before.where(), before.times() + 1));
    }

    public Verdict verdict() {
        long lost = 0;
        long duplicated = 0;
        long misrouted = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, UnitOutcome> unit : expected.entrySet()) {
            UnitOutcome outcome = unit.getValue();
            Seen output = seen.get(unit.getKey());
            String wanted = outcome.fate() == Fate.QUARANTINED ? outcome.reason().name() : outcome.fate().name();
            if (outcome.fate() == Fate.DROPPED) {
                if (output != null) {
                    duplicated++;
                    example(examples, "duplicated", unit.getKey(), "a repeat that should be dropped came out as "
                            + output.where());
                }
            } else if (output == null) {
                lost++;
                example(examples, "lost", unit.getKey(), "expected " + wanted);
            } else if (output.times() > 1) {
                duplicated++;
                example(examples, "duplicated", unit.getKey(), output.times() + " times");
            } else if (!output.where().equals(wanted)) {
                misrouted++;
                example(examples, "misrouted", unit.getKey(), "expected " + wanted + ", came out as " + output.where());
            }
        }
        for (Map.Entry<String, Seen> output : seen.entrySet()) {
            if (!expected.containsKey(output.getKey())) {
                misrouted++;
                example(examples, "misrouted", output.getKey(), "no such unit was published; came out as "
                        + output.getValue().where());
            }
        }
        return new Verdict(expected.size(), lost, duplicated, misrouted, examples);
    }

    private static void example(List<String> examples, String kind, String unit, String what) {
        if (examples.stream().filter(e -> e.startsWith(kind)).count() < EXAMPLES) {
            examples.add(kind + " " + unit + ": " + what);
        }
    }
}
