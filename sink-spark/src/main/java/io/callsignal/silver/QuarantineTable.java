package io.callsignal.silver;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes to silver.quarantine. A quarantined unit is one row, however often it is read: a replay
 * reads the quarantine topic again (and the streams app, replayed, writes its rejects again), so
 * rows are inserted only when no row has the same origin (who quarantined it, source coordinates,
 * element index, reason). The first time a unit was quarantined stays its {@code quarantined_at}.
 * A batch with nothing refused writes nothing, and reads only the partitions of its source topics
 * and the files there that may hold its source offsets (rows land in about offset order, so those
 * are the newest).
 */
final class QuarantineTable {

    /** What makes a quarantined unit itself; the MERGE and the batch's own repeats both go by it. */
    private static final List<String> UNIT = List.of("quarantined_by", "source_topic", "source_partition",
            "source_offset", "index", "reason");
    private static final String MERGE = """
            MERGE INTO delta.`%s` AS t
            USING %s AS s
            ON %s AND %s
            WHEN NOT MATCHED THEN INSERT *""";

    private QuarantineTable() {
    }

    /** Inserts the rows not there yet; call inside {@link IdempotentWrite#run}. */
    static void insertNew(Dataset<Row> rows, String location) {
        String view = "quarantine_rows";
        // Computed once (from Kafka, or by reading silver) for both the offsets and the MERGE.
        Dataset<Row> units = rows.dropDuplicates(UNIT.toArray(String[]::new)).persist();
        try {
            units.createOrReplaceTempView(view);
            String sameUnit = UNIT.stream().map(column -> "t.`" + column + "` <=> s.`" + column + "`")
                    .collect(Collectors.joining(" AND "));
            // The topics keep this flow's commit off the other flows' partitions; the offsets, to the newest files.
            MergePruning.onTarget(units, "source_topic", "t").ifPresent(topics -> rows.sparkSession().sql(
                    MERGE.formatted(location, view, sameUnit, topics + " AND "
                            + MergePruning.onTarget(units, "source_offset", "t").orElseThrow())));
        } finally {
            units.unpersist();
        }
    }
}
