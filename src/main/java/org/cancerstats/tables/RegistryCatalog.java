package org.cancerstats.tables;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.cancerstats.spark.DriverCalls;

/**
 * The catalog database (default {@code cancer_registry}) and its Delta tables: creates them with comments on
 * first use and names them for jobs. Tables are managed tables in the warehouse, found by name in any session
 * that uses the same metastore.
 */
public final class RegistryCatalog {

    private final SparkSession spark;
    private final String database;
    /** Room for every table in its own bin: computeIfAbsent holds a bin while it creates a table. */
    private final Map<String, Boolean> ensured = new ConcurrentHashMap<>(256);
    /**
     * Rows written by commits already looked up, by "table@version": {@link #version} reads the latest commit's
     * metrics with its version, so that {@link #rowsWritten} need not read the history again (a tenth of a second a
     * table).
     */
    private final Map<String, Long> commitRows = new ConcurrentHashMap<>();

    public RegistryCatalog(SparkSession spark, String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be an identifier; got '" + database + "'");
        }
        this.spark = spark;
        this.database = database;
        if (!spark.catalog().databaseExists(database)) { // IF NOT EXISTS alone makes Hive log an error
            spark.sql("CREATE DATABASE IF NOT EXISTS " + database
                    + " COMMENT 'cancerstats: validated registry extracts and published cancer statistics'");
        }
    }

    public SparkSession spark() {
        return spark;
    }

    public String database() {
        return database;
    }

    public String qualified(String table) {
        return database + "." + table;
    }

    /**
     * Creates the table if it does not exist, adds the columns a table made by an earlier version lacks, and returns
     * its qualified name.
     */
    public String ensure(TableDef def) {
        String name = qualified(def.name());
        // Once per table; a second caller waits for the first, and a failed creation is tried again next time.
        ensured.computeIfAbsent(name, n -> {
            if (exists(def.name())) {
                List<String> existing = java.util.Arrays.asList(spark.table(n).columns());
                def.addColumnStatements(n, existing).forEach(spark::sql);
            } else {
                spark.sql(def.createStatement(n));
            }
            return Boolean.TRUE;
        });
        return name;
    }

    /**
     * {@link #ensure} for several tables at once, overlapped: a {@code CREATE TABLE} takes about 0.4 s of the driver
     * (metastore, Delta's first commit) with the executors idle. For the tables a job is about to write.
     */
    public void ensureAll(List<TableDef> defs) {
        DriverCalls.map(defs.stream().distinct().toList(), this::ensure);
    }

    /**
     * Replaces the rows of the table that meet {@code condition} by {@code rows} in one commit (Delta's replaceWhere),
     * leaving the others: for a table two jobs write parts of.
     */
    public void overwriteWhere(TableDef def, Dataset<Row> rows, Column condition) {
        try {
            rows.select(def.columnRefs()).writeTo(ensure(def)).overwrite(condition);
        } catch (NoSuchTableException e) {
            throw new IllegalStateException("table " + def.name() + " vanished while being written", e);
        }
    }

    public DeltaTable delta(TableDef def) {
        return DeltaTable.forName(spark, ensure(def));
    }

    /** The table's current Delta version. */
    public long version(TableDef def) {
        return latestCommit(def.name(), delta(def).history(1));
    }

    /**
     * The version of the table's last commit that could change its rows: maintenance (OPTIMIZE, VACUUM and the
     * retention property it sets) is skipped,
     * so compacting an input does not make the statistics computed from it stale.
     */
    public long dataVersion(String table) {
        return spark.sql("DESCRIBE HISTORY " + qualified(table))
                .filter("operation NOT IN ('OPTIMIZE', 'VACUUM START', 'VACUUM END', 'SET TBLPROPERTIES')")
                .agg(org.apache.spark.sql.functions.max("version")).head().getLong(0);
    }

    /** The current Delta version of an existing table of the database, by name. */
    public long version(String table) {
        return latestCommit(table, spark.sql("DESCRIBE HISTORY " + qualified(table) + " LIMIT 1"));
    }

    /** The version of a table's latest commit, from its one-row history; remembers the rows the commit wrote. */
    private long latestCommit(String table, Dataset<Row> history) {
        Row commit = history.selectExpr("version", "operationMetrics['numOutputRows']").head();
        commitRows.put(table + "@" + commit.getLong(0), rowsOf(commit));
        return commit.getLong(0);
    }

    /** Rows written by one commit of the table (Delta's numOutputRows; 0 for a commit that wrote no data). */
    public long rowsWritten(String table, long version) {
        Long known = commitRows.get(table + "@" + version);
        if (known != null) {
            return known;
        }
        List<Row> commit = spark.sql("DESCRIBE HISTORY " + qualified(table)).filter("version = " + version)
                .selectExpr("version", "operationMetrics['numOutputRows']").collectAsList();
        return commit.isEmpty() ? 0 : rowsOf(commit.get(0));
    }

    private static long rowsOf(Row commit) {
        return commit.isNullAt(1) ? 0 : Long.parseLong(commit.getString(1));
    }

    /**
     * Whether the table has no data files (so no rows); no data is read. A table whose only commit is its
     * {@code CREATE TABLE} is empty, which its latest history entry tells; otherwise the file count of its snapshot
     * (a Spark job over the Delta log, several times dearer).
     */
    public boolean isEmpty(TableDef def) {
        Row latest = delta(def).history(1).select("version", "operation").head();
        if (latest.getLong(0) == 0 && "CREATE TABLE".equals(latest.getString(1))) {
            return true;
        }
        return delta(def).detail().select("numFiles").head().getLong(0) == 0;
    }

    public boolean exists(String table) {
        return spark.catalog().tableExists(database, table);
    }

    /** Those of {@code tables} that do not exist yet, in their order. */
    public List<String> missing(java.util.Collection<String> tables) {
        return tables.stream().filter(t -> !exists(t)).toList();
    }

    /**
     * @throws IllegalStateException naming the extract tables of {@code inputs} not loaded yet, and what to do
     */
    public void requireInputs(String statistic, java.util.Collection<String> inputs) {
        List<String> absent = missing(inputs);
        if (!absent.isEmpty()) {
            throw new IllegalStateException(statistic + " needs the " + String.join(", ", absent) + " extract(s), not loaded "
                    + "into " + database + " yet: deliver them into the landing folder (one folder per extract) and run ingest");
        }
    }

    /** Current versions of the given tables, by table name. */
    public Map<String, Long> versions(Iterable<TableDef> defs) {
        Map<String, Long> out = new TreeMap<>();
        for (TableDef def : defs) {
            out.put(def.name(), version(def));
        }
        return out;
    }
}
