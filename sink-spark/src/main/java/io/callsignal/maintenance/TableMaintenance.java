package io.callsignal.maintenance;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.delta.tables.DeltaTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * OPTIMIZE (silver Z-ordered by the columns BI filters on) and VACUUM over every table of the lake.
 * Both keep table contents as they are: OPTIMIZE rewrites files without changing data, and VACUUM
 * removes only files no version within the retention needs.
 */
public final class TableMaintenance {

    private static final Map<LakeTable, List<String>> Z_ORDER = Map.of(
            LakeTable.SILVER_CONVERSATIONS, List.of("call_id", "call_timestamp"),
            LakeTable.SILVER_SIGNALS, List.of("call_id", "evaluated_at"));

    /** What one table's OPTIMIZE did. */
    public record Optimized(LakeTable table, long filesRemoved, long filesAdded) {
    }

    private TableMaintenance() {
    }

    public static List<Optimized> optimize(LakeCatalog lake) {
        List<Optimized> results = new ArrayList<>();
        for (LakeTable table : LakeTable.values()) {
            if (!lake.exists(table)) {
                continue;
            }
            var builder = DeltaTable.forPath(lake.spark(), lake.location(table)).optimize();
            List<String> zOrder = Z_ORDER.getOrDefault(table, List.of());
            Row metrics = (zOrder.isEmpty() ? builder.executeCompaction()
                    : builder.executeZOrderBy(zOrder.toArray(String[]::new))).select("metrics.*").head();
            results.add(new Optimized(table, metrics.<Long>getAs("numFilesRemoved"),
                    metrics.<Long>getAs("numFilesAdded")));
        }
        return results;
    }

    /** The tables vacuumed; Delta refuses a retention under its safety check (7 days) unless disabled. */
    public static List<LakeTable> vacuum(LakeCatalog lake, Duration retain) {
        List<LakeTable> vacuumed = new ArrayList<>();
        for (LakeTable table : LakeTable.values()) {
            if (lake.exists(table)) {
                DeltaTable.forPath(lake.spark(), lake.location(table)).vacuum(retain.toMillis() / 3_600_000.0);
                vacuumed.add(table);
            }
        }
        return vacuumed;
    }
}
