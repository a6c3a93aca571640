package org.cancerstats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;
import org.cancerstats.spark.RegistrySpark;

/**
 * The test JVM's one SparkSession (local[2], 2 shuffle partitions, no UI) with a fresh warehouse and Derby
 * metastore under target/. Test classes isolate themselves by database name.
 */
public final class SharedSpark {

    /** Run date every test uses, so that "in the future" (V07) does not move. */
    public static final String RUN_DATE = "2026-11-22";

    private static SparkSession spark;
    private static Path root;
    private static int connectPort;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            try {
                root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-warehouse-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("spark.master", "local[2]");
            System.setProperty("spark.ui.enabled", "false");
            System.setProperty("spark.sql.shuffle.partitions", "2");
            System.setProperty("spark.default.parallelism", "2");
            // For ConnectServerTest: a Spark Connect server on this session binds loopback and a free port.
            connectPort = freePort();
            System.setProperty("spark.connect.grpc.binding.address", "127.0.0.1");
            System.setProperty("spark.connect.grpc.binding.port", Integer.toString(connectPort));
            spark = RegistrySpark.session(settings("default"));
        }
        return spark;
    }

    /** Settings for a test database in the shared warehouse, with extra overrides. */
    public static Settings settings(String database, Map<String, Object> overrides) {
        if (root == null) {
            get();
        }
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("cancerstats.database", database);
        all.put("cancerstats.warehouse-dir", root.resolve("tables").toAbsolutePath().toString());
        all.put("cancerstats.metastore-dir", root.resolve("metastore_db").toAbsolutePath().toString());
        all.put("cancerstats.run-date", RUN_DATE);
        return Settings.defaults(all);
    }

    public static Settings settings(String database) {
        return settings(database, Map.of());
    }

    /** The port a Spark Connect server started on the shared session listens on. */
    public static int connectPort() {
        get();
        return connectPort;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path root() {
        get();
        return root;
    }
}
