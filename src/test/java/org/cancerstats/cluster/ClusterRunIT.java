package org.cancerstats.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.SameRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The refresh submitted with the thin jar to a Spark standalone cluster (a master and two workers that
 * {@code jobs/local-cluster.sh} starts on 127.0.0.1 and stops by pid) writes exactly the rows the same refresh
 * writes in local mode, on the sample registry. An integration test (failsafe, after the jar is packaged); not timed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunIT {

    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path WORK = HOME.resolve("target/it-cluster");

    private String master;
    private SparkSession spark;

    @BeforeAll
    void startCluster() throws Exception {
        org.apache.commons.io.FileUtils.deleteDirectory(WORK.toFile());
        Files.createDirectories(WORK);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String output = run(List.of("jobs/local-cluster.sh", "start", "2"), "CANCERSTATS_MASTER_PORT", Integer.toString(port));
        master = "spark://127.0.0.1:" + port;
        assertThat(output).contains(master);
    }

    @AfterAll
    void stopCluster() throws Exception {
        run(List.of("jobs/local-cluster.sh", "stop"), "CANCERSTATS_MASTER_PORT", "0");
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theClusterRunWritesTheTablesTheLocalRunWrites() throws Exception {
        String cluster = refresh(master, "cluster");
        assertThat(cluster).contains("survival: done").contains("refresh ").contains(": succeeded");
        String local = refresh("local[2]", "local");
        assertThat(local).contains(": succeeded");

        spark = SparkSession.builder().master("local[2]").appName("cluster-it")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").config("spark.databricks.delta.snapshotPartitions", "1")
                .getOrCreate();
        Path clusterTables = WORK.resolve("cluster/tables/cancer_registry.db");
        Path localTables = WORK.resolve("local/tables/cancer_registry.db");
        List<String> tables;
        try (Stream<Path> list = Files.list(localTables)) {
            tables = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> list = Files.list(clusterTables)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(tables);
        }
        assertThat(tables).contains("incidence", "incidence_rates", "prevalence", "survival", "survival_curve");
        for (String table : tables) {
            if (table.equals("refresh_runs")) {
                continue;
            }
            SameRows.assertSameRows(table, spark.read().format("delta").load(localTables.resolve(table).toString()),
                    spark.read().format("delta").load(clusterTables.resolve(table).toString()));
        }
    }

    private static String refresh(String master, String name) throws Exception {
        Path dir = WORK.resolve(name);
        return run(List.of("jobs/cancerstats", "--master", master, "refresh", "--dev", "--run-date", "2026-11-22",
                "--warehouse", dir.resolve("tables").toString(),
                "--conf", "cancerstats.metastore-dir=" + dir.resolve("metastore_db"),
                // the registry tables are compared here; a release of the whole sample takes minutes more (PublishJobTest)
                "--conf", "cancerstats.publish.on-refresh=false"), "CANCERSTATS_DRIVER_MEMORY", "2g");
    }

    /** Runs a project script with one extra environment variable; fails with its output when it fails. */
    private static String run(List<String> command, String envKey, String envValue) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().put("CANCERSTATS_CLUSTER_DIR", WORK.resolve("daemons").toString());
        builder.environment().put(envKey, envValue);
        File log = WORK.resolve(command.get(0).replace('/', '_') + "-" + System.nanoTime() + ".log").toFile();
        builder.redirectOutput(log);
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 15 minutes; log " + log);
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}
