package io.callsignal.testkit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Hands a flow batches of typed records as Spark's Kafka source would, without a broker: what is
 * judged is the flow's SQL and its MERGE. Each call is one streaming query (its own id), offsets
 * counting up from 0 on partition 0 of {@code topic}.
 */
public final class TypedBatches {

    private static final StructType KAFKA = StructType.fromDDL(
            "key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, timestamp TIMESTAMP");

    private TypedBatches() {
    }

    public static void land(SparkSession spark, String query, VoidFunction2<Dataset<Row>, Long> flow, String topic,
            List<List<byte[]>> batches) throws Exception {
        spark.sparkContext().setLocalProperty("sql.streaming.queryId", query);
        long batchId = 0;
        long offset = 0;
        for (List<byte[]> batch : batches) {
            List<Row> records = new ArrayList<>();
            for (byte[] value : batch) {
                records.add(RowFactory.create(null, value, topic, 0, offset++, Timestamp.from(Instant.now())));
            }
            flow.call(spark.createDataFrame(records, KAFKA), batchId++);
        }
    }
}
