package io.callsignal.testkit;

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
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a Delta table with Delta Kernel, a reader that shares no code with Spark's Delta: what the
 * lake looks like to Trino, DuckDB, Databricks and other engines built on the protocol. The scan
 * follows Kernel's user guide (its internal helpers included, as its examples do).
 */
public final class KernelReader {

    private KernelReader() {
    }

    /** A text column's value in every live row of the table (rows a deletion vector removed left out), sorted. */
    public static List<String> strings(String location, String column) throws IOException {
        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = Table.forPath(engine, location).getLatestSnapshot(engine);
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
