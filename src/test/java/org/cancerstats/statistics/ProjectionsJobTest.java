package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.stats.Nordpred;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Projections end to end on a registry whose true rates follow a known age-period-cohort law, log rate = α_a + δ·p
 * + γ_c with c = 18 − a + p (p the 5-year period, 1 = 1990-94), observed 1990-2019 in six periods, the population
 * growing 1% a year and projected to 2044. The first future period (2020-24) continues the law; NORDPRED's power-5
 * model must find its ASR within 5% and every age group with at least 500 expected cases within 10%. A rare site
 * takes the recent rates and says why; every row's change splits into population and risk exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionsJobTest {

    private static final String DB = "projections_law";
    private static final int FIRST = 1990;
    private static final int LAST = 2019;
    private static final double DRIFT = 0.05;

    private final SparkSession spark = SharedSpark.get();
    private RegistryCatalog catalog;
    private ProjectionsJob.Result result;

    /** The true rate per person-year of age group a (0-based) in period p (1-based, 1 = 1990-94). */
    static double trueRate(int a, int p, int sex) {
        int cohort = 18 - (a + 1) + p;
        return 1e-6 * Math.exp(0.45 * a + DRIFT * p + 0.03 * Math.sin(cohort / 2.0)) * (sex == 1 ? 1.0 : 0.8);
    }

    static double population(int year, int a) {
        return 1e6 * (1 + 0.01 * (year - FIRST)) * (a >= 13 ? 1 + 0.01 * (year - FIRST) : 1);
    }

    @BeforeAll
    void buildAndProject() {
        catalog = new RegistryCatalog(spark, DB);
        Random random = new Random(20261201);
        List<Row> counts = new ArrayList<>();
        List<Row> population = new ArrayList<>();
        List<Row> projection = new ArrayList<>();
        for (int year = FIRST; year <= LAST + 25; year++) {
            int period = (year - FIRST) / 5 + 1;
            for (int sex = 1; sex <= 2; sex++) {
                for (int a = 0; a < 18; a++) {
                    double pop = population(year, a);
                    if (year > LAST) {
                        projection.add(TableFixtures.populationRow(RegistryTables.extract(Extract.POPULATION_PROJECTION), year, sex, a,
                                "Nord", pop)
                                .set("scenario", null).build());
                        continue;
                    }
                    population.add(TableFixtures.populationRow(RegistryTables.extract(Extract.POPULATION), year, sex, a, "Nord", pop).build());
                    double mean = trueRate(a, period, sex) * pop;
                    long cases = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
                    counts.add(TableFixtures.countRow(RateTables.INCIDENCE_COUNTS, year, sex, a, "Nord", "colon", cases));
                    counts.add(TableFixtures.countRow(RateTables.INCIDENCE_COUNTS, year, sex, a, "Nord", "rare", a == 17 && year % 3 == 0 ? 1 : 0));
                }
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.POPULATION), population);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.POPULATION_PROJECTION), projection);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), List.of());
        TableFixtures.insert(catalog, RateTables.INCIDENCE_COUNTS, counts);
        List<StandardPopulation> standards = StandardPopulation.readAll(Path.of("conf/standards"));
        result = new ProjectionsJob(spark, catalog).run(new ProjectionsJob.Options("law-1", standards, 5,
                Nordpred.Settings.defaults(), 50, false, "main"));
    }

    private Row one(String where) {
        List<Row> rows = spark.sql("SELECT * FROM " + DB + ".incidence_projections WHERE " + where).collectAsList();
        assertThat(rows).as(where).hasSize(1);
        return rows.get(0);
    }

    @Test
    void theFirstFuturePeriodFollowsTheTrueLaw() {
        assertThat(result.observed()).hasToString("1990-2019");
        assertThat(result.futurePeriods()).isEqualTo(5);
        Row all = one("site = 'colon' AND sex = 'male' AND region = 'national' AND periods_ahead = 1 AND age_group = 'all' "
                + "AND standard = 'world_segi_1960'");
        assertThat(all.<String>getAs("period")).isEqualTo("2020-2024");
        assertThat(all.<String>getAs("method")).isEqualTo("nordpred");
        assertThat(all.<Integer>getAs("fit_periods")).isBetween(4, 6);
        double[] segi = StandardPopulation.read(Path.of("conf/standards/world_segi_1960.csv")).weights();
        double total = java.util.Arrays.stream(segi).sum();
        double trueAsr = 0;
        for (int a = 0; a < 18; a++) {
            trueAsr += segi[a] / total * trueRate(a, 7, 1) * 100_000;
        }
        assertThat(all.<Double>getAs("asr")).isCloseTo(trueAsr, withinPercentage(5));
        int checked = 0;
        for (int a = 0; a < 18; a++) {
            double years = 0;
            for (int y = 2020; y <= 2024; y++) {
                years += population(y, a);
            }
            if (trueRate(a, 7, 1) * years >= 500) {
                Row age = one("site = 'colon' AND sex = 'male' AND region = 'national' AND periods_ahead = 1 AND age_lower = "
                        + 5 * a);
                assertThat(age.<Double>getAs("rate")).as("age group %d", a).isCloseTo(trueRate(a, 7, 1) * 100_000,
                        withinPercentage(10));
                checked++;
            }
        }
        assertThat(checked).as("age groups with 500 or more expected cases").isGreaterThanOrEqualTo(5);
    }

    @Test
    void aRareSiteTakesTheRecentRatesAndSaysWhy() {
        Row rare = one("site = 'rare' AND sex = 'male' AND periods_ahead = 2 AND age_group = 'all' "
                + "AND standard = 'world_segi_1960'");
        assertThat(rare.<String>getAs("method")).isEqualTo("recent_rates");
        assertThat(rare.<String>getAs("fallback_reason")).contains("fewer than 50 cases");
        assertThat(rare.<Double>getAs("cases")).isPositive();
        assertThat(result.byMethod().get(Measure.INCIDENCE)).containsEntry("nordpred", 2L).containsEntry("recent_rates", 2L);
    }

    @Test
    void changesSplitIntoPopulationAndRiskAndBothSexesAreTheSum() {
        for (Row r : spark.sql("SELECT * FROM " + DB + ".incidence_projections").collectAsList()) {
            double change = r.<Double>getAs("change");
            assertThat(change).isCloseTo(r.<Double>getAs("cases") - r.<Double>getAs("observed_cases"), within(1e-6));
            assertThat(r.<Double>getAs("change_population") + r.<Double>getAs("change_risk")).isCloseTo(change,
                    within(1e-9 * Math.max(1, Math.abs(change))));
        }
        Row sums = spark.sql("SELECT sum(CASE WHEN sex = 'both' THEN cases ELSE -cases END) AS d, count(*) AS n FROM " + DB
                + ".incidence_projections WHERE age_group <> 'all'").head();
        assertThat(sums.getDouble(0)).isCloseTo(0, within(1e-6));
        assertThat(spark.sql("SELECT * FROM " + DB + ".incidence_projections WHERE site = 'colon' AND sex = 'female' "
                + "AND periods_ahead = 1 AND age_group = 'all' AND standard = 'world_segi_1960'").head()
                .<Double>getAs("change_population")).as("a growing, ageing population").isPositive();
    }
}
