package io.callsignal.stream;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A flow that only appends, through Delta's streaming sink: it commits each micro-batch with the
 * query's id and batch id, so a batch replayed after a crash is not written twice.
 */
public final class DeltaAppend {

    private DeltaAppend() {
    }

    public static StreamingQuery start(LakeCatalog lake, Dataset<Row> rows, LakeTable table, SinkTrigger trigger)
            throws TimeoutException {
        String flow = table.qualifiedName();
        return rows.writeStream()
                .queryName(flow)
                .format("delta")
                .outputMode("append")
                .option("checkpointLocation", lake.checkpoint(flow))
                .trigger(trigger.sparkTrigger())
                .start(lake.location(table));
    }
}
