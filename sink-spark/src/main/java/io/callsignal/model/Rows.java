package io.callsignal.model;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Writes rows built in the driver to one of the model's tables, in the table's own column order. */
final class Rows {

    private Rows() {
    }

    static void append(LakeCatalog lake, LakeTable table, List<Row> rows) {
        write(lake, table, rows, "append");
    }

    static void write(LakeCatalog lake, LakeTable table, List<Row> rows, String mode) {
        StructType schema = StructType.fromDDL(table.columns().orElseThrow());
        lake.spark().createDataFrame(rows, schema).write().format("delta").mode(mode).save(lake.location(table));
    }
}
