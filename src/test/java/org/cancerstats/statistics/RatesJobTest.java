package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.GeneratedRegistry;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Rates end to end on a generated registry: ingest, then rates, checked against sums made here. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatesJobTest {

    private static final String DB = GeneratedRegistry.DATABASE;
    private final SparkSession spark = SharedSpark.get();

    @BeforeAll
    void computeRates() {
        new RatesJob(spark, GeneratedRegistry.catalog()).run(options("rates-1"));
    }

    static RatesJob.Options options(String refreshId) {
        return new RatesJob.Options(refreshId, StandardPopulation.readAll(Path.of("conf/standards")),
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")), new int[] {35, 64}, 0.95, 5);
    }

    @Test
    void everyAcceptedTumourIsCountedOnceInAllSitesOrInDataQuality() {
        List<Row> perYear = spark.sql("SELECT year(date_of_diagnosis) y, count(*) n FROM " + DB + ".incidence GROUP BY 1").collectAsList();
        assertThat(perYear).hasSize(5);
        for (Row r : perYear) {
            int year = r.getInt(0);
            long accepted = r.getLong(1);
            long allSites = scalar("SELECT cases FROM " + DB + ".incidence_rates WHERE period = '" + year + "' AND sex = 'both' "
                    + "AND region = 'national' AND education = 'all' AND site = 'all_sites' AND standard = 'world_segi_1960' AND age_range = 'all'");
            long noSite = scalar("SELECT coalesce(sum(records), 0) FROM " + DB + ".data_quality WHERE extract = 'incidence' AND period = '"
                    + year + "' AND sex = 'both' AND site IN ('(basal cell)', '(outside statistics)')");
            assertThat(allSites + noSite).as("year " + year).isEqualTo(accepted);
            assertThat(scalar("SELECT sum(cases) FROM " + DB + ".incidence_counts WHERE year = " + year + " AND site = 'all_sites'"))
                    .isEqualTo(allSites);
        }
        assertThat(scalar("SELECT count(*) FROM " + DB + ".incidence_counts")).as("zero-filled grid")
                .isEqualTo(5L * 2 * 2 * 18 * 46);
    }

    /** Hand-summed from incidence_counts and population, with the formulas of SPEC.md section 4 written out here. */
    @Test
    void worldStandardisedRateAndIntervalMatchAnIndependentComputation() {
        double[] world = {12000, 10000, 9000, 9000, 8000, 8000, 6000, 6000, 6000, 6000, 5000, 4000, 4000, 3000, 2000, 1000, 500, 500};
        long[] cases = new long[18];
        double[] py = new double[18];
        for (Row r : spark.sql("SELECT age_lower, sum(cases) FROM " + DB + ".incidence_counts WHERE sex = 2 AND site = 'all_but_nmsc' "
                + "GROUP BY age_lower").collectAsList()) {
            cases[r.getInt(0) / 5] = r.getLong(1);
        }
        for (Row r : spark.sql("SELECT least(floor(age_lower / 5), 17), sum(population) FROM " + DB + ".population WHERE sex = 2 "
                + "GROUP BY 1").collectAsList()) {
            py[(int) r.getLong(0)] = r.getDouble(1);
        }
        double total = 0;
        for (double w : world) {
            total += w;
        }
        double asr = 0;
        double variance = 0;
        double wMax = 0;
        long n = 0;
        double pySum = 0;
        for (int i = 0; i < 18; i++) {
            double w = world[i] / total;
            asr += w * cases[i] / py[i];
            variance += w * w * cases[i] / (py[i] * py[i]);
            wMax = Math.max(wMax, w / py[i]);
            n += cases[i];
            pySum += py[i];
        }
        double lower = GammaDistribution.of(asr * asr / variance, variance / asr).inverseCumulativeProbability(0.025);
        double upper = GammaDistribution.of((asr + wMax) * (asr + wMax) / (variance + wMax * wMax),
                (variance + wMax * wMax) / (asr + wMax)).inverseCumulativeProbability(0.975);

        Row row = spark.sql("SELECT cases, person_years, crude_rate, asr, asr_se, asr_lower, asr_upper FROM " + DB + ".incidence_rates "
                + "WHERE period = '2019-2023' AND sex = 'female' AND region = 'national' AND education = 'all' "
                + "AND site = 'all_but_nmsc' AND standard = 'world_segi_1960' AND age_range = 'all'").head();
        assertThat(n).isGreaterThan(100);
        assertThat(row.getLong(0)).isEqualTo(n);
        assertThat(row.getDouble(1)).isCloseTo(pySum, within(1e-6));
        assertThat(row.getDouble(2)).isCloseTo(n / pySum * 1e5, within(1e-9));
        assertThat(row.getDouble(3)).isCloseTo(asr * 1e5, within(1e-9));
        assertThat(row.getDouble(4)).isCloseTo(Math.sqrt(variance) * 1e5, within(1e-9));
        assertThat(row.getDouble(5)).isCloseTo(lower * 1e5, within(1e-9));
        assertThat(row.getDouble(6)).isCloseTo(upper * 1e5, within(1e-9));
    }

    @Test
    void ageSpecificRatesTruncatedRatesAndMortalityIncidenceRatio() {
        Row a = spark.sql("SELECT cases, person_years, rate FROM " + DB + ".age_specific_rates WHERE measure = 'incidence' "
                + "AND period = '2021' AND sex = 'male' AND region = 'national' AND site = 'prostate' AND age_group = '70-74'").head();
        assertThat(a.getLong(0)).isEqualTo(scalar("SELECT sum(cases) FROM " + DB + ".incidence_counts WHERE year = 2021 AND sex = 1 "
                + "AND site = 'prostate' AND age_group = '70-74'"));
        assertThat(a.getDouble(2)).isCloseTo(a.getLong(0) / a.getDouble(1) * 1e5, within(1e-9));

        Row truncated = spark.sql("SELECT cases, cumulative_risk_0_74 FROM " + DB + ".incidence_rates WHERE period = '2019-2023' "
                + "AND sex = 'both' AND region = 'national' AND education = 'all' AND site = 'all_sites' "
                + "AND standard = 'world_segi_1960' AND age_range = '35-64'").head();
        assertThat(truncated.getLong(0)).isEqualTo(scalar("SELECT sum(cases) FROM " + DB + ".incidence_counts WHERE site = 'all_sites' "
                + "AND age_lower BETWEEN 35 AND 60"));
        assertThat(truncated.isNullAt(1)).isTrue();

        Row mi = spark.sql("SELECT records, mi_ratio FROM " + DB + ".data_quality WHERE extract = 'incidence' AND site = 'lung' "
                + "AND sex = 'both' AND period = '2019-2023'").head();
        long deaths = scalar("SELECT sum(cases) FROM " + DB + ".mortality_counts WHERE site = 'lung'");
        assertThat(mi.getDouble(1)).isCloseTo((double) deaths / mi.getLong(0), within(1e-12));
        assertThat(scalar("SELECT count(DISTINCT standard) FROM " + DB + ".incidence_rates")).as("five standards and the fine one")
                .isEqualTo(6);
    }

    private long scalar(String sql) {
        Object value = spark.sql(sql).head().get(0);
        return ((Number) value).longValue();
    }
}
