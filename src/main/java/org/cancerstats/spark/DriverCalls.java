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
        if (items.size() <= 1) {
            return items.stream().map(call).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), runnable -> {
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
            RuntimeException failure = null;
            for (Future<R> future : futures) {
                try {
                    out.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for catalog calls", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
