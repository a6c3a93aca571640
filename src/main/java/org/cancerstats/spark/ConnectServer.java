package org.cancerstats.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;

import scala.Option;

/**
 * A Spark Connect server (gRPC) on the registry's session, so that remote clients (Spark Connect for Java, Scala or
 * Python) query the same catalog. Address and port are Spark's {@code spark.connect.grpc.binding.address} and
 * {@code spark.connect.grpc.binding.port} (default 15002), read when the server starts.
 */
public final class ConnectServer {

    /** Spark's setting for the address the server binds. */
    public static final String ADDRESS = "spark.connect.grpc.binding.address";
    /** Spark's setting for the port the server listens on. */
    public static final String PORT = "spark.connect.grpc.binding.port";

    private ConnectServer() {
    }

    /** Starts the server on {@code spark}'s context; returns the client URL ({@code sc://host:port}). */
    public static String start(SparkSession spark) {
        SparkConnectService.start(spark.sparkContext());
        return "sc://" + spark.sparkContext().getConf().get(ADDRESS, "localhost") + ":"
                + spark.sparkContext().getConf().get(PORT, "15002");
    }

    public static void stop() {
        SparkConnectService.stop(Option.empty(), Option.empty());
    }
}
