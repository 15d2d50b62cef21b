package io.callsignal.silver;

import io.callsignal.rejection.Reason;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Why the sink refuses an event at the silver boundary: one of the pipeline's reason codes. */
record Rejection(Reason reason, String field, String detail) {

    Row toRow() {
        return RowFactory.create(reason.name(), field, detail);
    }
}
