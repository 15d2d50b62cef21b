package io.callsignal.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Delta table with Delta Kernel, a reader that shares no code with Spark's Delta: what the
 * lake looks like to Trino, DuckDB, Databricks and other engines built on the protocol. The scan
 * follows Kernel's user guide (its internal helpers included, as its examples do).
 */
public final class KernelReader {

    private KernelReader() {
    }

    /** Each table's key column as Kernel reads it equals what Spark reads. */
    public static void assertEveryTableReadsAsSpark(LakeCatalog lake) throws IOException {
        Map<LakeTable, String> keys = Map.ofEntries(Map.entry(LakeTable.BRONZE_CONVERSATIONS, "source_file"),
                Map.entry(LakeTable.BRONZE_SIGNALS, "source_file"), Map.entry(LakeTable.BRONZE_DEALS, "source_file"),
                Map.entry(LakeTable.SILVER_CONVERSATIONS, "call_id"), Map.entry(LakeTable.SILVER_SIGNALS, "signal_id"),
                Map.entry(LakeTable.SILVER_DEAL_OUTCOMES, "deal_id"), Map.entry(LakeTable.SILVER_QUARANTINE, "reason"),
                Map.entry(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY, "deal_id"),
                Map.entry(LakeTable.GOLD_REP_MONTHLY_SCORES, "rep_email"),
                Map.entry(LakeTable.GOLD_CALL_SIGNAL_PIVOT, "call_id"), Map.entry(LakeTable.GOLD_DEAL_FEATURES, "deal_id"),
                Map.entry(LakeTable.GOLD_DEAL_PREDICTIONS, "deal_id"), Map.entry(LakeTable.ML_RUNS, "run_id"),
                Map.entry(LakeTable.ML_MODELS, "run_id"), Map.entry(LakeTable.SYSTEM_AUDIT, "principal"),
                Map.entry(LakeTable.SYSTEM_TEAM_MEMBERS, "rep_email"));
        for (LakeTable table : LakeTable.values()) {
            String key = keys.get(table);
            assertEquals(SinkFixture.strings(lake, "SELECT " + key + " FROM " + table.qualifiedName() + " ORDER BY 1"),
                    strings(lake, table, key).stream().map(String::valueOf).toList(), table.qualifiedName());
        }
    }

    /**
     * A text column's value in every live row of the table (rows a deletion vector removed left out),
     * sorted; the file system settings (s3a endpoint, credentials) are the lake's session's.
     */
    public static List<String> strings(LakeCatalog lake, LakeTable table, String column) throws IOException {
        Engine engine = DefaultEngine.create(lake.spark().sparkContext().hadoopConfiguration());
        Snapshot snapshot = Table.forPath(engine, lake.location(table)).getLatestSnapshot(engine);
        StructType readSchema = new StructType().add(snapshot.getSchema(engine).get(column));
        Scan scan = snapshot.getScanBuilder(engine).withReadSchema(engine, readSchema).build();
        Row state = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, state);
        List<String> values = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                                Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)),
                                physicalSchema, Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, state, file, physical)) {
                            while (logical.hasNext()) {
                                addLive(logical.next(), values);
                            }
                        }
                    }
                }
            }
        }
        values.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        return values;
    }

    private static void addLive(FilteredColumnarBatch batch, List<String> values) {
        ColumnVector column = batch.getData().getColumnVector(0);
        Optional<ColumnVector> selected = batch.getSelectionVector();
        for (int row = 0; row < column.getSize(); row++) {
            if (selected.isEmpty() || (!selected.get().isNullAt(row) && selected.get().getBoolean(row))) {
                values.add(column.isNullAt(row) ? null : column.getString(row));
            }
        }
    }
}
