package io.callsignal.catalog;

import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** A Spark session with Delta Lake enabled and its warehouse under the lake root. */
public final class LakeSession {

    private static final String S3A_CREDENTIALS = "spark.hadoop.fs.s3a.aws.credentials.provider";
    private static final String CLUSTERING_CUBES =
            "spark.databricks.delta.optimize.clustering.mergeStrategy.minCubeSize.";

    private LakeSession() {
    }

    /** A session whose catalog lives in memory: the sink's and the maintenance commands', which address tables by path. */
    public static SparkSession open(Config config) {
        return builder(config).getOrCreate();
    }

    /**
     * A session whose catalog is the lake's Hive metastore ({@link Metastore}), so that what users
     * create (views, say) outlives the process: the SQL endpoint's and {@code sql}'s. Where the
     * metastore cannot be had (another process holds the lake's embedded one), empty.
     */
    public static Optional<SparkSession> openWithMetastore(Config config) {
        Metastore metastore = Metastore.of(config);
        if (metastore.inUseElsewhere()) {
            return Optional.empty();
        }
        SparkSession.Builder builder = builder(config);
        metastore.configure(builder);
        return Optional.of(builder.getOrCreate());
    }

    private static SparkSession.Builder builder(Config config) {
        // spark-submit hands its settings to the JVM as spark.* system properties, which SparkConf reads.
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder();
        // S3 credentials from AWS's default chain, unless spark-submit or the file name a provider: S3A's
        // own list lacks the web identity token IRSA gives a pod, and system properties.
        if (!submitted.contains(S3A_CREDENTIALS) && !config.sparkOverrides().containsKey(S3A_CREDENTIALS)) {
            builder.config(S3A_CREDENTIALS, "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
        }
        // The lake's layout, as defaults the file's spark.* keys may override (docs/lake.md, "What a batch costs"):
        // Parquet row groups of 32 MiB, so that a file under Parquet's 128 MiB default is still read by
        // several tasks (a 10M-signal table was one 100 MB file and every scan of it one task); and
        // clustering cubes finished at 32 MiB, so that OPTIMIZE, auto compaction's included, clusters new
        // files among themselves instead of re-clustering the whole table with them until it reaches
        // Delta's 100 GB default.
        builder.config("spark.hadoop.parquet.block.size", String.valueOf(32L << 20))
                .config(CLUSTERING_CUBES + "threshold", String.valueOf(32L << 20))
                .config(CLUSTERING_CUBES + "targetCubeSize", String.valueOf(64L << 20));
        // The file's spark.* keys next: what follows is callsignal's own (validation refuses those keys).
        config.sparkOverrides().forEach(builder::config);
        String master = master(config, submitted);
        if (master.startsWith("local")) {
            // In-process Spark talks only to itself: keep it on loopback, whatever the host's name resolves to.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder
                .appName("callsignal-sink")
                .master(master)
                .config("spark.sql.extensions",
                        "io.delta.sql.DeltaSparkSessionExtension,io.callsignal.governance.GovernanceExtension,"
                                + "io.callsignal.model.PredictFunction")
                // Each session Spark makes (the endpoint's per connection, the dashboard's) gets one, so every
                // user's statement reaches the audit log.
                .config("spark.sql.queryExecutionListeners", "io.callsignal.governance.AuditListener")
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
                .config("spark.ui.enabled", "false");
    }

    /** SPARK_MASTER where it is set; else the master spark-submit was given; else SPARK_MASTER's default. */
    static String master(Config config, SparkConf submitted) {
        return config.isSet(SinkSettings.SPARK_MASTER) || !submitted.contains("spark.master")
                ? config.get(SinkSettings.SPARK_MASTER) : submitted.get("spark.master");
    }

    /**
     * Whether only one driver at a time may write the lake: on S3, Delta's default log store makes
     * a commit atomic only among the threads of one driver (two drivers can both write version N).
     * HDFS, ABFS and GCS (an atomic rename or put-if-absent), a local disk (a narrow race between
     * processes: check, then rename) and S3 with a multi-driver log store configured
     * (S3DynamoDBLogStore) take more.
     */
    public static boolean oneWritingDriver(Config config) {
        String root = LakeCatalog.root(config);
        String scheme = root.contains("://") ? root.substring(0, root.indexOf("://")).toLowerCase(Locale.ROOT) : "file";
        if (!List.of("s3", "s3a", "s3n").contains(scheme)) {
            return false;
        }
        Map<String, String> spark = config.sparkOverrides();
        String logStore = spark.getOrDefault("spark.delta.logStore." + scheme + ".impl",
                spark.getOrDefault("spark.delta.logStore.class", "S3SingleDriverLogStore"));
        return logStore.endsWith("S3SingleDriverLogStore");
    }
}
