package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Standardised prevalence ratios against a reference prevalence delivered in the RUKS bands 0-44, 45-59, 60-74,
 * 75+, with patients in every band (issue: patients aged 50-59, 65-74 and 80+ vanished, and the ratio came out 0
 * where the truth is 4.3). Reference values: {@code src/test/r/banded_prevalence_reference.R} (hand-written expected
 * count and R's {@code poisson.test}), output in {@code src/test/r/banded_prevalence_reference.out}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComorbidityBandsTest {

    private static final String DB = "comorbidity_bands";
    private static final int[] AGES = {30, 44, 46, 52, 58, 61, 67, 72, 76, 83, 90, 99};
    private static final LocalDate DIAGNOSIS = LocalDate.of(2022, 6, 15);
    private static final String[] BANDS = {"0-44", "45-59", "60-74", "75+"};
    private static final int[] PERSONS_MEN = {450, 600, 1500, 5200};

    private final SparkSession spark = SharedSpark.get();

    @BeforeAll
    void buildAndRun() {
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> tumours = new ArrayList<>();
        List<Row> conditions = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            tumour(tumours, "p" + i, 1 + i % 2, AGES[(i / 2) % 12], DIAGNOSIS);
            if (i % 3 == 0) {
                conditions.add(condition("p" + i, "copd"));
            }
        }
        conditions.add(condition("p1", "asthma")); // a condition condition_prevalence has no figures for
        tumour(tumours, "q", 1, 70, LocalDate.of(2021, 3, 1)); // a year with no reference at all
        conditions.add(condition("q", "copd"));
        List<Row> reference = new ArrayList<>();
        for (int sex = 1; sex <= 2; sex++) {
            for (int b = 0; b < BANDS.length; b++) {
                String[] band = BANDS[b].replace("+", "").split("-");
                reference.add(RowFactory.create(2022, sex, Integer.valueOf(band[0]), band.length > 1 ? Integer.valueOf(band[1]) : null,
                        "R", "copd", sex == 1 ? (double) PERSONS_MEN[b] : PERSONS_MEN[b] / 2.0, new String[0],
                        "condition_prevalence/c.csv", (long) b + 2, "x", "r"));
            }
        }
        List<Row> population = new ArrayList<>();
        for (int year = 2021; year <= 2022; year++) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int age = 0; age <= 100; age++) {
                    population.add(RowFactory.create(year, sex, age, age == 100 ? null : age, "R", 1000.0, null, new String[0],
                            "population/p.csv", (long) age + 2, "x", "r"));
                }
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), tumours);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.COMORBIDITY), conditions);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.CONDITION_PREVALENCE), reference);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.POPULATION), population);
        new ComorbidityJob(spark, catalog).run(new ComorbidityJob.Options("bands-1",
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")),
                StandardPopulation.read(Path.of("conf/standards/europe_2013.csv")), null, 5,
                List.of(YearSpan.parse("2021-2022")), 0.95));
    }

    private static void tumour(List<Row> rows, String person, int sex, int age, LocalDate diagnosis) {
        rows.add(RowFactory.create(person, "t" + person, sex, Date.valueOf(diagnosis.minusYears(age)), Date.valueOf(diagnosis),
                "C349", 8140, 3, 7, "R", null, null, null, 0, null, new String[0], "incidence/i.csv", 2L, "x", "r"));
    }

    private static Row condition(String person, String condition) {
        return RowFactory.create(person, condition, Date.valueOf(LocalDate.of(2020, 1, 1)), null, new String[0],
                "comorbidity/c.csv", 2L, "x", "r");
    }

    private Row ratio(String condition, String sex, String period) {
        return spark.sql("SELECT patients, patients_no_reference, observed, expected, ratio, ratio_lower, ratio_upper FROM "
                + DB + ".comorbidity_prevalence_ratios WHERE condition = '" + condition + "' AND site = 'lung' AND sex = '"
                + sex + "' AND period = '" + period + "'").head();
    }

    /** banded_prevalence_reference.out: sex, patients, observed, expected, ratio, lower, upper. */
    @Test
    void everyPatientIsComparedWithThePrevalenceOfTheBandItsAgeFallsIn() {
        Object[][] reference = {
                {"both", 48L, 16L, 3.720000000000, 4.301075268817, 2.458436143452, 6.984676773538},
                {"male", 24L, 8L, 2.480000000000, 3.225806451613, 1.392674264818, 6.356124685562},
                {"female", 24L, 8L, 1.240000000000, 6.451612903226, 2.785348529636, 12.712249371124}};
        for (Object[] r : reference) {
            Row row = ratio("copd", (String) r[0], "2022");
            assertThat(row.getLong(0)).as(r[0] + " patients").isEqualTo(r[1]);
            assertThat(row.getLong(1)).as(r[0] + " without a reference").isZero();
            assertThat(row.getLong(2)).as(r[0] + " observed").isEqualTo(r[2]);
            assertThat(row.getDouble(3)).as(r[0] + " expected").isCloseTo((Double) r[3], within(1e-9));
            assertThat(row.getDouble(4)).as(r[0] + " ratio").isCloseTo((Double) r[4], within(1e-9));
            assertThat(row.getDouble(5)).as(r[0] + " lower").isCloseTo((Double) r[5], within(1e-7));
            assertThat(row.getDouble(6)).as(r[0] + " upper").isCloseTo((Double) r[6], within(1e-7));
        }
    }

    @Test
    void patientsWithoutAReferenceAreCountedNotDropped() {
        Row pooled = ratio("copd", "both", "2021-2022");
        assertThat(pooled.getLong(0)).as("compared").isEqualTo(48);
        assertThat(pooled.getLong(1)).as("the 2021 patient: no 2021 reference").isEqualTo(1);
        assertThat(pooled.getLong(2)).as("observed among the compared only").isEqualTo(16);
        Row asthma = ratio("asthma", "both", "2022");
        assertThat(asthma.getLong(0)).isZero();
        assertThat(asthma.getLong(1)).as("no asthma figures: every patient").isEqualTo(48);
        assertThat(asthma.isNullAt(4)).as("no ratio without a comparison").isTrue();
    }

    @Test
    void sharesAtDiagnosisAreGivenForPooledYearsToo() {
        Row row = spark.sql("SELECT patients, with_1plus, year FROM " + DB + ".comorbidity_at_diagnosis WHERE site = 'lung' "
                + "AND sex = 'both' AND age_group = 'all' AND period = '2021-2022'").head();
        assertThat(row.getLong(0)).isEqualTo(49);
        assertThat(row.getLong(1)).as("16 with copd, p1 with asthma, q with copd").isEqualTo(18);
        assertThat(row.isNullAt(2)).as("no single year on a pooled row").isTrue();
        assertThat(spark.sql("SELECT patients FROM " + DB + ".comorbidity_at_diagnosis WHERE site = 'lung' AND sex = 'both' "
                + "AND age_group = 'all' AND period_type = 'year' AND year = 2022").head().getLong(0)).isEqualTo(48);
    }
}
