package io.callsignal.silver;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to silver.quarantine. A quarantined unit is one row, however often it is read: a replay
 * reads the quarantine topic again (and the streams app, replayed, writes its rejects again), so
 * rows are inserted only when no row has the same origin (who quarantined it, source coordinates,
 * element index, reason). The first time a unit was quarantined stays its {@code quarantined_at}.
 */
final class QuarantineTable {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineTable.class);

    /** What makes a quarantined unit itself; the MERGE and the batch's own repeats both go by it. */
    private static final List<String> UNIT = List.of("quarantined_by", "source_topic", "source_partition",
            "source_offset", "index", "reason");
    private static final String MERGE = """
            MERGE INTO delta.`%s` AS t
            USING %s AS s
            ON %s
            WHEN NOT MATCHED THEN INSERT *""";

    /** Three flows write the table; a MERGE that lost the race to another's commit tries again. */
    private static final int ATTEMPTS = 10;

    private QuarantineTable() {
    }

    /** Inserts the rows not there yet; call inside {@link IdempotentWrite#run}. */
    static void insertNew(Dataset<Row> rows, String location) {
        String view = "quarantine_rows";
        rows.dropDuplicates(UNIT.toArray(String[]::new)).createOrReplaceTempView(view);
        String sameUnit = UNIT.stream().map(column -> "t.`" + column + "` <=> s.`" + column + "`")
                .collect(Collectors.joining(" AND "));
        for (int attempt = 1; ; attempt++) {
            try {
                rows.sparkSession().sql(MERGE.formatted(location, view, sameUnit));
                return;
            } catch (DeltaConcurrentModificationException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.info("silver.quarantine changed under this write (attempt {} of {}); merging again", attempt,
                        ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(50, 200) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a quarantine write", e);
        }
    }
}
