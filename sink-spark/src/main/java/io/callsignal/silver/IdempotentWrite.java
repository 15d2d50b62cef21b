package io.callsignal.silver;

import org.apache.spark.sql.SparkSession;

/**
 * Delta's idempotent writes for a micro-batch: each table remembers the last (app id, version) it
 * committed, and skips a write it has already seen. A batch replayed after a crash between the
 * Delta commit and the checkpoint therefore changes nothing twice. The app id is the streaming
 * query's id, which lives in the checkpoint: a new checkpoint (a replay) is a new app.
 */
final class IdempotentWrite {

    private static final String APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String VERSION = "spark.databricks.delta.write.txnVersion";
    /** Spark sets this local property on the thread that runs a query's batches. */
    private static final String QUERY_ID = "sql.streaming.queryId";

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
            write.run();
        } finally {
            session.conf().unset(APP_ID);
            session.conf().unset(VERSION);
        }
    }
}
