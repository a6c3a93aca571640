package org.cancerstats.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cancerstats.run.RunContext;
import org.apache.spark.SparkConf;
import org.cancerstats.spark.ConnectServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cancerstats connect-server}: serve the catalog to Spark Connect clients until stopped. */
@Command(name = "connect-server", mixinStandardHelpOptions = true,
        header = "Serve the catalog to Spark Connect clients (loopback, port 15002 by default).",
        description = "Start a Spark Connect server on the registry catalog, on 127.0.0.1:15002 unless --conf "
                + "spark.connect.grpc.binding.address=... / spark.connect.grpc.binding.port=... say otherwise. "
                + "Runs until stopped (Ctrl-C or SIGTERM).")
final class ConnectServerCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        if (!new SparkConf(true).contains(ConnectServer.ADDRESS)) {
            System.setProperty(ConnectServer.ADDRESS, "127.0.0.1"); // loopback unless asked: the data are personal
        }
        // Holds the lock while it serves: with the embedded metastore no other process can open the catalog anyway,
        // and a refresh then finds the server named instead of a metastore error; released on SIGTERM or Ctrl-C.
        RunContext run = new RunContext(common.settings(), "connect-server");
        String url = ConnectServer.start(run.spark);
        System.out.println("Spark Connect server at " + url + "; tables in database " + run.settings.database());
        System.out.println("e.g. SparkSession.builder().remote(\"" + url + "\").getOrCreate()"
                + ".sql(\"SELECT * FROM " + run.settings.database() + ".incidence_rates LIMIT 5\").show()");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConnectServer.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
