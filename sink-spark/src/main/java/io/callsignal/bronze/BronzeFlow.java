package io.callsignal.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.decode;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.stream.SinkTrigger;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A raw topic, as sent, into its bronze table: every record, valid or not, once. Value and key are
 * kept as the exact bytes ({@code raw_bytes}, {@code _metadata.key_bytes}) and as text where those
 * bytes are UTF-8 ({@code raw_payload}, {@code _metadata.key}; null where they are not), so text
 * readers never see a string Spark did not check.
 */
public final class BronzeFlow {

    private BronzeFlow() {
    }

    public static StreamingQuery start(LakeCatalog lake, Dataset<Row> kafka, LakeTable table, SinkTrigger trigger)
            throws TimeoutException {
        Dataset<Row> rows = kafka.select(
                utf8(col("value")).as("raw_payload"),
                concat(lit("kafka://"), col("topic"), lit("/"), col("partition"), lit("/"), col("offset"))
                        .as("source_file"),
                current_timestamp().as("ingested_at"),
                struct(col("topic"), col("partition"), col("offset"), col("timestamp"),
                        utf8(col("key")).as("key"),
                        expr("transform(headers, h -> named_struct('key', h.key, 'value', CAST(h.value AS STRING)))")
                                .as("headers"),
                        col("key").as("key_bytes"))
                        .as("_metadata"),
                col("value").as("raw_bytes"));
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

    /** The bytes as text if they are UTF-8: decoding replaces what is not, so only UTF-8 encodes back the same. */
    private static Column utf8(Column bytes) {
        Column text = decode(bytes, "UTF-8");
        return when(encode(text, "UTF-8").equalTo(bytes), text);
    }
}
