package org.cancerstats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SameRows;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.cancerstats.tables.RegistryCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The nightly refresh end to end on a small generated registry: one uninterrupted refresh into {@value #WHOLE}; into
 * {@value #KILLED} a first refresh killed at the first commit of a tumour file, one killed at the commit of the
 * survival table, one killed at the creation of the run ledger (after its statistics and maintenance), then one failed
 * by an error after ingest, then a rerun. Both must hold the same rows. Then a no-op rerun, a population-only delivery,
 * and the sql command. (Every point, not only these three: {@code KilledRefreshTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefreshTest {

    private static final String WHOLE = "refresh_whole";
    private static final String KILLED = "refresh_killed";

    private final SparkSession spark = SharedSpark.get();
    private Path landing;
    private final List<CliRun.Outcome> killedRuns = new ArrayList<>();
    private final List<String> killedAt = new ArrayList<>();
    private CliRun.Outcome first;

    @BeforeAll
    void refresh() throws IOException {
        landing = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "refresh-landing-");
        SyntheticRegistry.write(new GeneratorOptions(landing, 2_000, 2016, 2023, 7, List.of("Nord", "Syd")));
        first = refresh(WHOLE, landing);
        assertThat(first.exitCode()).isZero();

        for (String point : List.of("write incidence", "write survival", "create refresh_runs")) {
            KillSwitch kill = KillSwitch.atFirst(point);
            killedRuns.add(kill.during(() -> refresh(KILLED, landing)));
            killedAt.add(kill.killedAt());
        }
        org.cancerstats.run.Refresh.afterStep = step -> fail("ingest", step);
        killedRuns.add(refresh(KILLED, landing));
        org.cancerstats.run.Refresh.afterStep = step -> { };
        killedRuns.add(refresh(KILLED, landing));
    }

    @AfterAll
    void reset() {
        org.cancerstats.run.Refresh.afterStep = step -> { };
        RegistryCatalog.beforeCommit = what -> { };
    }

    private static void fail(String at, String step) {
        if (step.equals(at)) {
            throw new IllegalStateException("injected failure after " + step);
        }
    }

    /** The refreshes of {@value #WHOLE} publish a release, as the nightly one does; the killed ones do not. */
    private static CliRun.Outcome refresh(String database, Path landing) {
        return CliRun.run("refresh", "--dev", "--database", database, "--landing", landing.toAbsolutePath().toString(),
                "--conf", "cancerstats.publish.on-refresh=" + database.equals(WHOLE));
    }

    @Test
    @Order(1)
    void aKilledOrFailedRunIsCompletedByTheNextWithTheSameTables() {
        assertThat(killedRuns).extracting(CliRun.Outcome::exitCode).containsExactly(137, 137, 137, 1, 0);
        assertThat(killedAt.get(0)).startsWith("write incidence from");
        assertThat(killedAt.subList(1, 3)).containsExactly("write survival", "create refresh_runs");
        assertThat(killedRuns.get(0).output()).doesNotContain("ingest: done");
        assertThat(killedRuns.get(1).output()).contains("ingest: done").contains("comorbidity: done").doesNotContain("survival: done");
        // The killed runs wrote no record of themselves; the next completes what they left, and only that.
        assertThat(killedRuns.get(2).output()).contains("rates: up to date").contains("comorbidity: up to date")
                .contains("survival: done").contains("comparisons: done").contains("maintenance: ")
                .doesNotContain("succeeded");
        assertThat(killedRuns.get(4).output()).contains("survival: up to date")
                .contains("completed the maintenance and the run record of");
        assertThat(spark.sql("SELECT outcome, message FROM " + KILLED + ".refresh_runs ORDER BY started_at").collectAsList())
                .extracting(r -> r.getString(0) + ": " + r.getString(1)).hasSize(3)
                .satisfiesExactly(r -> assertThat(r).startsWith("succeeded: interrupted during its maintenance"),
                        r -> assertThat(r).startsWith("failed: injected failure after ingest"),
                        r -> assertThat(r).startsWith("succeeded: completed the maintenance of"));
        assertThat(SameRows.tables(spark, WHOLE)).contains("incidence", "incidence_rates", "prevalence", "survival",
                "data_quality", "statistic_inputs");
        SameRows.assertSameTables(spark, WHOLE, KILLED, "after three kills, a failure and a rerun");
    }

    @Test
    @Order(1)
    void theRefreshPublishesAReleaseAsItsLastStage() {
        assertThat(first.output()).containsPattern("publish: release r-[0-9a-f]{12}: 11 table\\(s\\)")
                .containsPattern("published r-[0-9a-f]{12}");
        String release = spark.sql("SELECT DISTINCT release_id FROM " + WHOLE + "_public.incidence_counts").head().getString(0);
        assertThat(SharedSpark.root().resolve("releases").resolve(release).resolve("manifest.json")).isRegularFile();
        assertThat(spark.sql("SELECT count(*) FROM " + WHOLE + "_public.incidence_counts").head().getLong(0))
                .isEqualTo(spark.sql("SELECT count(*) FROM " + WHOLE + ".incidence_counts").head().getLong(0));
        // and then its web report, whose path the command prints last
        Path index = SharedSpark.root().resolve("releases").resolve(release).resolve("report/index.html").toAbsolutePath()
                .normalize();
        assertThat(index).isRegularFile();
        assertThat(first.output()).containsPattern("report of " + release + ": \\d+ page\\(s\\)")
                .contains("report: open " + index.toUri());
    }

    @Test
    @Order(2)
    void aSecondRefreshWithNothingNewWritesNoTable() {
        Map<String, Long> before = versions(WHOLE);
        CliRun.Outcome again = refresh(WHOLE, landing);
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("no-op").contains("survival: up to date")
                .contains("exists with the same inputs and rule: nothing written").doesNotContain("report of");
        assertThat(versions(WHOLE)).isEqualTo(before);
        assertThat(spark.sql("SELECT outcome, size(table_versions) FROM " + WHOLE + ".refresh_runs ORDER BY started_at DESC")
                .head()).isEqualTo(org.apache.spark.sql.RowFactory.create("no-op", 0));
    }

    @Test
    @Order(3)
    void aPopulationOnlyDeliveryRecomputesOnlyWhatDependsOnIt() throws IOException {
        Path corrected = Files.createTempDirectory(Path.of("target"), "refresh-population-");
        copy(landing, corrected);
        Path population = corrected.resolve("population/population.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(population, StandardCharsets.UTF_8));
        int count = List.of(lines.get(0).split(",")).indexOf("population");
        String[] last = lines.get(lines.size() - 1).split(",");
        last[count] = String.valueOf(Long.parseLong(last[count]) + 1000); // a corrected count
        lines.set(lines.size() - 1, String.join(",", last));
        Files.write(population, lines, StandardCharsets.UTF_8);

        Map<String, Long> before = versions(WHOLE);
        CliRun.Outcome delivery = refresh(WHOLE, corrected);
        assertThat(delivery.exitCode()).isZero();
        Map<String, Long> after = versions(WHOLE);
        List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
        assertThat(changed).contains("population", "incidence_rates", "mortality_rates", "age_specific_rates", "prevalence",
                "comorbidity_prevalence_ratios");
        assertThat(changed).doesNotContain("incidence", "mortality", "followup", "lifetable", "survival", "survival_curve",
                "survival_quality");
        assertThat(delivery.output()).contains("survival: up to date").containsPattern("published r-[0-9a-f]{12}");
        assertThat(spark.sql("SELECT count(DISTINCT release_id) FROM " + WHOLE + "_public.incidence_rates").head().getLong(0))
                .as("the first release stays beside the new one").isEqualTo(2);
    }

    @Test
    @Order(4)
    void theSqlCommandPrintsTheQueryResult() {
        String query = "SELECT site, sum(patients) AS patients FROM survival_quality WHERE sex = 'both' "
                + "GROUP BY site ORDER BY site LIMIT 3";
        List<Row> expected = spark.sql(query.replace("FROM survival_quality", "FROM " + WHOLE + ".survival_quality")).collectAsList();
        assertThat(expected).hasSize(3);
        try {
            CliRun.Outcome table = CliRun.run("sql", "--database", WHOLE, query);
            CliRun.Outcome csv = CliRun.run("sql", "--database", WHOLE, "--csv", query);
            assertThat(table.exitCode()).isZero();
            assertThat(csv.output().lines().toList()).first().isEqualTo("site,patients");
            for (Row r : expected) {
                assertThat(table.output()).containsPattern("\\b" + r.getString(0) + "\\s*\\|\\s*" + r.getLong(1) + "\\b");
                assertThat(csv.output().lines()).contains(r.getString(0) + "," + r.getLong(1));
            }
            assertThat(csv.output().lines().count()).isEqualTo(4);
        } finally {
            spark.catalog().setCurrentDatabase("default"); // the command made the registry database current
        }
    }

    private List<String> tables(String database) {
        return SameRows.tables(spark, database);
    }

    private Map<String, Long> versions(String database) {
        Map<String, Long> out = new TreeMap<>();
        for (String table : tables(database)) {
            if (!table.equals("refresh_runs")) {
                out.put(table, spark.sql("DESCRIBE HISTORY " + database + "." + table + " LIMIT 1").head().getLong(0));
            }
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
