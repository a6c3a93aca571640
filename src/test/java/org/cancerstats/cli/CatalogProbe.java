package org.cancerstats.cli;

import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;
import org.cancerstats.spark.RegistrySpark;

/** A second session in a new JVM: runs queries against the catalog and prints the first column of each row. */
public final class CatalogProbe {

    private CatalogProbe() {
    }

    /** Arguments: warehouse folder, metastore folder, then one or more SQL statements. */
    public static void main(String[] args) {
        Settings settings = Settings.defaults(Map.of("cancerstats.warehouse-dir", args[0], "cancerstats.metastore-dir", args[1]));
        SparkSession spark = RegistrySpark.session(settings);
        for (String sql : java.util.Arrays.copyOfRange(args, 2, args.length)) {
            for (Row row : spark.sql(sql).collectAsList()) {
                System.out.println("ROW " + row.mkString("\t"));
            }
        }
        spark.stop();
    }
}
