package io.callsignal.silver;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.stream.MicroBatchFlow;
import io.callsignal.stream.SinkTrigger;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The streams app's quarantine topic into silver.quarantine, typed, a unit once however often it
 * is read (see {@link QuarantineTable}). A record that is not the expected JSON still lands, with
 * its text as the payload, rather than vanish.
 */
public final class QuarantineFlow implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;
    private static final String FLOW = LakeTable.SILVER_QUARANTINE.qualifiedName();

    private static final String RECORD = "entity STRING, reason STRING, field STRING, detail STRING, "
            + "source_topic STRING, source_partition INT, source_offset BIGINT, source_timestamp STRING, "
            + "`index` INT, key STRING, key_base64 STRING, payload STRING, payload_base64 STRING, payload_in STRING, "
            + "headers ARRAY<STRUCT<key: STRING, value: STRING>>, quarantined_at STRING";

    private final String location;

    private QuarantineFlow(String location) {
        this.location = location;
    }

    public static StreamingQuery start(LakeCatalog lake, Dataset<Row> kafka, SinkTrigger trigger)
            throws TimeoutException {
        return MicroBatchFlow.start(lake, FLOW, kafka.select("value", "topic", "partition", "offset", "timestamp"),
                trigger, new QuarantineFlow(lake.location(LakeTable.SILVER_QUARANTINE)));
    }

    @Override
    public void call(Dataset<Row> kafka, Long batchId) {
        Dataset<Row> rows = kafka
                .selectExpr("CAST(value AS STRING) AS text", "from_json(CAST(value AS STRING), '" + RECORD + "') AS q",
                        "topic", "partition", "offset", "timestamp")
                .selectExpr(
                        "q.entity",
                        "coalesce(q.reason, 'UNDECODABLE_EVENT') AS reason",
                        "q.field",
                        "IF(q.reason IS NULL, 'the quarantine record is not the JSON the streams app writes', q.detail)"
                                + " AS detail",
                        "coalesce(q.source_topic, topic) AS source_topic",
                        "coalesce(q.source_partition, partition) AS source_partition",
                        "coalesce(q.source_offset, offset) AS source_offset",
                        "coalesce(CAST(q.source_timestamp AS TIMESTAMP), timestamp) AS source_timestamp",
                        "q.`index`",
                        "q.key",
                        "q.key_base64",
                        "IF(q.reason IS NULL, text, q.payload) AS payload",
                        "q.payload_base64",
                        "q.payload_in",
                        "q.headers",
                        "coalesce(CAST(q.quarantined_at AS TIMESTAMP), timestamp) AS quarantined_at",
                        "'streams-app' AS quarantined_by",
                        "concat('kafka://', topic, '/', partition, '/', offset) AS _source_file");
        IdempotentWrite.run(kafka.sparkSession(), FLOW, batchId, () -> QuarantineTable.insertNew(rows, location));
    }
}
