package io.callsignal.report;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lake in numbers, under the names a sample's truth uses (docs/demo.md): rows per table
 * ({@code silver.conversations}), quarantined units per reason ({@code quarantine.MALFORMED_JSON}),
 * and the calls gold.deal_signal_summary covers ({@code gold.deal_signal_summary.calls}).
 */
public final class LakeCounts {

    private LakeCounts() {
    }

    public static SortedMap<String, Long> of(LakeCatalog lake) {
        SparkSession spark = lake.spark();
        SortedMap<String, Long> counts = new TreeMap<>();
        for (LakeTable table : LakeTable.values()) {
            if (lake.exists(table)) {
                counts.put(table.qualifiedName(), spark.table(table.qualifiedName()).count());
            }
        }
        if (lake.exists(LakeTable.SILVER_QUARANTINE)) {
            for (Row row : spark.sql("SELECT reason, count(*) FROM " + LakeTable.SILVER_QUARANTINE.qualifiedName()
                    + " GROUP BY reason").collectAsList()) {
                counts.put("quarantine." + row.getString(0), row.getLong(1));
            }
        }
        if (lake.exists(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY)) {
            Row calls = spark.sql("SELECT coalesce(sum(calls), 0) FROM "
                    + LakeTable.GOLD_DEAL_SIGNAL_SUMMARY.qualifiedName()).first();
            counts.put("gold.deal_signal_summary.calls", calls.getLong(0));
        }
        return counts;
    }
}
