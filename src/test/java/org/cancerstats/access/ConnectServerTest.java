package org.cancerstats.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.ChildJvm;
import org.cancerstats.GeneratedRegistry;
import org.cancerstats.SharedSpark;
import org.cancerstats.spark.ConnectServer;
import org.junit.jupiter.api.Test;

/**
 * A Spark Connect server on the registry session (127.0.0.1, a free port) answers a remote client: Spark Connect's
 * JVM client in a JVM of its own, whose class path holds the client and none of the Spark SQL engine.
 */
class ConnectServerTest {

    /** Engine jars the client JVM must not see: the client carries its own (differently shaded) copies. */
    private static final List<String> ENGINE = List.of("spark-sql_", "spark-sql-api_", "spark-catalyst_", "spark-connect_",
            "spark-connect-common_", "spark-hive_", "spark-pipelines_", "delta-", "hive-");

    @Test
    void aRemoteClientQueriesTheCatalogThroughTheServer() throws Exception {
        SparkSession spark = SharedSpark.get();
        String table = GeneratedRegistry.catalog().qualified("population");
        String query = "SELECT region, CAST(sum(population) AS BIGINT) AS persons FROM " + table + " WHERE year = 2023 "
                + "GROUP BY region ORDER BY region";
        List<Row> expected = spark.sql(query).collectAsList();
        assertThat(expected).isNotEmpty();

        String url = ConnectServer.start(spark);
        try {
            assertThat(url).isEqualTo("sc://127.0.0.1:" + SharedSpark.connectPort());
            ChildJvm.Outcome client = ChildJvm.runWithClassPath(clientClassPath(), ConnectClientProbe.class, url, query);
            assertThat(client.exitCode()).as(client.output()).isZero();
            List<String> rows = client.output().lines().filter(l -> l.startsWith("ROW ")).toList();
            assertThat(rows).containsExactlyElementsOf(expected.stream()
                    .map(r -> "ROW " + r.getString(0) + "|" + r.getLong(1)).toList());
        } finally {
            ConnectServer.stop();
        }
    }

    /** The test class path without the engine jars, the client jar first. */
    private static String clientClassPath() {
        List<String> entries = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (name.startsWith("spark-connect-client-jvm_")) {
                entries.add(entry);
            } else if (ENGINE.stream().noneMatch(name::startsWith)) {
                rest.add(entry);
            }
        }
        assertThat(entries).as("the client jar is a test dependency").hasSize(1);
        entries.addAll(rest);
        return String.join(File.pathSeparator, entries);
    }
}
