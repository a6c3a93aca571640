package org.cancerstats.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;

/**
 * Builds the SparkSession every job runs in: Delta Lake's SQL extension and catalog, a Hive metastore (embedded
 * Derby by default) so that tables are found by name in any later session, and the warehouse folder.
 *
 * <p>Settings already given by spark-submit ({@code --master}, {@code --conf}) win over these defaults.
 */
public final class RegistrySpark {

    private RegistrySpark() {
    }

    public static SparkSession session(Settings settings) {
        SparkConf given = new SparkConf(true); // what spark-submit or -Dspark.* set
        SparkSession.Builder builder = SparkSession.builder().appName("cancerstats")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.warehouse.dir", settings.warehouseDir())
                // Small tables: the default of 50 snapshot partitions makes every Delta read slower.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                // VACUUM commits a record to the table's history, which maintenance reads to space them out.
                .config("spark.databricks.delta.vacuum.logging.enabled", "true")
                .enableHiveSupport();
        setIfAbsent(builder, given, "spark.master", settings.sparkMaster());
        setIfAbsent(builder, given, "spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()));
        setIfAbsent(builder, given, "spark.driver.host", "127.0.0.1");
        // Persisted datasets live for one stage of one run: compressing them cost a tenth of the national refresh's
        // CPU (docs/benchmarks.md); memory they outgrow spills to disk.
        setIfAbsent(builder, given, "spark.sql.inMemoryColumnarStorage.compressed", "false");
        setIfAbsent(builder, given, "spark.ui.showConsoleProgress", "false");
        // A free port for the UI, not 4040 and a warning per port tried when another Spark (a connect server) has it;
        // the refresh prints where the UI is.
        setIfAbsent(builder, given, "spark.ui.port", "0");
        if (settings.metastoreUri().isBlank()) {
            String derby = Path.of(settings.metastoreDir()).toAbsolutePath().toString();
            Path derbyLog = Path.of(derby).resolveSibling("derby.log");
            try {
                Files.createDirectories(derbyLog.getParent()); // else Derby writes its log to the console
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + derbyLog.getParent(), e);
            }
            System.setProperty("derby.stream.error.file", derbyLog.toString());
            builder.config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + derby + ";create=true");
        } else {
            builder.config("spark.hadoop.hive.metastore.uris", settings.metastoreUri());
        }
        return builder.getOrCreate();
    }

    private static void setIfAbsent(SparkSession.Builder builder, SparkConf given, String key, String value) {
        if (!given.contains(key)) {
            builder.config(key, value);
        }
    }
}
