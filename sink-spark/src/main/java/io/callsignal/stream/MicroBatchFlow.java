package io.callsignal.stream;

import io.callsignal.catalog.LakeCatalog;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/** A flow that writes each micro-batch itself (a MERGE), named after its table, checkpointed under the lake. */
public final class MicroBatchFlow {

    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

    private MicroBatchFlow() {
    }

    /**
     * Each batch is written with the session's settings of today: a streaming query runs with the
     * shuffle partitions its checkpoint recorded on its first start, and with adaptive execution
     * off. Neither binds a batch's own writes (the flow keeps no streaming state), so the MERGE gets
     * the partitions configured now and AQE, which coalesces a small batch's shuffles.
     */
    public static StreamingQuery start(LakeCatalog lake, String flow, Dataset<Row> input, SinkTrigger trigger,
            VoidFunction2<Dataset<Row>, Long> write) throws TimeoutException {
        String shufflePartitions = lake.spark().conf().get(SHUFFLE_PARTITIONS);
        VoidFunction2<Dataset<Row>, Long> tuned = (batch, batchId) -> {
            batch.sparkSession().conf().set(SHUFFLE_PARTITIONS, shufflePartitions);
            batch.sparkSession().conf().set(ADAPTIVE, true);
            write.call(batch, batchId);
        };
        return input.writeStream()
                .queryName(flow)
                .option("checkpointLocation", lake.checkpoint(flow))
                .trigger(trigger.sparkTrigger())
                .foreachBatch(tuned)
                .start();
    }
}
