package io.callsignal.stream;

import io.callsignal.catalog.SinkSettings;
import io.callsignal.config.Config;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/** A streaming read of one pipeline topic from its first offset, committed transactions only. */
public final class KafkaSource {

    private KafkaSource() {
    }

    /** Columns: key, value, topic, partition, offset, timestamp, timestampType, headers. */
    public static Dataset<Row> read(SparkSession spark, Config config, String topic) {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("includeHeaders", "true")
                .option("maxOffsetsPerTrigger", (long) config.get(SinkSettings.SINK_MAX_OFFSETS_PER_TRIGGER))
                // The streams app writes in transactions: aborted records must never reach the lake.
                .option("kafka.isolation.level", "read_committed");
        config.kafkaClient().forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }
}
