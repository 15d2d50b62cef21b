package io.callsignal.stream;

import io.callsignal.catalog.LakeCatalog;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/** A flow that writes each micro-batch itself (a MERGE), named after its table, checkpointed under the lake. */
public final class MicroBatchFlow {

    private MicroBatchFlow() {
    }

    public static StreamingQuery start(LakeCatalog lake, String flow, Dataset<Row> input, SinkTrigger trigger,
            VoidFunction2<Dataset<Row>, Long> write) throws TimeoutException {
        return input.writeStream()
                .queryName(flow)
                .option("checkpointLocation", lake.checkpoint(flow))
                .trigger(trigger.sparkTrigger())
                .foreachBatch(write)
                .start();
    }
}
