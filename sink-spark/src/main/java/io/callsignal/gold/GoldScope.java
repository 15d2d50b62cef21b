package io.callsignal.gold;

import static io.callsignal.gold.SilverChanges.MONTH_OF_CALL;
import static io.callsignal.gold.SilverChanges.at;
import static io.callsignal.catalog.SqlLiterals.in;

import io.callsignal.catalog.LakeTable;
import java.util.Map;

/**
 * What a gold table's row is computed from, so that changed keys can be recomputed alone: a call's
 * row from that call and its signals; a deal's from its outcome, its calls and their signals; a
 * month's rows from the calls in that month and their signals. The recomputed rows replace the
 * table's rows of those keys; a key left with no silver rows loses its row.
 */
enum GoldScope {
    CALLS, DEALS, MONTHS;

    /** The rows of one silver table (as of {@code versions}) this scope's changed keys are computed from. */
    String silverRows(LakeTable silver, Map<LakeTable, Long> versions, SilverChanges changes) {
        String rows = at(silver, versions);
        if (silver == LakeTable.SILVER_SIGNALS && this != CALLS) {
            // The signals of the changed deals' or months' calls, by a semi join that broadcasts those calls:
            // Spark cannot tell how few they are and otherwise shuffles every signal to meet them.
            String calls = this == DEALS ? "deal_id IN " + in(changes.deals())
                    : MONTH_OF_CALL + " IN " + in(changes.months());
            return "(SELECT /*+ BROADCAST(changed) */ signals.* FROM " + rows + " AS signals"
                    + " LEFT SEMI JOIN (SELECT call_id FROM " + at(LakeTable.SILVER_CONVERSATIONS, versions)
                    + " WHERE " + calls + ") AS changed ON signals.call_id = changed.call_id)";
        }
        String where = switch (this) {
            case CALLS -> silver == LakeTable.SILVER_DEAL_OUTCOMES ? "TRUE" : "call_id IN " + in(changes.calls());
            case DEALS -> "deal_id IN " + in(changes.deals());
            case MONTHS -> silver == LakeTable.SILVER_CONVERSATIONS
                    ? MONTH_OF_CALL + " IN " + in(changes.months()) : "TRUE";
        };
        return "(SELECT * FROM " + rows + " WHERE " + where + ")";
    }

    /** Whether the changes touch none of this scope's keys, so that the table has nothing to recompute. */
    boolean untouched(SilverChanges changes) {
        return switch (this) {
            case CALLS -> changes.calls().isEmpty();
            case DEALS -> changes.deals().isEmpty();
            case MONTHS -> changes.months().isEmpty();
        };
    }

    /** The gold rows the recomputed ones replace. */
    String goldRows(SilverChanges changes) {
        return switch (this) {
            case CALLS -> "call_id IN " + in(changes.calls());
            case DEALS -> "deal_id IN " + in(changes.deals());
            case MONTHS -> "month IN " + in(changes.months());
        };
    }
}
