package io.callsignal.maintenance;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.delta.tables.DeltaTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * OPTIMIZE and VACUUM over every table of the lake. OPTIMIZE compacts small files and clusters the
 * files of a clustered table ({@link LakeTable#clusteredBy()}) written since its last run, so its
 * cost grows with what arrived since, not with the table. Both keep table contents as they are:
 * OPTIMIZE rewrites files without changing data, and VACUUM removes only files no version within the
 * retention needs.
 */
public final class TableMaintenance {

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
            Row metrics = DeltaTable.forPath(lake.spark(), lake.location(table)).optimize().executeCompaction()
                    .select("metrics.*").head();
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
