package org.cancerstats.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent catalog calls of the driver (creating tables, reading their details) a few at a time. Each such
 * call spends tenths of a second in the driver, in planning, the metastore and the Delta log, with the executors idle;
 * overlapped, a refresh's two dozen tables cost a fraction of that. A SparkSession takes queries from several threads.
 * The publisher also writes its tables two at a time through it (each file of a table is written by one task).
 */
public final class DriverCalls {

    /** Calls at once: enough to overlap the driver's waits, few enough not to crowd its cores. */
    static final int THREADS = 4;

    private DriverCalls() {
    }

    /**
     * {@code call} applied to every item, results in the items' order. The first failure (in item order) is thrown,
     * after every call has ended.
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> call) {
        return map(items, THREADS, call);
    }

    /**
     * As {@link #map(List, Function)}, at most {@code threads} calls at once: for calls that run Spark jobs of their
     * own (writing a table), where each holds data in memory while it runs.
     */
    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> call) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + threads);
        }
        if (items.size() <= 1 || threads == 1) {
            return items.stream().map(call).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "cancerstats-catalog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> call.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            Throwable failure = null;
            for (Future<R> future : futures) {
                try {
                    out.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for catalog calls", e);
                }
            }
            if (failure instanceof Error error) {
                throw error; // as on the caller's own thread: no catch meant for exceptions carries on past it
            }
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
