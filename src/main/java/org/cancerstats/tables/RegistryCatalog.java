package org.cancerstats.tables;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;

/**
 * The catalog database (default {@code cancer_registry}) and its Delta tables: creates them with comments on
 * first use and names them for jobs. Tables are managed tables in the warehouse, found by name in any session
 * that uses the same metastore.
 */
public final class RegistryCatalog {

    private final SparkSession spark;
    private final String database;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

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

    /** Creates the table if it does not exist, and returns its qualified name. */
    public String ensure(TableDef def) {
        String name = qualified(def.name());
        if (ensured.add(name)) {
            spark.sql(def.createStatement(name));
        }
        return name;
    }

    public DeltaTable delta(TableDef def) {
        return DeltaTable.forName(spark, ensure(def));
    }

    /** The table's current Delta version. */
    public long version(TableDef def) {
        return delta(def).history(1).select("version").head().getLong(0);
    }

    public boolean exists(String table) {
        return spark.catalog().tableExists(database, table);
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
