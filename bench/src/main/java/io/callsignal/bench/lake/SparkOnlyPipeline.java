package io.callsignal.bench.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.Config;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataType;

/**
 * The alternative a team would write without callsignal: one Structured Streaming query from the
 * raw signals topic into the same silver table. JSON parsed with from_json, the evaluation
 * service's batches exploded, signal_id derived as the streams app derives it (a name-based UUID),
 * the same validation rules as filters (dropped, not quarantined), repeats removed with
 * dropDuplicatesWithinWatermark, then per micro-batch the newest evaluation of each signal_id
 * MERGEd in. Written plainly, as a competent team would, to be timed against callsignal on the
 * same input; it has no quarantine, no conflicting-duplicate check and no rescued data.
 */
final class SparkOnlyPipeline {

    private static final DataType PAYLOAD = DataType.fromDDL("""
            call_id STRING, signal_id STRING, signal_name STRING, signal_type STRING, confidence DOUBLE,
            signal_value STRING, scoring_version STRING, evaluated_at STRING,
            signals ARRAY<STRUCT<signal_id: STRING, signal_name: STRING, signal_type: STRING, confidence: DOUBLE,
                signal_value: STRING>>""");

    /** UUID version 3 of call_id NUL signal_name NUL scoring_version, as java.util.UUID.nameUUIDFromBytes makes it. */
    static final String DERIVED_ID = """
            concat_ws('-', substr(h, 1, 8), substr(h, 9, 4), concat('3', substr(h, 14, 3)),
                concat(lower(conv(CAST(conv(substr(h, 17, 1), 16, 10) AS INT) & 3 | 8, 10, 16)), substr(h, 18, 3)),
                substr(h, 21, 12))""";

    private static final String VALID = """
            call_id IS NOT NULL AND signal_name IS NOT NULL AND scoring_version IS NOT NULL
            AND signal_type IN ('score', 'boolean', 'category', 'extraction', 'count')
            AND (confidence IS NULL OR confidence BETWEEN 0 AND 1)
            AND evaluated_at >= TIMESTAMP '2000-01-01 00:00:00'
            AND evaluated_at <= current_timestamp() + INTERVAL 5 MINUTES
            AND CASE signal_type
                WHEN 'score' THEN try_cast(signal_value AS DOUBLE) IS NOT NULL
                WHEN 'count' THEN try_cast(signal_value AS BIGINT) >= 0
                WHEN 'boolean' THEN signal_value IN ('true', 'false')
                WHEN 'category' THEN trim(signal_value) <> ''
                ELSE signal_value IS NOT NULL END""";

    private static final String MERGE = """
            MERGE INTO silver.conversation_signals AS t
            USING (
                SELECT * FROM (
                    SELECT *, row_number() OVER (PARTITION BY signal_id ORDER BY evaluated_at DESC) AS rank
                    FROM updates)
                WHERE rank = 1) AS s
            ON t.signal_id = s.signal_id
            WHEN MATCHED AND s.evaluated_at > t.evaluated_at THEN UPDATE SET
                call_id = s.call_id, signal_name = s.signal_name, signal_value = s.signal_value,
                signal_type = s.signal_type, confidence = s.confidence, scoring_version = s.scoring_version,
                evaluated_at = s.evaluated_at, ingested_at = current_timestamp(), _source = s._source
            WHEN NOT MATCHED THEN INSERT (signal_id, call_id, signal_name, signal_value, signal_type, confidence,
                    scoring_version, evaluated_at, ingested_at, _rescued_data, _source)
                VALUES (s.signal_id, s.call_id, s.signal_name, s.signal_value, s.signal_type, s.confidence,
                    s.scoring_version, s.evaluated_at, current_timestamp(), NULL, s._source)""";

    private SparkOnlyPipeline() {
    }

    /** Starts the query over what the topic holds now (available-now), into {@code lake}'s silver signals. */
    static StreamingQuery start(LakeCatalog lake, Config config, String rawSignalsTopic) throws TimeoutException {
        Dataset<Row> raw = lake.spark().readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.kafkaClient().get("bootstrap.servers"))
                .option("subscribe", rawSignalsTopic)
                .option("startingOffsets", "earliest")
                .load();
        Dataset<Row> signals = raw
                .select(from_json(col("value").cast("string"), PAYLOAD).as("j"), col("topic"), col("partition"),
                        col("offset"), col("timestamp"))
                .selectExpr("j", "topic", "partition", "offset", "timestamp",
                        "posexplode(IF(j.signals IS NULL, array(named_struct('signal_id', j.signal_id,"
                                + " 'signal_name', j.signal_name, 'signal_type', j.signal_type,"
                                + " 'confidence', j.confidence, 'signal_value', j.signal_value)), j.signals))"
                                + " AS (pos, e)")
                .selectExpr("j.call_id AS call_id", "e.signal_id AS given_id", "e.signal_name AS signal_name",
                        "lower(trim(e.signal_type)) AS signal_type", "e.confidence AS confidence",
                        "e.signal_value AS signal_value", "j.scoring_version AS scoring_version",
                        "CAST(j.evaluated_at AS TIMESTAMP) AS evaluated_at", "timestamp",
                        "named_struct('topic', topic, 'partition', partition, 'offset', offset,"
                                + " 'timestamp', timestamp, 'index', IF(j.signals IS NULL, NULL, pos)) AS _source",
                        "md5(concat_ws(char(0), j.call_id, e.signal_name, j.scoring_version)) AS h")
                .where(VALID)
                .withColumn("signal_id", expr("coalesce(given_id, " + DERIVED_ID + ")"))
                .withWatermark("timestamp", "1 hour")
                .dropDuplicatesWithinWatermark("signal_id", "evaluated_at")
                .drop("given_id", "h", "timestamp");
        return signals.writeStream()
                .queryName("spark-only-signals")
                .option("checkpointLocation", lake.checkpoint("spark-only-signals"))
                .trigger(Trigger.AvailableNow())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
                    batch.createOrReplaceTempView("updates");
                    batch.sparkSession().sql(MERGE);
                })
                .start();
    }
}
