package io.callsignal.stream;

import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import io.callsignal.replay.ReplayPoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * A streaming read of one pipeline topic, committed transactions only. Where a flow without a
 * checkpoint starts: the first offset, or for a replay from an instant the first record at or
 * after it. (A replay from raw-topic offsets re-reads the typed topics from their start: their
 * offsets do not map to the raw ones, and the MERGE makes re-reading harmless.)
 */
public final class KafkaSource {

    private KafkaSource() {
    }

    /** Columns: key, value, topic, partition, offset, timestamp, timestampType, headers. */
    public static Dataset<Row> read(SparkSession spark, Config config, String topic) {
        return read(spark, config, topic, new ReplayPoint.Earliest());
    }

    public static Dataset<Row> read(SparkSession spark, Config config, String topic, ReplayPoint start) {
        DataStreamReader reader = spark.readStream().format("kafka").option("subscribe", topic);
        if (start instanceof ReplayPoint.At at) {
            reader.option("startingTimestamp", at.instant().toEpochMilli())
                    // A partition with nothing at or after the instant starts at its end, not in error.
                    .option("startingOffsetsByTimestampStrategy", "latest");
        } else {
            reader.option("startingOffsets", "earliest");
        }
        reader.option("includeHeaders", "true")
                .option("maxOffsetsPerTrigger", (long) config.get(SinkSettings.SINK_MAX_OFFSETS_PER_TRIGGER))
                // The streams app writes in transactions: aborted records must never reach the lake.
                .option("kafka.isolation.level", "read_committed");
        config.kafkaClient().forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }
}
