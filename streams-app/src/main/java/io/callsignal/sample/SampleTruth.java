package io.callsignal.sample;

import io.callsignal.rejection.Reason;
import io.callsignal.sample.SampleGenerator.Fate;
import io.callsignal.sample.SampleGenerator.UnitOutcome;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the pipeline must make of a sample, worked out by applying the documented rules (docs/ingest.md,
 * docs/lake.md) to each unit in the order it is published: the counts a report of the lake and the
 * streams app's accounting must show. Records of one call share a key, so that order is the order
 * every stage sees them in.
 */
final class SampleTruth {

    /** A conversation unit: its call, the fingerprints of the fields it sets, and the facts gold reads. */
    record ConversationUnit(String callId, Map<String, String> fields, String dealId, List<String> repEmails,
            Instant callTimestamp) {
    }

    /** A signal unit: its identity and evaluation time, and everything dedup compares as content. */
    record SignalUnit(String signalId, String callId, String name, String type, String value, double confidence,
            String scoringVersion, Instant evaluatedAt) {

        String content() {
            return String.join("\u0000", callId, name, type, value, String.valueOf(confidence), scoringVersion);
        }
    }

    /** A deal unit: the columns it sets (by name, rescued fields as rescued.NAME) and its updated_at. */
    record DealUnit(String dealId, Map<String, String> fields, Instant updatedAt) {
    }

    private record FieldVersion(Instant at, String value) {
    }

    private record Call(Map<String, String> fields, String dealId, List<String> repEmails, Instant callTimestamp) {
    }

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<Reason, Long> quarantine = new EnumMap<>(Reason.class);
    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, SignalUnit> signals = new HashMap<>();
    private final Map<String, Map<String, FieldVersion>> deals = new HashMap<>();

    /** {@code batch}: the units are elements of one payload, indexed by position; else one whole record. */
    List<UnitOutcome> conversationRecord(List<ConversationUnit> units, boolean batch) {
        add("bronze.conversations_raw", 1);
        add("streams.conversation.input", units.size());
        List<UnitOutcome> outcomes = new ArrayList<>();
        for (ConversationUnit unit : units) {
            Integer index = batch ? outcomes.size() : null;
            Call known = calls.get(unit.callId());
            if (known != null && known.fields().entrySet().containsAll(unit.fields().entrySet())) {
                add("streams.conversation.dropped.duplicate", 1);
                outcomes.add(new UnitOutcome(index, Fate.DROPPED, null));
                continue;
            }
            add("streams.conversation.valid", 1);
            outcomes.add(new UnitOutcome(index, Fate.VALID, null));
            Map<String, String> fields = new HashMap<>(known == null ? Map.of() : known.fields());
            fields.putAll(unit.fields());
            calls.put(unit.callId(), known == null
                    ? new Call(fields, unit.dealId(), unit.repEmails(), unit.callTimestamp())
                    : new Call(fields, firstNonNull(unit.dealId(), known.dealId()),
                            firstNonNull(unit.repEmails(), known.repEmails()),
                            firstNonNull(unit.callTimestamp(), known.callTimestamp())));
        }
        return outcomes;
    }

    /** {@code batch}: as for {@link #conversationRecord}. */
    List<UnitOutcome> signalRecord(List<SignalUnit> units, boolean batch) {
        add("bronze.signals_raw", 1);
        add("streams.signal.input", units.size());
        List<UnitOutcome> outcomes = new ArrayList<>();
        for (SignalUnit unit : units) {
            Integer index = batch ? outcomes.size() : null;
            SignalUnit known = signals.get(unit.signalId());
            if (known == null || unit.evaluatedAt().isAfter(known.evaluatedAt())) {
                add("streams.signal.valid", 1);
                signals.put(unit.signalId(), unit);
                outcomes.add(new UnitOutcome(index, Fate.VALID, null));
            } else if (unit.evaluatedAt().isBefore(known.evaluatedAt())) {
                add("streams.signal.dropped.stale", 1);
                outcomes.add(new UnitOutcome(index, Fate.DROPPED, null));
            } else if (unit.content().equals(known.content())) {
                add("streams.signal.dropped.duplicate", 1);
                outcomes.add(new UnitOutcome(index, Fate.DROPPED, null));
            } else {
                add("streams.signal.quarantined", 1);
                quarantined(Reason.CONFLICTING_DUPLICATE);
                outcomes.add(new UnitOutcome(index, Fate.QUARANTINED, Reason.CONFLICTING_DUPLICATE));
            }
        }
        return outcomes;
    }

    /** Per deal and column, the newest updated_at wins (docs/ingest.md); {@code batch}: as for {@link #conversationRecord}. */
    List<UnitOutcome> dealRecord(List<DealUnit> units, boolean batch) {
        add("bronze.deals_raw", 1);
        add("streams.deal.input", units.size());
        List<UnitOutcome> outcomes = new ArrayList<>();
        for (DealUnit unit : units) {
            Integer index = batch ? outcomes.size() : null;
            Map<String, FieldVersion> known = deals.computeIfAbsent(unit.dealId(), id -> new HashMap<>());
            boolean newer = false;
            boolean stale = false;
            boolean conflicting = false;
            for (Map.Entry<String, String> field : unit.fields().entrySet()) {
                FieldVersion held = known.get(field.getKey());
                if (held == null || unit.updatedAt().isAfter(held.at())) {
                    newer = true;
                } else if (unit.updatedAt().equals(held.at()) && !field.getValue().equals(held.value())) {
                    conflicting = true;
                } else if (unit.updatedAt().isBefore(held.at())) {
                    stale = true;
                }
            }
            if (conflicting) {
                add("streams.deal.quarantined", 1);
                quarantined(Reason.CONFLICTING_DUPLICATE);
                outcomes.add(new UnitOutcome(index, Fate.QUARANTINED, Reason.CONFLICTING_DUPLICATE));
            } else if (newer) {
                add("streams.deal.valid", 1);
                unit.fields().forEach((name, value) -> known.merge(name, new FieldVersion(unit.updatedAt(), value),
                        (held, incoming) -> incoming.at().isAfter(held.at()) ? incoming : held));
                outcomes.add(new UnitOutcome(index, Fate.VALID, null));
            } else {
                add(stale ? "streams.deal.dropped.stale" : "streams.deal.dropped.duplicate", 1);
                outcomes.add(new UnitOutcome(index, Fate.DROPPED, null));
            }
        }
        return outcomes;
    }

    /** A raw record the streams app rejects whole: one unit, quarantined. */
    List<UnitOutcome> rejectedRecord(SampleGenerator.Destination destination, Reason reason) {
        String label = destination.entity().label();
        add("bronze." + label + "s_raw", 1);
        String entity = "streams." + label + ".";
        add(entity + "input", 1);
        add(entity + "quarantined", 1);
        quarantined(reason);
        return List.of(new UnitOutcome(null, Fate.QUARANTINED, reason));
    }

    /** A record on a valid topic that only the sink sees, and quarantines. */
    void rejectedBySink(Reason reason) {
        quarantined(reason);
    }

    /** Every count, under the names the lake report uses (docs/demo.md). */
    SortedMap<String, Long> expected() {
        SortedMap<String, Long> expected = new TreeMap<>(counts);
        for (String entity : List.of("conversation", "signal", "deal")) {
            for (String counter : List.of("input", "valid", "dropped.duplicate", "quarantined")) {
                expected.putIfAbsent("streams." + entity + "." + counter, 0L);
            }
        }
        expected.putIfAbsent("streams.signal.dropped.stale", 0L);
        expected.putIfAbsent("streams.deal.dropped.stale", 0L);
        for (Reason reason : Reason.values()) {
            expected.put("quarantine." + reason.name(), quarantine.getOrDefault(reason, 0L));
        }
        expected.put("silver.conversations", (long) calls.size());
        expected.put("silver.conversation_signals", (long) signals.size());
        expected.put("silver.deal_outcomes", deals.values().stream().filter(fields -> !fields.isEmpty()).count());
        expected.put("gold.call_signal_pivot", (long) calls.size());
        expected.put("gold.deal_signal_summary",
                calls.values().stream().map(Call::dealId).filter(Objects::nonNull).distinct().count());
        expected.put("gold.deal_signal_summary.calls",
                calls.values().stream().filter(call -> call.dealId() != null).count());
        expected.put("gold.rep_monthly_scores", repMonths());
        return expected;
    }

    /** Distinct (rep, month of the call, scoring_version) over calls with an overall_score under that version. */
    private long repMonths() {
        Set<List<String>> rows = new HashSet<>();
        for (SignalUnit signal : signals.values()) {
            Call call = calls.get(signal.callId());
            if (!signal.name().equals("overall_score") || call == null || call.repEmails() == null
                    || call.callTimestamp() == null) {
                continue;
            }
            String month = YearMonth.from(call.callTimestamp().atOffset(ZoneOffset.UTC)).toString();
            for (String email : call.repEmails()) {
                rows.add(List.of(email.toLowerCase(Locale.ROOT), month, signal.scoringVersion()));
            }
        }
        return rows.size();
    }

    private void quarantined(Reason reason) {
        quarantine.merge(reason, 1L, Long::sum);
    }

    private void add(String name, long amount) {
        counts.merge(name, amount, Long::sum);
    }

    private static <T> T firstNonNull(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
