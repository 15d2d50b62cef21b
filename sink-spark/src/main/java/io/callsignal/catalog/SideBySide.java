package io.callsignal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Independent work on the lake's tables, run side by side: creating a table, checking its definition
 * or rebuilding a small gold table waits mostly on planning, small log reads and commits rather than
 * on the cores, so a few at once take about as long as the longest. The first failure is thrown once
 * all have ended.
 */
public final class SideBySide {

    private static final int THREADS = 4;

    private SideBySide() {
    }

    /** {@code work} applied to each item, the results in the items' order. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, items.size())), runnable -> {
            Thread thread = new Thread(runnable, "lake-side-by-side");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(threads.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException cause ? cause
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working on the lake's tables", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
