package io.callsignal.catalog;

import io.callsignal.config.Setting;
import java.util.List;

/** Settings only the sink reads. */
public final class SinkSettings {

    public static final Setting<String> SPARK_MASTER = Setting.text("SPARK_MASTER", "local[2]",
            "Spark master: local[N] runs in process; a cluster URL (k8s://..., spark://...) submits there.");
    public static final Setting<Integer> SPARK_SHUFFLE_PARTITIONS = Setting.positiveInt("SPARK_SHUFFLE_PARTITIONS",
            "4", "spark.sql.shuffle.partitions: keep it near the core count for the small batches of a sink.");

    public static final List<Setting<?>> ALL = List.of(SPARK_MASTER, SPARK_SHUFFLE_PARTITIONS);

    private SinkSettings() {
    }
}
