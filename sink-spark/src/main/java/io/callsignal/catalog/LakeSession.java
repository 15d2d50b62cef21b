package io.callsignal.catalog;

import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** A Spark session with Delta Lake enabled and its warehouse under the lake root. */
public final class LakeSession {

    private LakeSession() {
    }

    public static SparkSession open(Config config) {
        // spark-submit hands its settings to the JVM as spark.* system properties, which SparkConf reads.
        String master = master(config, new SparkConf());
        SparkSession.Builder builder = SparkSession.builder();
        // The file's spark.* keys first: what follows is callsignal's own (validation refuses those keys).
        config.sparkOverrides().forEach(builder::config);
        if (master.startsWith("local")) {
            // In-process Spark talks only to itself: keep it on loopback, whatever the host's name resolves to.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder
                .appName("callsignal-sink")
                .master(master)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.warehouse.dir", LakeCatalog.root(config) + "/_warehouse")
                .config("spark.sql.shuffle.partitions", config.get(SinkSettings.SPARK_SHUFFLE_PARTITIONS))
                // VACUUM lists a table's files in this many tasks; the default (10000) takes minutes on 2 cores.
                .config("spark.sql.sources.parallelPartitionDiscovery.parallelism",
                        config.get(SinkSettings.SPARK_SHUFFLE_PARTITIONS))
                // Delta rebuilds a table's state from its log in this many tasks; its default (50) made
                // a one-batch sink run on 2 cores 100 s instead of 65 s, mostly tasks with nothing to do.
                .config("spark.databricks.delta.snapshotPartitions", config.get(SinkSettings.SPARK_SHUFFLE_PARTITIONS))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
    }

    /** SPARK_MASTER where it is set; else the master spark-submit was given; else SPARK_MASTER's default. */
    static String master(Config config, SparkConf submitted) {
        return config.isSet(SinkSettings.SPARK_MASTER) || !submitted.contains("spark.master")
                ? config.get(SinkSettings.SPARK_MASTER) : submitted.get("spark.master");
    }

}
