package io.callsignal.silver;

import io.callsignal.rejection.Entity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Events the sink refuses, as rows of silver.quarantine beside the streams app's. A unit is named
 * by its lineage, the raw record (and element) it was read from, so the streams app writing it
 * again (a replay) at other typed-topic offsets is still one unit; bytes that do not decode have no
 * lineage and are named by the typed record. {@code _source_file} is the typed record the sink read,
 * whose bytes are kept in {@code payload_base64}.
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
                "coalesce(_source.topic, _kafka.topic) AS source_topic",
                "coalesce(_source.partition, _kafka.partition) AS source_partition",
                "coalesce(_source.offset, _kafka.offset) AS source_offset",
                "IF(_source IS NULL, _kafka.timestamp, _source.timestamp) AS source_timestamp",
                "_source.index AS `index`",
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
