package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.stats.FollowUpTime;
import org.cancerstats.core.stats.ExpectedSurvival;
import org.cancerstats.core.stats.IntervalTransform;
import org.cancerstats.core.stats.NetSurvival;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Survival through Spark against the kernel run directly on the same patients: national, by region (region North
 * has its own life table, South uses the national one) and by stage; and the follow-up cross-check against the
 * cause-of-death register.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurvivalJobTest {

    private static final String DB = "survival_e2e";
    private static final ExpectedSurvival LIFE = (sex, age, year) -> 1 - Math.min(0.5, 0.0001 * Math.exp(0.08 * age)) * (sex == 1 ? 1.3 : 1);
    /** Region North's own life table: higher mortality, so its net survival differs from using the national one. */
    private static final ExpectedSurvival NORTH = (sex, age, year) -> 1 - Math.min(0.6, 0.0002 * Math.exp(0.08 * age)) * (sex == 1 ? 1.3 : 1);
    private static final String[] STAGES = {"localised", "regional", "distant", null};
    /** Expected follow-up conflicts by kind, built with the fixture. */
    private final java.util.Map<String, Long> conflicts = new java.util.HashMap<>();
    private SurvivalJob.Result result;
    private final SparkSession spark = SharedSpark.get();
    private final List<Object[]> patients = new ArrayList<>();

    @BeforeAll
    void buildAndRun() {
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> tumours = new ArrayList<>();
        List<Row> followup = new ArrayList<>();
        List<Row> deaths = new ArrayList<>();
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
            String region = i % 5 < 2 ? "North" : "South";
            String stage = STAGES[i % 4];
            tumours.add(RowFactory.create("p" + i, "t" + i, sex, Date.valueOf(birth), Date.valueOf(diagnosis), "C187", 8140, 3, 7,
                    region, null, null, stage, 0, null, new String[0], "incidence/i.csv", (long) i + 2, "x", "r"));
            followup.add(RowFactory.create("p" + i, died ? 2 : 1, Date.valueOf(end), new String[0], "followup/f.csv", (long) i + 2, "x", "r"));
            Object[] patient = {sex, birth, diagnosis, died, end, region, stage, null};
            patients.add(patient);
            // The register: deaths as followed up, but one in 20 dead without a registered death, one in 20 with a
            // date three days off, and one in 20 alive patients registered dead.
            LocalDate registered = died && i % 20 != 1 ? (i % 20 == 2 ? end.plusDays(3) : end) : null;
            if (!died && i % 20 == 3) {
                registered = end.minusDays(100);
            }
            if (registered != null) {
                deaths.add(RowFactory.create("p" + i, sex, Date.valueOf(birth), Date.valueOf(registered), "C187", region, null,
                        new String[0], "mortality/m.csv", (long) i + 2, "x", "r"));
            }
            String kind = died && registered == null ? VitalStatusCheck.DEAD_NOT_REGISTERED
                    : died && !registered.equals(end) ? VitalStatusCheck.DEATH_DATE_DIFFERS
                    : !died && registered != null ? VitalStatusCheck.REGISTERED_DEAD : null;
            patient[7] = kind;
            if (kind != null) {
                conflicts.merge(kind, 1L, Long::sum);
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), tumours);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.FOLLOWUP), followup);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.MORTALITY), deaths);
        List<Row> life = new ArrayList<>();
        for (int year = 2014; year <= 2023; year++) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int age = 0; age <= 99; age++) {
                    life.add(RowFactory.create(year, sex, age, age, LIFE.oneYear(sex, age, year), null, new String[0],
                            "lifetable/l.csv", 2L, "x", "r"));
                    life.add(RowFactory.create(year, sex, age, age, NORTH.oneYear(sex, age, year), "North", new String[0],
                            "lifetable/north.csv", 2L, "x", "r"));
                }
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.LIFETABLE), life);
        result = new SurvivalJob(spark, catalog).run(new SurvivalJob.Options("surv-1",
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")),
                IcssWeights.read(Path.of("conf/icss.csv")), 5, 10, new int[] {1, 5, 10}, 89, 0.95, 3, 30, true, true,
                List.of(), null, IntervalTransform.LOG));
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
                        + "AND sex = 'both' AND region = 'national' AND stage = 'all' AND approach = 'cohort' "
                        + "AND period = '2014-2018' AND age_group = 'all' "
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
            double entry = Math.max(0, FollowUpTime.years(diagnosis, windowStart));
            double exit = FollowUpTime.years(diagnosis, (LocalDate) p[4]);
            if (exit > entry && entry < 10) {
                add(direct, p, entry);
            }
        }
        Row r = spark.sql("SELECT survival FROM " + DB + ".survival WHERE site = 'colon' AND sex = 'both' AND region = 'national' "
                + "AND stage = 'all' AND approach = 'period' "
                + "AND period = '2019-2023' AND age_group = 'all' AND horizon_years = 5 AND estimator = 'pohar_perme'").head();
        assertThat(r.getDouble(0)).isCloseTo(direct.at(5, 0.95).poharPerme().survival(), within(1e-9));
        long quality = spark.sql("SELECT sum(patients) FROM " + DB + ".survival_quality WHERE site = 'colon' AND sex = 'both'")
                .head().getLong(0);
        assertThat(quality).as("every first tumour counted once, included or excluded").isEqualTo(patients.size());
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".survival_curve WHERE site = 'colon' AND sex = 'both' "
                + "AND region = 'national' AND stage = 'all' AND approach = 'cohort' AND period = '2014-2018' "
                + "AND estimator = 'pohar_perme'").head().getLong(0)).isEqualTo(120);
    }

    @Test
    void regionAndStageEstimatesEqualTheKernelOnTheirPatients() {
        for (String[] breakdown : new String[][] {{"North", "all"}, {"South", "all"}, {"national", "distant"},
                {"national", "unknown"}}) {
            NetSurvival direct = NetSurvival.monthly(10);
            for (Object[] p : patients) {
                LocalDate diagnosis = (LocalDate) p[2];
                boolean inRegion = breakdown[0].equals("national") || breakdown[0].equals(p[5]);
                boolean inStage = breakdown[1].equals("all") || breakdown[1].equals(p[6] == null ? "unknown" : p[6]);
                if (inRegion && inStage && diagnosis.getYear() <= 2018) {
                    add(direct, p, 0);
                }
            }
            NetSurvival.Estimate e = direct.at(5, 0.95);
            Row r = spark.sql("SELECT patients, survival, se FROM " + DB + ".survival WHERE site = 'colon' AND sex = 'both' "
                    + "AND region = '" + breakdown[0] + "' AND stage = '" + breakdown[1] + "' AND approach = 'cohort' "
                    + "AND period = '2014-2018' AND age_group = 'all' AND horizon_years = 5 AND estimator = 'pohar_perme'").head();
            assertThat(r.getLong(0)).as(String.join("/", breakdown)).isEqualTo(e.patients()).isPositive();
            assertThat(r.getDouble(1)).as(String.join("/", breakdown)).isCloseTo(e.poharPerme().survival(), within(1e-9));
            assertThat(r.getDouble(2)).isCloseTo(e.poharPerme().standardError(), within(1e-9));
        }
    }

    @Test
    void theRegionalLifeTableIsUsedForItsRegion() {
        NetSurvival withNational = NetSurvival.monthly(10);
        for (Object[] p : patients) {
            if ("North".equals(p[5]) && ((LocalDate) p[2]).getYear() <= 2018) {
                LocalDate diagnosis = (LocalDate) p[2];
                withNational.add(0, FollowUpTime.years(diagnosis, (LocalDate) p[4]), (Boolean) p[3],
                        (Integer) p[0], FollowUpTime.years((LocalDate) p[1], diagnosis),
                        FollowUpTime.calendarYear(diagnosis), LIFE);
            }
        }
        double published = spark.sql("SELECT survival FROM " + DB + ".survival WHERE site = 'colon' AND sex = 'both' "
                + "AND region = 'North' AND stage = 'all' AND approach = 'cohort' AND period = '2014-2018' "
                + "AND age_group = 'all' AND horizon_years = 5 AND estimator = 'pohar_perme'").head().getDouble(0);
        assertThat(published).as("higher expected mortality in North raises its net survival")
                .isGreaterThan(withNational.at(5, 0.95).poharPerme().survival() + 0.005);
    }

    @Test
    void followUpConflictsWithTheDeathRegisterAreCountedAndPublished() {
        assertThat(conflicts).hasSize(3);
        for (String kind : VitalStatusCheck.KINDS) {
            assertThat(result.vitalConflicts().get(kind)).as(kind).isEqualTo(conflicts.get(kind));
        }
        // In data_quality: followup rows, colon, both sexes, all diagnosis years 2014-2023 are two 5-year periods.
        Row r = spark.sql("SELECT sum(records), sum(records * vital_conflict_pct) / 100 FROM " + DB + ".data_quality "
                + "WHERE extract = 'followup' AND site = 'colon' AND sex = 'both' AND period_type = 'period'").head();
        long total = conflicts.values().stream().mapToLong(Long::longValue).sum();
        assertThat(r.getLong(0)).isEqualTo(patients.size());
        assertThat(r.getDouble(1)).isCloseTo(total, within(1e-9));
        assertThat(spark.sql("SELECT vital_conflict_pct FROM " + DB + ".data_quality WHERE extract = 'followup' "
                + "AND site = 'colon' AND sex = 'both' AND period = '2014'").head().getDouble(0))
                .isCloseTo(100.0 * patients.stream().filter(p -> ((LocalDate) p[2]).getYear() == 2014
                        && p[7] != null).count() / patients.stream().filter(p -> ((LocalDate) p[2]).getYear() == 2014).count(),
                        within(1e-9));
    }

    @Test
    void aLifeTableGapIsAnErrorNamingTheMissingCells() {
        RegistryCatalog catalog = new RegistryCatalog(spark, "survival_gap");
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), spark.table(DB + ".incidence").collectAsList());
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.FOLLOWUP), spark.table(DB + ".followup").collectAsList());
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.MORTALITY), spark.table(DB + ".mortality").collectAsList());
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.LIFETABLE), spark.table(DB + ".lifetable")
                .where("NOT (year = 2017 AND sex = 2 AND age_lower = 63)").collectAsList());
        assertThatThrownBy(() -> new SurvivalJob(spark, catalog).run(new SurvivalJob.Options("gap",
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")),
                IcssWeights.read(Path.of("conf/icss.csv")), 5, 10, new int[] {1, 5, 10}, 89, 0.95, 3, 30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the national life table lacks 1 cell(s)").hasMessageContaining("year=2017 sex=2 age=63");
    }

    private static void add(NetSurvival s, Object[] p, double entry) {
        LocalDate birth = (LocalDate) p[1];
        LocalDate diagnosis = (LocalDate) p[2];
        double exit = FollowUpTime.years(diagnosis, (LocalDate) p[4]);
        s.add(entry, exit, (Boolean) p[3], (Integer) p[0], FollowUpTime.years(birth, diagnosis),
                FollowUpTime.calendarYear(diagnosis), "North".equals(p[5]) ? NORTH : LIFE);
    }
}
