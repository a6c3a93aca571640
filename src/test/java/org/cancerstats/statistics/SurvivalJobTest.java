package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.stats.ExpectedSurvival;
import org.cancerstats.core.stats.NetSurvival;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Survival through Spark against the kernel run directly on the same patients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurvivalJobTest {

    private static final String DB = "survival_e2e";
    private static final ExpectedSurvival LIFE = (sex, age, year) -> 1 - Math.min(0.5, 0.0001 * Math.exp(0.08 * age)) * (sex == 1 ? 1.3 : 1);
    private final SparkSession spark = SharedSpark.get();
    private final List<Object[]> patients = new ArrayList<>();

    @BeforeAll
    void buildAndRun() {
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> tumours = new ArrayList<>();
        List<Row> followup = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int sex = 1 + i % 2;
            LocalDate diagnosis = LocalDate.of(2014 + i % 10, 1 + i % 12, 1 + i % 28);
            LocalDate birth = diagnosis.minusYears(35 + (i * 7) % 54).minusDays(i % 300);
            boolean died = i % 3 != 0;
            LocalDate end = died ? diagnosis.plusDays(20 + (i * 53) % 3000) : LocalDate.of(2023, 12, 31);
            if (end.isAfter(LocalDate.of(2023, 12, 31))) {
                end = LocalDate.of(2023, 12, 31);
                died = false;
            }
            tumours.add(RowFactory.create("p" + i, "t" + i, sex, Date.valueOf(birth), Date.valueOf(diagnosis), "C187", 8140, 3, 7,
                    "Solo", null, null, null, 0, null, new String[0], "incidence/i.csv", (long) i + 2, "x", "r"));
            followup.add(RowFactory.create("p" + i, died ? 2 : 1, Date.valueOf(end), new String[0], "followup/f.csv", (long) i + 2, "x", "r"));
            patients.add(new Object[] {sex, birth, diagnosis, died, end});
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), tumours);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.FOLLOWUP), followup);
        List<Row> life = new ArrayList<>();
        for (int year = 2014; year <= 2023; year++) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int age = 0; age <= 99; age++) {
                    life.add(RowFactory.create(year, sex, age, age, LIFE.oneYear(sex, age, year), null, new String[0],
                            "lifetable/l.csv", 2L, "x", "r"));
                }
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.LIFETABLE), life);
        new SurvivalJob(spark, catalog).run(new SurvivalJob.Options("surv-1",
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")),
                IcssWeights.read(Path.of("conf/icss.csv")), 5, 10, new int[] {1, 5, 10}, 89, 0.95, 3, 30));
    }

    @Test
    void cohortEstimatesEqualTheKernelRunDirectly() {
        NetSurvival direct = NetSurvival.monthly(10);
        for (Object[] p : patients) {
            LocalDate diagnosis = (LocalDate) p[2];
            if (diagnosis.getYear() >= 2014 && diagnosis.getYear() <= 2018) {
                add(direct, p, 0);
            }
        }
        for (int horizon : new int[] {1, 5}) {
            NetSurvival.Estimate e = direct.at(horizon, 0.95);
            for (String estimator : SurvivalJob.ESTIMATORS) {
                Row r = spark.sql("SELECT patients, deaths, survival, se, lower, upper FROM " + DB + ".survival WHERE site = 'colon' "
                        + "AND sex = 'both' AND approach = 'cohort' AND period = '2014-2018' AND age_group = 'all' "
                        + "AND horizon_years = " + horizon + " AND estimator = '" + estimator + "'").head();
                NetSurvival.Curve c = estimator.equals("pohar_perme") ? e.poharPerme()
                        : estimator.equals("ederer2") ? e.ederer2() : e.observed();
                assertThat(r.getLong(0)).isEqualTo(e.patients());
                assertThat(r.getLong(1)).isEqualTo(e.deaths());
                assertThat(r.getDouble(2)).as(estimator + " at " + horizon).isCloseTo(c.survival(), within(1e-9));
                assertThat(r.getDouble(3)).isCloseTo(c.standardError(), within(1e-9));
                assertThat(r.getDouble(4)).isCloseTo(c.lower(), within(1e-9));
            }
        }
    }

    @Test
    void periodApproachTruncatesAtTheWindowStart() {
        LocalDate windowStart = LocalDate.of(2019, 1, 1);
        NetSurvival direct = NetSurvival.monthly(10);
        for (Object[] p : patients) {
            LocalDate diagnosis = (LocalDate) p[2];
            double entry = Math.max(0, ChronoUnit.DAYS.between(diagnosis, windowStart) / 365.25);
            double exit = ChronoUnit.DAYS.between(diagnosis, (LocalDate) p[4]) / 365.25;
            if (exit > entry && entry < 10) {
                add(direct, p, entry);
            }
        }
        Row r = spark.sql("SELECT survival FROM " + DB + ".survival WHERE site = 'colon' AND sex = 'both' AND approach = 'period' "
                + "AND period = '2019-2023' AND age_group = 'all' AND horizon_years = 5 AND estimator = 'pohar_perme'").head();
        assertThat(r.getDouble(0)).isCloseTo(direct.at(5, 0.95).poharPerme().survival(), within(1e-9));
        long quality = spark.sql("SELECT sum(patients) FROM " + DB + ".survival_quality WHERE site = 'colon' AND sex = 'both'")
                .head().getLong(0);
        assertThat(quality).as("every first tumour counted once, included or excluded").isEqualTo(patients.size());
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".survival_curve WHERE site = 'colon' AND sex = 'both' "
                + "AND approach = 'cohort' AND period = '2014-2018' AND estimator = 'pohar_perme'").head().getLong(0)).isEqualTo(120);
    }

    @Test
    void aLifeTableGapIsAnErrorNamingTheMissingCells() {
        RegistryCatalog catalog = new RegistryCatalog(spark, "survival_gap");
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), spark.table(DB + ".incidence").collectAsList());
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.FOLLOWUP), spark.table(DB + ".followup").collectAsList());
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.LIFETABLE), spark.table(DB + ".lifetable")
                .where("NOT (year = 2017 AND sex = 2 AND age_lower = 63)").collectAsList());
        assertThatThrownBy(() -> new SurvivalJob(spark, catalog).run(new SurvivalJob.Options("gap",
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")),
                IcssWeights.read(Path.of("conf/icss.csv")), 5, 10, new int[] {1, 5, 10}, 89, 0.95, 3, 30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks 1 cell(s)").hasMessageContaining("year=2017 sex=2 age=63");
    }

    private static void add(NetSurvival s, Object[] p, double entry) {
        LocalDate birth = (LocalDate) p[1];
        LocalDate diagnosis = (LocalDate) p[2];
        double exit = ChronoUnit.DAYS.between(diagnosis, (LocalDate) p[4]) / 365.25;
        s.add(entry, exit, (Boolean) p[3], (Integer) p[0], ChronoUnit.DAYS.between(birth, diagnosis) / 365.25,
                diagnosis.getYear() + (diagnosis.getDayOfYear() - 1) / 365.25, LIFE);
    }
}
