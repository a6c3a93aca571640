package org.cancerstats.access;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;

/**
 * A remote analyst: Spark Connect's JVM client, in a JVM with no Spark SQL engine on its class path, runs each
 * query given after the server URL and prints each row as "ROW v1|v2|...".
 */
public final class ConnectClientProbe {

    private ConnectClientProbe() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
        try {
            for (int i = 1; i < args.length; i++) {
                List<Row> rows = spark.sql(args[i]).collectAsList();
                for (Row r : rows) {
                    StringBuilder line = new StringBuilder("ROW ");
                    for (int c = 0; c < r.size(); c++) {
                        line.append(c == 0 ? "" : "|").append(r.get(c));
                    }
                    System.out.println(line);
                }
            }
        } finally {
            spark.close();
        }
    }
}
