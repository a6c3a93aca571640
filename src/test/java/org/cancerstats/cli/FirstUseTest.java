package org.cancerstats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A new user's first deliveries, through the command line: a partial delivery (incidence and population only), a
 * population whose top single age is a plain "100", survival cohorts, window and interval transform of their own
 * choosing, pooled comorbidity years, a patient excluded from survival on three counts, and a file of SQL statements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstUseTest {

    private static final String PARTIAL = "first_partial";
    private static final String FULL = "first_full";
    private static final String POPULATION = "first_population";

    private final SparkSession spark = SharedSpark.get();
    private Path full;
    private Path partial;

    @BeforeAll
    void deliveries() throws IOException {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "first-use-");
        full = root.resolve("full");
        SyntheticRegistry.write(new GeneratorOptions(full, 2_000, 2016, 2023, 5, List.of("Nord", "Syd")));
        // One colon cancer aged 92 at diagnosis, registered from the death certificate only, with no follow-up time.
        Files.writeString(full.resolve("incidence/zz_extra.csv"), "patient_id,tumour_id,sex,date_of_birth,date_of_diagnosis,"
                + "icd10,morphology,behaviour,basis_of_diagnosis,region,topography,age_at_diagnosis,stage,autopsy,education\n"
                + "X900000001,X900000001,2,1927-06-01,2020-03-01,C18.7,8140,3,0,Nord,C187,92,localised,0,medium\n");
        Files.writeString(full.resolve("followup/zz_extra.csv"), "patient_id,vital_status,end_of_followup\nX900000001,2,2020-03-01\n");
        partial = root.resolve("partial");
        for (String extract : List.of("incidence", "population")) {
            Files.createDirectories(partial.resolve(extract));
            Files.copy(full.resolve(extract + "/" + extract + ".csv"), partial.resolve(extract + "/" + extract + ".csv"));
        }
    }

    private static CliRun.Outcome cli(String... args) {
        return CliRun.run(args);
    }

    @Test
    @Order(1)
    void ratesWithoutAMortalityExtractGiveIncidenceAndSaySoLeavingMortalityOut() {
        assertThat(cli("ingest", "--dev", "--database", PARTIAL, "--landing", partial.toString()).exitCode()).isZero();
        CliRun.Outcome rates = cli("rates", "--database", PARTIAL);
        assertThat(rates.exitCode()).as(rates.output()).isZero();
        assertThat(rates.output()).contains("rates: mortality skipped: no mortality extract is loaded");
        assertThat(spark.sql("SELECT count(*) FROM " + PARTIAL + ".incidence_rates").head().getLong(0)).isPositive();
        assertThat(spark.catalog().tableExists(PARTIAL, "mortality_rates")).isFalse();
    }

    @Test
    @Order(2)
    void aRefreshOnAPartialDeliveryComputesWhatItCanAndNamesWhatItSkipped() {
        CliRun.Outcome refresh = cli("refresh", "--dev", "--database", PARTIAL, "--landing", partial.toString());
        assertThat(refresh.exitCode()).as(refresh.output()).isZero();
        assertThat(refresh.output())
                .contains("prevalence: skipped, no followup extract loaded")
                .contains("comorbidity: skipped, no comorbidity extract loaded")
                .contains("survival: skipped, no followup, lifetable extract loaded")
                .contains("projections: skipped, no population_projection extract loaded")
                .contains("succeeded (skipped: prevalence (no followup), comorbidity (no comorbidity), survival (no followup, "
                        + "lifetable), projections (no population_projection))");
        CliRun.Outcome again = cli("refresh", "--dev", "--database", PARTIAL, "--landing", partial.toString());
        assertThat(again.output()).as("nothing new, nothing computable: no table written").contains(": no-op");
        CliRun.Outcome prevalence = cli("prevalence", "--database", PARTIAL);
        assertThat(prevalence.exitCode()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void survivalCohortsWindowAndIntervalAreTheUsersToChoose() {
        assertThat(cli("ingest", "--dev", "--database", FULL, "--landing", full.toString()).exitCode()).isZero();
        CliRun.Outcome survival = cli("survival", "--database", FULL, "--conf", "cancerstats.survival.period-years=3",
                "--conf", "cancerstats.survival.cohorts=2016-2019", "--conf", "cancerstats.survival.period-window=2020-2022",
                "--conf", "cancerstats.survival.interval-transform=log-log");
        assertThat(survival.exitCode()).as(survival.output()).isZero();
        assertThat(survival.output()).contains("survival: diagnosis years 2016-2017 make an incomplete 3-year period");
        List<String> cohorts = spark.sql("SELECT DISTINCT period FROM " + FULL + ".survival WHERE approach = 'cohort' ORDER BY period")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(cohorts).containsExactly("2016-2019", "2018-2020", "2021-2023");
        assertThat(spark.sql("SELECT DISTINCT period FROM " + FULL + ".survival WHERE approach = 'period'")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("2020-2022");
        assertThat(spark.sql("SELECT DISTINCT ci_transform FROM " + FULL + ".survival")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("log-log");
        Row bounds = spark.sql("SELECT min(lower), max(upper) FROM " + FULL + ".survival WHERE estimator = 'observed'").head();
        assertThat(bounds.getDouble(0)).isGreaterThan(0);
        assertThat(bounds.getDouble(1)).as("log-log limits of an observed proportion stay below 1").isLessThanOrEqualTo(1);
    }

    /** NORDCAN counts exclusions by criterion: the 92-year-old DCO patient with no follow-up counts under three. */
    @Test
    @Order(4)
    void aPatientExcludedOnSeveralCountsIsCountedUnderEachAndOnceInTheTotal() {
        List<Row> rows = spark.sql("SELECT reason, patients FROM " + FULL + ".survival_quality WHERE site = 'colon' AND sex = 'both' "
                + "AND year = 2020").collectAsList();
        java.util.Map<String, Long> byReason = new java.util.HashMap<>();
        rows.forEach(r -> byReason.put(r.getString(0), r.getLong(1)));
        assertThat(byReason).containsKeys("age 90+", "DCO", "zero or negative follow-up", "excluded");
        long criteria = byReason.entrySet().stream().filter(e -> !e.getKey().equals("excluded") && !e.getKey().equals("included"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertThat(criteria).as("the three-count patient adds 3 to the criteria and 1 to the excluded")
                .isGreaterThanOrEqualTo(byReason.get("excluded") + 2);
        long colon2020 = spark.sql("SELECT count(DISTINCT person_key) FROM " + FULL + ".incidence WHERE icd10 LIKE 'C18%' "
                + "AND year(date_of_diagnosis) = 2020 AND person_key NOT IN (SELECT person_key FROM " + FULL + ".incidence "
                + "WHERE icd10 LIKE 'C18%' AND year(date_of_diagnosis) < 2020)").head().getLong(0);
        assertThat(byReason.get("excluded") + byReason.getOrDefault("included", 0L)).as("every first tumour once")
                .isEqualTo(colon2020);
    }

    @Test
    @Order(5)
    void comorbidityAtDiagnosisForPooledYears() {
        CliRun.Outcome comorbidity = cli("comorbidity", "--database", FULL, "--conf", "cancerstats.comorbidity.periods=2021-2023");
        assertThat(comorbidity.exitCode()).as(comorbidity.output()).isZero();
        Row pooled = spark.sql("SELECT sum(patients) FROM " + FULL + ".comorbidity_at_diagnosis WHERE period = '2021-2023' "
                + "AND site = 'all_sites' AND sex = 'both' AND age_group = 'all'").head();
        Row years = spark.sql("SELECT sum(patients) FROM " + FULL + ".comorbidity_at_diagnosis WHERE period_type = 'year' "
                + "AND period_start BETWEEN 2021 AND 2023 AND site = 'all_sites' AND sex = 'both' AND age_group = 'all'").head();
        assertThat(pooled.getLong(0)).isPositive().isEqualTo(years.getLong(0));
        assertThat(spark.sql("SELECT count(*) FROM " + FULL + ".comorbidity_prevalence_ratios WHERE period = '2021-2023'")
                .head().getLong(0)).isPositive();
    }

    @Test
    @Order(6)
    void aFileOfStatementsRunsInOneSessionAndStopsAtTheFirstFailure() throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "statements-", ".sql");
        Files.writeString(file, "-- two queries\nSELECT count(*) AS tumours\n  FROM incidence;\nSELECT 41 + 1 AS answer;\n");
        CliRun.Outcome ok = cli("sql", "--database", FULL, "-f", file.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.output()).contains("tumours").contains("| 42 ").containsPattern("(?s)1 row\\(s\\).*1 row\\(s\\)");
        Files.writeString(file, "SELECT 1;\nSELECT * FROM no_such_table;\nSELECT 2;\n");
        assertThat(cli("sql", "--database", FULL, "-f", file.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void csvOutputIsCompleteUnlessAskedToStop() {
        CliRun.Outcome all = cli("sql", "--database", FULL, "--csv", "SELECT id FROM range(2500)");
        assertThat(all.output().lines().filter(l -> l.matches("\\d+")).count()).as("past the table's 1,000").isEqualTo(2500);
        CliRun.Outcome cut = cli("sql", "--database", FULL, "--csv", "--max-rows", "10", "SELECT id FROM range(2500)");
        assertThat(cut.output().lines().filter(l -> l.matches("\\d+")).count()).isEqualTo(10);
        CliRun.Outcome table = cli("sql", "--database", FULL, "SELECT id FROM range(2500)");
        assertThat(table.output()).contains("1000 row(s), cut at 1000 (--max-rows N shows more; --csv prints every row)");
    }

    /** Many statistics offices deliver 100+ as a plain "100". */
    @Test
    @Order(8)
    void aPopulationEndingInAPlainTopAgeIsRefusedWithWhatToChangeThenLoaded() throws IOException {
        Path folder = Files.createDirectories(full.getParent().resolve("plain-top/population"));
        Path file = folder.resolve("population.csv");
        try (Stream<String> lines = Files.lines(full.resolve("population/population.csv"))) {
            Files.write(file, lines.map(l -> l.replace(",100+,", ",100,")).toList(), StandardCharsets.UTF_8);
        }
        CliRun.Outcome refused = cli("ingest", "--dev", "--database", POPULATION, "--extract", "population", file.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("V20").contains("ends at the single age 100")
                .contains("set cancerstats.population.open-top-age = 100");
        CliRun.Outcome loaded = cli("ingest", "--dev", "--database", POPULATION, "--extract", "population",
                "--conf", "cancerstats.population.open-top-age=100", file.toString());
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
        assertThat(spark.sql("SELECT count(*) FROM " + POPULATION + ".population WHERE age_lower = 100 AND age_upper IS NULL")
                .head().getLong(0)).isPositive();
    }
}
