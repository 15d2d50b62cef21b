package io.callsignal.gold;

import static io.callsignal.catalog.SqlLiterals.in;

import io.callsignal.catalog.LakeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The calls, deals and call months that silver's changes between two sets of versions touch, read
 * from silver's Change Data Feed: a call whose row or signals changed; a deal that one of those
 * calls belongs to now or belonged to before (a call moved between deals), or whose outcome
 * changed; the months those calls fall in, now or before. Reading them costs what changed, plus
 * one pass over the key columns of the current conversations to place calls whose signals alone
 * changed.
 */
record SilverChanges(List<Object> calls, List<Object> deals, List<Object> months) {

    /** A call's month as gold counts it (gold/rep_monthly_scores.sql): UTC calendar month of call_timestamp. */
    static final String MONTH_OF_CALL = "CAST(date_trunc('MONTH', call_timestamp) AS DATE)";

    /**
     * The changes between {@code from} and {@code to} (each silver table's version), or empty when
     * more than {@code maxCalls} calls changed. Throws when the feed cannot say (it was not recorded
     * for those versions, or VACUUM removed it).
     */
    static Optional<SilverChanges> between(SparkSession spark, Map<LakeTable, Long> from, Map<LakeTable, Long> to,
            long maxCalls) {
        List<String> changedCalls = new ArrayList<>();
        feed(LakeTable.SILVER_CONVERSATIONS, from, to).ifPresent(feed -> changedCalls.add("SELECT call_id FROM " + feed));
        feed(LakeTable.SILVER_SIGNALS, from, to).ifPresent(feed -> changedCalls.add("SELECT call_id FROM " + feed));
        List<Object> calls = changedCalls.isEmpty() ? List.of()
                : spark.sql("SELECT DISTINCT call_id FROM (" + String.join(" UNION ALL ", changedCalls) + ")")
                        .limit(Math.toIntExact(Math.min(Integer.MAX_VALUE, maxCalls + 1))).collectAsList().stream()
                        .map(row -> row.get(0)).toList();
        if (calls.size() > maxCalls) {
            return Optional.empty();
        }
        List<String> placed = new ArrayList<>();
        feed(LakeTable.SILVER_CONVERSATIONS, from, to).ifPresent(feed -> placed.add(
                "SELECT deal_id, " + MONTH_OF_CALL + " AS month FROM " + feed));
        if (!calls.isEmpty()) {
            placed.add("SELECT deal_id, " + MONTH_OF_CALL + " AS month FROM " + at(LakeTable.SILVER_CONVERSATIONS, to)
                    + " WHERE call_id IN " + in(calls));
        }
        feed(LakeTable.SILVER_DEAL_OUTCOMES, from, to).ifPresent(feed -> placed.add(
                "SELECT deal_id, CAST(NULL AS DATE) AS month FROM " + feed));
        if (placed.isEmpty()) {
            return Optional.of(new SilverChanges(calls, List.of(), List.of()));
        }
        Row keys = spark.sql("SELECT collect_set(deal_id), collect_set(month) FROM (" + String.join(" UNION ALL ", placed)
                + ")").head();
        return Optional.of(new SilverChanges(calls, keys.getList(0), keys.getList(1)));
    }

    /** A silver table as of a version, for a FROM clause. */
    static String at(LakeTable silver, Map<LakeTable, Long> versions) {
        return silver.qualifiedName() + " VERSION AS OF " + versions.get(silver);
    }

    /** The table's change feed after {@code from} up to {@code to}, if it changed. */
    private static Optional<String> feed(LakeTable silver, Map<LakeTable, Long> from, Map<LakeTable, Long> to) {
        long after = from.get(silver);
        long upTo = to.get(silver);
        return upTo > after
                ? Optional.of("table_changes('" + silver.qualifiedName() + "', " + (after + 1) + ", " + upTo + ")")
                : Optional.empty();
    }
}
