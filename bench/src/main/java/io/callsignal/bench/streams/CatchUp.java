package io.callsignal.bench.streams;

import io.callsignal.app.IdleWatcher;
import io.callsignal.bench.process.ChildJvm;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Watches a streams app in another process work through its input, from outside, by its consumer
 * group's committed offsets: the rate at which it commits raw records once it has started, and
 * when it has committed everything (raw and repartition topics).
 */
final class CatchUp {

    private static final long POLL_MILLIS = 200;

    /** {@code recordsPerSecond}: raw records committed per second, from its first commit to the end. */
    record Run(double recordsPerSecond, double secondsFromLaunch, double processingSeconds) {
    }

    private CatchUp() {
    }

    /**
     * Blocks until {@code app} has committed all {@code rawRecords} of {@code rawTopics} and every
     * repartition record. {@code launchedNanos}: when the process was started.
     */
    static Run await(ChildJvm app, IdleWatcher watcher, Collection<String> rawTopics, long rawRecords,
            long launchedNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstNanos = 0;
        long committedAtFirst = 0;
        while (System.nanoTime() < deadline) {
            app.checkAlive();
            Map<String, Long> backlog;
            try {
                backlog = watcher.backlog();
            } catch (ExecutionException | TimeoutException e) {
                // Repartition topics appear once the app has started; until then there is nothing to read.
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            long now = System.nanoTime();
            long rawLeft = rawTopics.stream().mapToLong(topic -> backlog.getOrDefault(topic, 0L)).sum();
            if (firstNanos == 0 && rawLeft < rawRecords) {
                firstNanos = now;
                committedAtFirst = rawRecords - rawLeft;
            }
            if (firstNanos != 0 && backlog.values().stream().allMatch(left -> left == 0)) {
                double processing = (now - firstNanos) / 1e9;
                return new Run((rawRecords - committedAtFirst) / Math.max(processing, 1e-3),
                        (now - launchedNanos) / 1e9, processing);
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(app.name() + " did not catch up within " + timeout + "; see " + app.log());
    }
}
