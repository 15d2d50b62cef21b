package io.callsignal.silver;

import io.callsignal.rejection.Entity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Events the sink refuses, as rows of silver.quarantine beside the streams app's: the coordinates
 * are those of the typed record the sink read, and its bytes are kept in {@code payload_base64}.
 */
final class SinkQuarantine {

    private SinkQuarantine() {
    }

    /** Rows with a {@code _rejection}, from a frame with the decoder's {@code _kafka} and {@code _rejection}. */
    static Dataset<Row> rows(Dataset<Row> judged, Entity entity) {
        return judged.where("_rejection IS NOT NULL").selectExpr(
                "'" + entity.label() + "' AS entity",
                "_rejection.reason AS reason",
                "_rejection.field AS field",
                "_rejection.detail AS detail",
                "_kafka.topic AS source_topic",
                "_kafka.partition AS source_partition",
                "_kafka.offset AS source_offset",
                "_kafka.timestamp AS source_timestamp",
                "CAST(NULL AS INT) AS `index`",
                "CAST(_kafka.key AS STRING) AS key",
                "CAST(NULL AS STRING) AS key_base64",
                "CAST(NULL AS STRING) AS payload",
                "base64(_kafka.value) AS payload_base64",
                "CAST(NULL AS STRING) AS payload_in",
                "CAST(NULL AS ARRAY<STRUCT<key: STRING, value: STRING>>) AS headers",
                "current_timestamp() AS quarantined_at",
                "'sink' AS quarantined_by",
                "concat('kafka://', _kafka.topic, '/', _kafka.partition, '/', _kafka.offset) AS _source_file");
    }
}
