package io.callsignal.silver;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta's idempotent writes for a micro-batch: each table remembers the last (app id, version) it
 * committed, and skips a write it has already seen. A batch replayed after a crash between the
 * Delta commit and the checkpoint therefore changes nothing twice. The app id is the streaming
 * query's id, which lives in the checkpoint: a new checkpoint (a replay) is a new app.
 *
 * <p>A write that lost a race to another commit on its table (another flow's quarantine rows, an
 * OPTIMIZE, a RESTORE) is one Delta says to retry: it is run again against the table as it is now,
 * for as long as it takes, and the tables it had already committed to skip it by their version.
 */
final class IdempotentWrite {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentWrite.class);
    private static final String APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String VERSION = "spark.databricks.delta.write.txnVersion";
    /** Spark sets this local property on the thread that runs a query's batches. */
    private static final String QUERY_ID = "sql.streaming.queryId";
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private IdempotentWrite() {
    }

    static void run(SparkSession session, String flow, long batchId, Runnable write) {
        String queryId = session.sparkContext().getLocalProperty(QUERY_ID);
        if (queryId == null) {
            throw new IllegalStateException("not on a streaming query's thread: no " + QUERY_ID);
        }
        session.conf().set(APP_ID, "callsignal/" + flow + "/" + queryId);
        session.conf().set(VERSION, batchId);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    write.run();
                    return;
                } catch (DeltaConcurrentModificationException e) {
                    LOG.warn("{} batch {}: a concurrent commit changed what this write read ({}); writing again"
                            + " (attempt {})", flow, batchId, e.getClass().getSimpleName(), attempt + 1);
                    pause(attempt);
                }
            }
        } finally {
            session.conf().unset(APP_ID);
            session.conf().unset(VERSION);
        }
    }

    /** Backs off with jitter, so that writers racing for one table do not collide again in step. */
    private static void pause(int attempt) {
        long ceiling = Math.min(LONGEST_PAUSE.toMillis(), 100L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }
}
