package io.callsignal.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.stream.SinkTrigger;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A raw topic, as sent, into its bronze table: every record, valid or not, once.
 */
public final class BronzeFlow {

    private BronzeFlow() {
    }

    public static StreamingQuery start(LakeCatalog lake, Dataset<Row> kafka, LakeTable table, SinkTrigger trigger)
            throws TimeoutException {
        Dataset<Row> rows = kafka.select(
                col("value").cast("string").as("raw_payload"),
                concat(lit("kafka://"), col("topic"), lit("/"), col("partition"), lit("/"), col("offset"))
                        .as("source_file"),
                current_timestamp().as("ingested_at"),
                struct(col("topic"), col("partition"), col("offset"), col("timestamp"),
                        col("key").cast("string").as("key"),
                        expr("transform(headers, h -> named_struct('key', h.key, 'value', CAST(h.value AS STRING)))")
                                .as("headers"))
                        .as("_metadata"));
        // Delta's streaming sink commits each batch with the query id and batch id: a batch replayed
        // after a crash is not appended twice.
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
