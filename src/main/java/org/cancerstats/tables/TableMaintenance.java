package org.cancerstats.tables;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.spark.DriverCalls;

/**
 * Delta maintenance of registry tables: compaction of small files ({@code OPTIMIZE}) and removal of files no
 * version within the retention needs ({@code VACUUM}).
 *
 * <p>Retention is at least 168 hours, so every table stays readable as of any refresh of the last 7 days (time
 * travel by the versions in {@code refresh_runs}); Delta's own check refuses less unless disabled, and so does
 * {@link Options}. Compaction commits a new version with the same rows; nothing is lost and old versions stay
 * readable until vacuumed.
 */
public final class TableMaintenance {

    /** Delta's table property holding how long removed files are kept. */
    static final String RETENTION_PROPERTY = "delta.deletedFileRetentionDuration";

    /** Shortest retention accepted, hours (7 days). */
    public static final int MIN_RETENTION_HOURS = 168;

    /**
     * @param optimizeMinFiles compact a table holding more than this many data files; 0 never compacts
     * @param vacuum           whether to vacuum
     * @param retentionHours   keep files a version of the last this many hours needs; at least 168
     */
    public record Options(int optimizeMinFiles, boolean vacuum, int retentionHours) {
        public Options {
            if (optimizeMinFiles < 0) {
                throw new IllegalArgumentException("optimize-min-files must be >= 0; got " + optimizeMinFiles);
            }
            if (retentionHours < MIN_RETENTION_HOURS) {
                throw new IllegalArgumentException("vacuum retention must be at least " + MIN_RETENTION_HOURS
                        + " hours (7 days of refreshes stay readable); got " + retentionHours);
            }
        }
    }

    /** What was done to one table: data files before and after, whether it was compacted and vacuumed. */
    public record TableResult(String table, long filesBefore, long filesAfter, boolean optimized, boolean vacuumed) {
    }

    public record Result(List<TableResult> tables) {
    }

    private final SparkSession spark;
    private final RegistryCatalog catalog;

    public TableMaintenance(SparkSession spark, RegistryCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    /**
     * Maintains the named tables of the catalog database (those that exist).
     *
     * @param onlyWhenDue vacuum a table only when it can hold files to delete, its first commit being older than
     *                    the retention, and it was not vacuumed in the last 24 hours: the refresh's setting, since a
     *                    VACUUM lists the whole table folder (seconds per table). {@code cancerstats maintain}
     *                    vacuums always.
     */
    public Result run(Iterable<String> tables, Options options, boolean onlyWhenDue) {
        List<String> present = new ArrayList<>();
        tables.forEach(table -> {
            if (catalog.exists(table)) {
                present.add(table);
            }
        });
        // Delta lists a table folder for VACUUM with one task per slot of this setting (10,000 by default): far too
        // many for a registry table. Set around the whole run, since the tables are maintained concurrently.
        String key = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
        String before = spark.conf().get(key, null);
        spark.conf().set(key, Integer.toString(Math.max(2, spark.sparkContext().defaultParallelism())));
        try {
            // Each table's checks take tenths of a second of the driver (its Delta state): overlapped.
            return new Result(DriverCalls.map(present, table -> maintain(table, options, onlyWhenDue)));
        } finally {
            if (before == null) {
                spark.conf().unset(key);
            } else {
                spark.conf().set(key, before);
            }
        }
    }

    private TableResult maintain(String table, Options options, boolean onlyWhenDue) {
        String name = catalog.qualified(table);
        Row detail = spark.sql("DESCRIBE DETAIL " + name).select("numFiles", "createdAt").head();
        long before = detail.getLong(0);
        boolean optimize = options.optimizeMinFiles() > 0 && before > options.optimizeMinFiles();
        if (optimize) {
            RegistryCatalog.committing("optimize " + table);
            spark.sql("OPTIMIZE " + name);
        }
        boolean vacuum = options.vacuum() && (!onlyWhenDue
                || vacuumDue(name, detail.isNullAt(1) ? 0 : detail.getTimestamp(1).getTime(), options.retentionHours()));
        if (vacuum) {
            vacuum(name, options.retentionHours());
        }
        // Nothing done, nothing changed: spare the second DESCRIBE DETAIL (tenths of a second per table).
        return new TableResult(table, before, optimize || vacuum ? files(name) : before, optimize, vacuum);
    }

    /** Every table of the catalog database. */
    public List<String> allTables() {
        return spark.sql("SHOW TABLES IN " + catalog.database()).collectAsList().stream()
                .map(r -> r.getString(1)).sorted().toList();
    }

    /**
     * @param createdAt when the table was created, epoch milliseconds (0 when Delta does not say): a table younger than
     *                  the retention needs no history read
     */
    private boolean vacuumDue(String name, long createdAt, int retentionHours) {
        long now = System.currentTimeMillis();
        if (createdAt >= now - retentionHours * 3_600_000L) {
            return false; // no file of it can be older than the retention
        }
        Row history = spark.sql("DESCRIBE HISTORY " + name).selectExpr("min(timestamp)",
                "max(CASE WHEN operation LIKE 'VACUUM%' THEN timestamp END)").head();
        boolean old = history.getTimestamp(0).getTime() < now - retentionHours * 3_600_000L;
        boolean recentlyVacuumed = !history.isNullAt(1) && history.getTimestamp(1).getTime() > now - 24 * 3_600_000L;
        return old && !recentlyVacuumed;
    }

    private void vacuum(String name, int retentionHours) {
        // Delta 4 takes the retention from the table property, ignoring RETAIN n HOURS (it logs so).
        String retention = "interval " + retentionHours + " hours";
        List<Row> set = spark.sql("SHOW TBLPROPERTIES " + name + " ('" + RETENTION_PROPERTY + "')").collectAsList();
        if (set.isEmpty() || !retention.equals(set.get(0).getString(1))) {
            RegistryCatalog.committing("alter " + name);
            spark.sql("ALTER TABLE " + name + " SET TBLPROPERTIES ('" + RETENTION_PROPERTY + "' = '" + retention + "')");
        }
        RegistryCatalog.committing("vacuum " + name);
        spark.sql("VACUUM " + name);
    }

    private long files(String name) {
        Row detail = spark.sql("DESCRIBE DETAIL " + name).select("numFiles").head();
        return detail.getLong(0);
    }
}
