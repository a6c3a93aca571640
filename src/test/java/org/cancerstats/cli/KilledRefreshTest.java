package org.cancerstats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.SameRows;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.cancerstats.tables.RegistryCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The kill sweep: a first refresh of a new warehouse stopped at every table creation (or every creation and every
 * commit) as a kill would stop it ({@link KillSwitch}), then run again, must end with the tables of an uninterrupted
 * refresh.
 *
 * <p>Each stop costs two refreshes (about two minutes on 2 cores; a first refresh passes some 65 points), so the
 * sweep is run on demand, {@code mvn -B test -Dtest=KilledRefreshTest -Dcancerstats.kill-points=all} (or
 * {@code =creations}); the suite stops a refresh at three of the points in {@code RefreshTest}. Each recovered point is
 * printed as it passes, and {@code -Dcancerstats.kill-from=N} resumes a sweep at point N.
 */
@EnabledIfSystemProperty(named = "cancerstats.kill-points", matches = "all|creations")
class KilledRefreshTest {

    private static final String WHOLE = "killed_whole";

    private final SparkSession spark = SharedSpark.get();

    private static CliRun.Outcome refresh(String database, Path landing) {
        return CliRun.run("refresh", "--dev", "--database", database, "--landing", landing.toAbsolutePath().toString());
    }

    @Test
    void aRefreshKilledAtAnyCreationOrCommitIsCompletedByTheNextWithTheSameTables() throws IOException {
        Path landing = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "killed-landing-");
        SyntheticRegistry.write(new GeneratorOptions(landing, 300, 2019, 2023, 11, List.of("Nord")));
        List<String> points = Collections.synchronizedList(new ArrayList<>());
        RegistryCatalog.beforeCommit = points::add;
        try {
            assertThat(refresh(WHOLE, landing).exitCode()).isZero();
        } finally {
            RegistryCatalog.beforeCommit = what -> { };
        }
        System.out.println("creation and commit points of a first refresh: " + points);
        boolean all = System.getProperty("cancerstats.kill-points").equals("all");
        List<String> report = new ArrayList<>();
        int from = Integer.getInteger("cancerstats.kill-from", 0);
        for (int point = from; point < points.size(); point++) {
            if (!all && !points.get(point).startsWith("create ")) {
                continue;
            }
            String database = "killed_at_" + point;
            KillSwitch kill = KillSwitch.atPoint(point);
            assertThat(kill.during(() -> refresh(database, landing)).exitCode()).as("stopped at %d", point).isEqualTo(137);
            assertThat(refresh(database, landing).exitCode()).as("the run after a kill before %s", kill.killedAt()).isZero();
            SameRows.assertSameTables(spark, WHOLE, database, "after a kill before " + kill.killedAt());
            report.add(point + " " + kill.killedAt());
            System.out.println("recovered after a kill at point " + point + " of " + points.size() + ": " + kill.killedAt());
            spark.sql("DROP DATABASE " + database + " CASCADE");
        }
        System.out.println("killed at and recovered from " + report.size() + " of " + points.size() + " points: " + report);
    }
}
