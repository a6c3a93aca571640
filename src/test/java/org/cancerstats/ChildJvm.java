package org.cancerstats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a new JVM on the test class path, as a scheduler or a second analyst session would. */
public final class ChildJvm {

    /** Exit code and everything the JVM printed. */
    public record Outcome(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /** Starts {@code main} in a new JVM without waiting; everything it prints goes to {@code log}. */
    public static Process start(Path log, Class<?> main, String... args) throws IOException {
        return builder(System.getProperty("java.class.path"), main, args).redirectOutput(log.toFile()).start();
    }

    public static Outcome run(Class<?> main, String... args) throws IOException, InterruptedException {
        return runWithClassPath(System.getProperty("java.class.path"), main, args);
    }

    /** As {@link #run}, with another class path. */
    public static Outcome runWithClassPath(String classPath, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Process process = builder(classPath, main, args).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getName() + " did not finish in 5 minutes");
        }
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static ProcessBuilder builder(String classPath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(Arrays.asList(System.getProperty("spark.java.options", "").trim().split("\\s+")));
        command.add("-Dspark.master=local[1]");
        command.add("-Dspark.ui.enabled=false");
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder;
    }
}
