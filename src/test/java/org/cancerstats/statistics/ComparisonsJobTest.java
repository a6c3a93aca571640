package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.stats.PoissonTest;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Regional ratios on counts drawn from a known law: four regions of different sizes and age structures, national
 * age-specific rates the same everywhere but for a planted 30% excess of lung cancer in region "Vest" (incidence and
 * mortality), and cases of an unknown region. The excess must be flagged (outside the 99.8% funnel limits) for lung
 * and for no other site; the expected counts of the regions must add up to the national observed count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonsJobTest {

    private static final String DB = "comparisons_law";
    private static final List<String> REGIONS = List.of("Nord", "Syd", "Vest", "Ost");
    private static final List<String> SITES = List.of("lung", "colon", "breast", "prostate", "bladder");
    private static final double EXCESS = 1.3;

    private final SparkSession spark = SharedSpark.get();
    private ComparisonsJob.Result result;

    /** Rate per person-year by site and age group a (0..17). */
    private static double rate(String site, int a) {
        return 2e-6 * Math.exp(0.28 * a) * (1 + SITES.indexOf(site) * 0.3);
    }

    /** A region's population of an age group: sizes 4:2:2:1, "Ost" old, "Syd" young. */
    private static double population(int region, int a) {
        double size = new double[] {40_000, 20_000, 20_000, 10_000}[region];
        double tilt = region == 3 ? 1 + 0.04 * a : region == 1 ? 1.5 - 0.03 * a : 1;
        return size * tilt;
    }

    @BeforeAll
    void drawAndCompare() {
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261201L);
        List<Row> population = new ArrayList<>();
        Map<org.cancerstats.tables.TableDef, List<Row>> counts = Map.of(RateTables.INCIDENCE_COUNTS, new ArrayList<>(),
                RateTables.MORTALITY_COUNTS, new ArrayList<>());
        for (int year = 2009; year <= 2023; year++) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int a = 0; a < 18; a++) {
                    for (int r = 0; r < REGIONS.size(); r++) {
                        population.add(TableFixtures.populationRow(RegistryTables.extract(Extract.POPULATION), year, sex, a,
                                REGIONS.get(r), population(r, a)).build());
                    }
                    for (var table : counts.entrySet()) {
                        double share = table.getKey() == RateTables.INCIDENCE_COUNTS ? 1 : 0.4;
                        for (String site : SITES) {
                            for (int r = 0; r <= REGIONS.size(); r++) {
                                boolean unknown = r == REGIONS.size();
                                double people = unknown ? 300 : population(r, a);
                                double planted = site.equals("lung") && !unknown && REGIONS.get(r).equals("Vest") ? EXCESS : 1;
                                int cases = PoissonDistribution.of(rate(site, a) * share * people * planted).createSampler(rng).sample();
                                table.getValue().add(TableFixtures.countRow(table.getKey(), year, sex, a,
                                        unknown ? "(unknown)" : REGIONS.get(r), site, cases));
                            }
                        }
                    }
                }
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.POPULATION), population);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), List.of());
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.MORTALITY), List.of());
        counts.forEach((table, rows) -> TableFixtures.insert(catalog, table, rows));
        // Education: the level ASRs on the line 40 + 40 x of the ridit x (shares .25, .35, .40): RII 2, SII 40.
        List<Row> rates = new ArrayList<>();
        double[] shares = {0.25, 0.35, 0.40};
        double cumulative = 0;
        long known = 0;
        for (int level = 0; level < 3; level++) {
            double ridit = cumulative + shares[level] / 2;
            cumulative += shares[level];
            long cases = Math.round(shares[level] * 1000);
            known += cases;
            rates.add(rateRow(ComparisonsJob.EDUCATION.get(level), cases, shares[level] * 1e6, 40 + 40 * ridit, 1.5));
        }
        rates.add(rateRow("all", Math.round(known / 0.85), 1e6, 55, 1));
        TableFixtures.insert(catalog, RateTables.INCIDENCE_RATES, rates);
        TableFixtures.insert(catalog, SurvivalTables.SURVIVAL, List.of(survivalRow("national", 1000, 0.60, 0.02, null),
                survivalRow("Vest", 250, 0.52, 0.04, null), survivalRow("Ost", 20, null, null, "S01")));
        result = new ComparisonsJob(spark, catalog).run(new ComparisonsJob.Options("test", 0.95, 5, 0.1));
    }

    private static Row rateRow(String education, long cases, double personYears, double asr, double se) {
        return RateTables.INCIDENCE_RATES.everyColumnRow().row().set("period_type", "period").set("period", "2019-2023")
                .set("period_start", 2019).set("period_end", 2023).set("sex", "both").set("region", "national")
                .set("education", education).set("site", "lung").set("standard", "world_segi_1960").set("age_range", "all")
                .set("cases", cases).set("person_years", personYears).set("crude_rate", null).set("crude_lower", null)
                .set("crude_upper", null).set("asr", asr).set("asr_se", se).set("asr_lower", asr - 2 * se)
                .set("asr_upper", asr + 2 * se).set("asr_upper_tiwari", null).set("cumulative_risk_0_74", null)
                .set("cumulative_risk_0_79", null).set("excluded_cases", 0L).set("refresh_id", "r").build();
    }

    private static Row survivalRow(String region, long patients, Double survival, Double se, String withheld) {
        return SurvivalTables.SURVIVAL.everyColumnRow().row().set("site", "colon").set("sex", "both").set("region", region)
                .set("stage", "all").set("approach", "cohort").set("period", "2019-2023").set("age_group", "standardised")
                .set("horizon_years", 5).set("estimator", "pohar_perme").set("icss_set", "1").set("patients", patients)
                .set("deaths", 0L).set("survival", survival).set("se", se).set("lower", null).set("upper", null)
                .set("ci_transform", "log").set("withheld_reason", withheld).set("refresh_id", "r").build();
    }

    @Test
    void aRegionsSurvivalIsComparedWithTheNationsAllowingForItsShareOfThePatients() {
        List<Row> rows = spark.sql("SELECT region, difference, difference_lower, difference_upper, withheld_reason FROM "
                + DB + ".survival_differences ORDER BY region").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getString(0)).isEqualTo("Ost");
        assertThat(rows.get(0).isNullAt(1)).isTrue();
        assertThat(rows.get(0).getString(4)).isEqualTo("S01");
        // var = 0.04^2 + 0.02^2 - 2 (250 / 1000) 0.04^2 = 0.0012
        double halfWidth = 1.959963984540054 * Math.sqrt(0.0012);
        assertThat(rows.get(1).getDouble(1)).isCloseTo(-0.08, within(1e-12));
        assertThat(rows.get(1).getDouble(2)).isCloseTo(-0.08 - halfWidth, within(1e-12));
        assertThat(rows.get(1).getDouble(3)).isCloseTo(-0.08 + halfWidth, within(1e-12));
    }

    @Test
    void theEducationGradientIsRecoveredAndTheUnknownShareFlagged() {
        Row row = spark.sql("SELECT rii, rii_lower, rii_upper, sii, rate_ratio, cases_unknown_education, "
                + "unknown_education_share, unknown_education_flag, asr_low FROM " + DB + ".inequality").head();
        assertThat(row.getDouble(0)).isCloseTo(2.0, within(1e-12));
        assertThat(row.getDouble(1)).isLessThan(2.0);
        assertThat(row.getDouble(2)).isGreaterThan(2.0);
        assertThat(row.getDouble(3)).isCloseTo(40.0, within(1e-9));
        assertThat(row.getDouble(4)).isCloseTo(72.0 / 45.0, within(1e-12));
        assertThat(row.getLong(5)).isEqualTo(176); // 1176 cases, 1000 of a known level
        assertThat(row.getDouble(6)).isCloseTo(176 / 1176.0, within(1e-12));
        assertThat(row.getBoolean(7)).as("15% unknown, above the 10% limit").isTrue();
        assertThat(row.getDouble(8)).isCloseTo(72.0, within(1e-12));
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".inequality").head().getLong(0)).isEqualTo(1);
    }

    @Test
    void thePlantedLungExcessIsFlaggedAndNoOtherSite() {
        assertThat(result.rows()).isEqualTo(2L * SITES.size() * 3 * 4 * REGIONS.size()); // measures, sexes, periods
        List<Row> flagged = spark.sql("SELECT measure, site, region, ratio FROM " + DB + ".regional_ratios "
                + "WHERE whole_span AND sex = 'both' AND outside_998").collectAsList();
        // Vest above for both measures; the others, whose national rate carries Vest's excess, may fall below.
        assertThat(flagged).extracting(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2))
                .contains("incidence lung Vest", "mortality lung Vest").allMatch(f -> f.contains(" lung "));
        Row vest = spark.sql("SELECT ratio, ratio_lower, ratio_upper, ratio_type, p_value, observed, expected FROM " + DB
                + ".regional_ratios WHERE measure = 'incidence' AND site = 'lung' AND region = 'Vest' AND sex = 'both' "
                + "AND whole_span").head();
        // The others' rate is lowered by Vest's excess in the national rate: Vest's SIR is below 1.3, theirs below 1.
        assertThat(vest.getDouble(1)).isLessThan(EXCESS / (1 + 0.3 * 20.0 / 90));
        assertThat(vest.getDouble(2)).isGreaterThan(EXCESS / (1 + 0.3 * 20.0 / 90));
        assertThat(vest.getString(3)).isEqualTo("SIR");
        assertThat(vest.getDouble(4)).isCloseTo(PoissonTest.twoSided(vest.getLong(5), vest.getDouble(6)), within(1e-15));
    }

    @Test
    void theRegionsExpectedCountsAddUpToTheNationalObservedUnknownRegionIncluded() {
        String sql = "WITH e AS (SELECT measure, site, sex, period_start, period_end, sum(expected) AS expected FROM %1$s.regional_ratios "
                + "GROUP BY ALL), o AS (SELECT 'incidence' AS measure, * FROM %1$s.incidence_counts UNION ALL "
                + "SELECT 'mortality', * FROM %1$s.mortality_counts) "
                + "SELECT e.measure, e.site, e.sex, e.period_start, e.period_end, first(e.expected), sum(o.cases) FROM e JOIN o "
                + "ON o.measure = e.measure AND o.site = e.site AND o.year BETWEEN e.period_start AND e.period_end "
                + "AND (e.sex = 'both' OR o.sex = CASE e.sex WHEN 'male' THEN 1 ELSE 2 END) GROUP BY ALL";
        List<Row> strata = spark.sql(String.format(sql, DB)).collectAsList();
        assertThat(strata).hasSize(2 * SITES.size() * 3 * 4);
        for (Row s : strata) {
            assertThat(s.getDouble(5)).as("%s", s).isCloseTo(s.getLong(6), within(1e-9 * s.getLong(6)));
        }
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".incidence_counts WHERE region = '(unknown)' AND cases > 0")
                .head().getLong(0)).as("cases of an unknown region are in the national count").isPositive();
    }
}
