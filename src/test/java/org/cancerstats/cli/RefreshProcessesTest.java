package org.cancerstats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.cancerstats.ChildJvm;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshes as separate processes, as a scheduler and an impatient operator start them: a second refresh while one
 * runs is refused at once, naming the holder; the first, killed with SIGKILL during its maintenance, leaves a stale
 * lock and unfinished maintenance, which the next refresh takes over and completes, run record included.
 */
class RefreshProcessesTest {

    private static String[] refresh(Path dir) {
        return new String[] {"refresh", "--dev", "--database", "processes", "--run-date", SharedSpark.RUN_DATE,
                "--landing", dir.resolve("landing").toString(), "--warehouse", dir.resolve("tables").toString(),
                "--conf", "cancerstats.publish.on-refresh=false"};
    }

    private static void await(Path file, Process process, Path log, int seconds) throws Exception {
        for (int i = 0; i < seconds * 10 && !Files.exists(file); i++) {
            assertThat(process.isAlive()).as("the first refresh ended early:\n" + Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        assertThat(file).as(Files.readString(log)).exists();
    }

    @Test
    void aSecondRefreshIsRefusedAndAKilledOneIsCompletedByTheNext(@TempDir Path dir) throws Exception {
        SyntheticRegistry.write(new GeneratorOptions(dir.resolve("landing"), 300, 2022, 2023, 9, List.of("Nord")));
        // Incidence and population only: the rates alone keep each run short; the other statistics are skipped.
        for (String extract : List.of("mortality", "followup", "lifetable", "comorbidity", "condition_prevalence")) {
            try (var files = Files.walk(dir.resolve("landing/" + extract))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path log = dir.resolve("first.log");
        Process first = ChildJvm.start(log, Main.class, refresh(dir));
        Path lock = dir.resolve("tables/_cancerstats.lock");
        try {
            await(lock, first, log, 120);
            Properties holder = new Properties();
            try (var in = Files.newBufferedReader(lock)) {
                holder.load(in);
            }
            String firstId = holder.getProperty("run_id");

            ChildJvm.Outcome second = ChildJvm.run(Main.class, refresh(dir));
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.output()).contains("cancerstats: failed: the warehouse is in use by refresh " + firstId)
                    .contains("(pid " + first.pid() + ")").doesNotContain("SessionHiveMetaStoreClient");

            // generous: a child JVM beside a busy suite on 2 cores once took more than 300 s to get here
            await(dir.resolve("tables/_cancerstats.maintenance-pending.processes"), first, log, 900);
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs, the lock and the note stay
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(lock).as("a killed run leaves its lock").exists();

            ChildJvm.Outcome next = ChildJvm.run(Main.class, refresh(dir));
            assertThat(next.exitCode()).as(next.output()).isZero();
            assertThat(next.output()).contains("completed the maintenance and the run record of " + firstId)
                    .contains("rates: up to date");
            assertThat(lock).as("released at the end").doesNotExist();

            ChildJvm.Outcome runs = ChildJvm.run(CatalogProbe.class, dir.resolve("tables").toString(),
                    dir.resolve("metastore_db").toString(),
                    "SELECT concat(outcome, ' ', message) FROM processes.refresh_runs WHERE refresh_id = '" + firstId + "'");
            assertThat(runs.output()).contains("ROW succeeded interrupted during its maintenance");
        } finally {
            first.destroyForcibly();
        }
    }
}
