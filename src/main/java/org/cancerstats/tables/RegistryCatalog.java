package org.cancerstats.tables;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.delta.DeltaHistory;
import org.apache.spark.sql.delta.DeltaLog;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.spark.DriverCalls;

import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The catalog database (default {@code cancer_registry}) and its Delta tables: creates them with comments on
 * first use and names them for jobs. Tables are managed tables in the warehouse, found by name in any session
 * that uses the same metastore.
 */
public final class RegistryCatalog {

    /** Commits that leave a table's rows as they were (maintenance), skipped by {@link #dataVersion}. */
    private static final java.util.Set<String> MAINTENANCE = java.util.Set.of("OPTIMIZE", "VACUUM START", "VACUUM END",
            "SET TBLPROPERTIES");

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

    /**
     * Called with a name ("create incidence", "write quarantine") before every table creation and every Delta commit
     * the project makes. Tests set it to stop a run at any one of them, as a kill would; it does nothing otherwise.
     */
    public static volatile Consumer<String> beforeCommit = what -> { };

    /** Passes a creation or commit point: see {@link #beforeCommit}. */
    public static void committing(String what) {
        beforeCommit.accept(what);
    }

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
                def.addColumnStatements(n, existing).forEach(statement -> {
                    committing("alter " + def.name());
                    spark.sql(statement);
                });
            } else {
                committing("create " + def.name());
                clearUncommittedLocation(def.name());
                spark.sql(def.createStatement(n));
            }
            return Boolean.TRUE;
        });
        return name;
    }

    /**
     * Removes what a creation killed before its first Delta commit left at the table's location: files, but no commit
     * in {@code _delta_log}. Such a folder is not a table, yet {@code CREATE TABLE} refuses a non-empty location
     * (DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION), so every later run would fail until someone deleted it by hand. A
     * location holding a commit is a table's and is never touched.
     */
    void clearUncommittedLocation(String table) {
        try {
            String uri = spark.catalog().getDatabase(this.database).locationUri();
            if (uri == null) {
                return;
            }
            java.net.URI database = java.net.URI.create(uri);
            org.apache.hadoop.fs.Path location = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(database), table);
            org.apache.hadoop.fs.FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(location)) {
                return;
            }
            org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location, "_delta_log");
            boolean committed = fs.exists(log) && fs.listStatus(log, p -> p.getName().endsWith(".json")).length > 0;
            if (!committed) {
                org.slf4j.LoggerFactory.getLogger(RegistryCatalog.class).warn("removing {}: files of a table creation "
                        + "that was interrupted before its first commit", location);
                fs.delete(location, true);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot check the location of table " + table, e);
        } catch (org.apache.spark.sql.AnalysisException e) {
            throw new IllegalStateException("database " + this.database + " vanished while table " + table + " was created", e);
        }
    }

    /**
     * {@link #ensure} for several tables at once, overlapped: a {@code CREATE TABLE} takes about 0.4 s of the driver
     * (metastore, Delta's first commit) with the executors idle. For the tables a job is about to write.
     */
    public void ensureAll(List<TableDef> defs) {
        DriverCalls.map(defs.stream().distinct().toList(), this::ensure);
    }

    /**
     * Replaces the table's rows by {@code rows} in one commit, each stamped with the {@code refresh_id} of the run;
     * {@code rows} has the table's other columns, in any order. The table keeps its definition and comments.
     */
    public void overwrite(TableDef def, Dataset<Row> rows, String refreshId) {
        String name = ensure(def);
        committing("write " + def.name());
        stamped(rows, refreshId).select(def.columnRefs()).write().mode("overwrite").insertInto(name);
    }

    /**
     * As {@link #overwrite}, replacing only the rows that meet {@code condition} (Delta's replaceWhere), leaving the
     * others: for a table two jobs write parts of.
     */
    public void overwriteWhere(TableDef def, Dataset<Row> rows, String refreshId, Column condition) {
        try {
            String name = ensure(def);
            committing("write " + def.name());
            stamped(rows, refreshId).select(def.columnRefs()).writeTo(name).overwrite(condition);
        } catch (NoSuchTableException e) {
            throw new IllegalStateException("table " + def.name() + " vanished while being written", e);
        }
    }

    private static Dataset<Row> stamped(Dataset<Row> rows, String refreshId) {
        return rows.withColumn(TableDef.REFRESH_ID, org.apache.spark.sql.functions.lit(refreshId));
    }

    /** The validated table of an extract, as loaded ({@link RegistryTables#extract}). */
    public Dataset<Row> extract(Extract extract) {
        return spark.table(qualified(RegistryTables.extract(extract).name()));
    }

    /** Whether the extract's table has been created (by a first delivery). */
    public boolean exists(Extract extract) {
        return exists(extract.tableName());
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
        // The commits as Delta's log reader returns them, on the driver: no query to parse, plan and run over them
        // (DESCRIBE HISTORY was two, about 0.4 s of the driver a table; a no-op refresh reads 25 tables).
        DeltaLog log = DeltaLog.forTable(spark, new TableIdentifier(table, Option.apply(database)));
        long latest = -1;
        for (DeltaHistory commit : CollectionConverters.asJava(log.history().getHistory(Option.empty()))) {
            if (!MAINTENANCE.contains(commit.operation()) && commit.version().isDefined()) {
                latest = Math.max(latest, (Long) commit.version().get());
            }
        }
        if (latest < 0) {
            throw new IllegalStateException("table " + qualified(table) + " has no commit that wrote its rows");
        }
        return latest;
    }

    /**
     * {@link #dataVersion} of each of {@code tables} that exists, by name (a table not there yet is left out), read a
     * few at a time: each is a metastore lookup and a history read on the driver, with the executors idle.
     */
    public Map<String, Long> dataVersions(java.util.Collection<String> tables) {
        List<String> names = List.copyOf(tables);
        List<Long> found = DriverCalls.map(names, t -> exists(t) ? dataVersion(t) : null);
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (found.get(i) != null) {
                out.put(names.get(i), found.get(i));
            }
        }
        return out;
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

    /** The tables of those of {@code extracts} not loaded yet, in their order. */
    public List<String> missing(java.util.Collection<Extract> extracts) {
        return extracts.stream().map(Extract::tableName).filter(t -> !exists(t)).toList();
    }

    /**
     * @throws IllegalStateException naming the extract tables of {@code inputs} not loaded yet, and what to do
     */
    public void requireInputs(String statistic, java.util.Collection<Extract> inputs) {
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
