package org.cancerstats.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cancerstats.SharedSpark;

/** Runs the command line in the test JVM, on the shared session's warehouse and metastore, capturing its output. */
final class CliRun {

    /** Exit code and standard output. */
    record Outcome(int exitCode, String output) {
    }

    private CliRun() {
    }

    static Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("cancerstats.publish.on-refresh"))) {
            // a release takes a minute even of a small registry; the tests that want one ask for it
            all.addAll(List.of("--conf", "cancerstats.publish.on-refresh=false"));
        }
        all.addAll(List.of("--run-date", SharedSpark.RUN_DATE,
                "--conf", "cancerstats.warehouse-dir=" + SharedSpark.root().resolve("tables").toAbsolutePath(),
                "--conf", "cancerstats.metastore-dir=" + SharedSpark.root().resolve("metastore_db").toAbsolutePath()));
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(all.toArray(String[]::new));
        } catch (KillSwitch.Killed killed) {
            code = 137; // as a shell reports a SIGKILL
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(output); // still in the surefire report
        return new Outcome(code, output);
    }
}
