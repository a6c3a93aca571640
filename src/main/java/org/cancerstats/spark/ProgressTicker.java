package org.cancerstats.spark;

import java.io.PrintStream;
import java.time.LocalTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * While a long step runs, a line every {@code period} on standard output, so that an operator (or a scheduler's log)
 * sees it move: the step, seconds so far, what the step says it has done (files of files), and the Spark tasks
 * done of those of the running stages, from Spark's status tracker:
 * <pre>
 *   02:15:41 rates: running, 20 s, Spark tasks 37/64
 * </pre>
 */
public final class ProgressTicker implements AutoCloseable {

    /** Wall-clock time of a progress line; LocalTime's own text drops ":00" seconds. */
    public static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    /** The interval the refresh uses. */
    public static final long SECONDS = 10;

    private final ScheduledExecutorService timer;

    private ProgressTicker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Starts printing.
     *
     * @param step   the step's name
     * @param detail what the step has done so far ("3/7 files"), or empty; read at every line
     */
    public static ProgressTicker start(SparkSession spark, String step, Supplier<String> detail, long periodSeconds,
                                       PrintStream out) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cancerstats-progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            String done = detail.get();
            out.println(CLOCK.format(LocalTime.now()) + " " + step + ": running, "
                    + Math.round((System.nanoTime() - start) / 1e9) + " s" + (done.isEmpty() ? "" : ", " + done)
                    + tasks(JavaSparkContext.fromSparkContext(spark.sparkContext()).statusTracker()));
            out.flush();
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return new ProgressTicker(timer);
    }

    private static String tasks(JavaSparkStatusTracker tracker) {
        long done = 0;
        long total = 0;
        for (int id : tracker.getActiveStageIds()) {
            SparkStageInfo stage = tracker.getStageInfo(id);
            if (stage != null) {
                done += stage.numCompletedTasks();
                total += stage.numTasks();
            }
        }
        return total == 0 ? "" : ", Spark tasks " + done + "/" + total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
