package io.callsignal.bench.chaos;

import io.callsignal.bench.process.ChildJvm;
import io.callsignal.topics.Topics;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;

/**
 * The streams app's committed progress through the raw topics, read from its group's offsets: a
 * disruption waits for the app to have committed more since the one before, so that each strikes
 * an app at work rather than one still starting.
 */
final class Progress {

    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final Admin admin;
    private final Set<String> rawTopics;
    private long mark = -1;

    Progress(Admin admin, Topics topics) {
        this.admin = admin;
        this.rawTopics = Set.copyOf(topics.rawTopics());
    }

    /** Remembers how far the app has committed: right after a disruption, when the struck app commits no more. */
    void mark() throws InterruptedException {
        mark = committed();
    }

    /** Returns the app (restarted by {@code supervised} if it exited) once it has committed beyond the mark. */
    ChildJvm awaitCommitsBeyondMark(ChildJvm app, UnaryOperator<ChildJvm> supervised) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (committed() <= mark && System.nanoTime() < deadline) {
            Thread.sleep(Chaos.POLL_MILLIS);
            app = supervised.apply(app);
        }
        return app;
    }

    /** Raw records committed; -1 while the group or the broker cannot say. */
    private long committed() throws InterruptedException {
        try {
            return admin.listConsumerGroupOffsets(Chaos.APPLICATION_ID).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(entry -> rawTopics.contains(entry.getKey().topic()) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }
}
