package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.stats.Prevalence;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Prevalence end to end on hand-built tables, compared with the kernel run directly on the same persons. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrevalenceJobTest {

    private static final String DB = "prevalence_e2e";
    private final SparkSession spark = SharedSpark.get();

    // person, tumour, ICD-10, diagnosis; p1 has colon cancer twice.
    private static final String[][] TUMOURS = {
            {"p1", "t1", "C187", "2015-03-01"}, {"p1", "t2", "C182", "2018-05-01"},
            {"p2", "t3", "C349", "2019-02-01"}, {"p3", "t4", "C509", "2022-07-01"}};
    // person, vital status, end of follow-up
    private static final String[][] FOLLOWUP = {{"p1", "1", "2023-12-31"}, {"p2", "2", "2021-06-01"}, {"p3", "3", "2023-03-01"}};

    @BeforeAll
    void buildAndRun() {
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> tumours = new ArrayList<>();
        for (int i = 0; i < TUMOURS.length; i++) {
            String[] t = TUMOURS[i];
            tumours.add(RowFactory.create(t[0], t[1], 2, Date.valueOf("1950-01-01"), Date.valueOf(t[3]), t[2], 8140, 3, 7, "Solo",
                    null, null, null, null, null, new String[0], "incidence/i.csv", (long) i + 2, "x", "r"));
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), tumours);
        List<Row> followup = new ArrayList<>();
        for (String[] f : FOLLOWUP) {
            followup.add(RowFactory.create(f[0], Integer.valueOf(f[1]), Date.valueOf(f[2]), new String[0], "followup/f.csv", 2L, "x", "r"));
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.FOLLOWUP), followup);
        List<Row> population = new ArrayList<>();
        for (int year = 2014; year <= 2023; year++) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int age = 0; age <= 100; age++) {
                    population.add(RowFactory.create(year, sex, age, age == 100 ? null : age, "Solo", 1000.0, null,
                            new String[0], "population/p.csv", 2L, "x", "r"));
                }
            }
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.POPULATION), population);
        new PrevalenceJob(spark, catalog).run(new PrevalenceJob.Options("prev-1",
                SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")),
                StandardPopulation.read(Path.of("conf/standards/world_segi_1960.csv")), MonthDay.of(12, 31), 10, 2010, 60));
    }

    @Test
    void aPatientDiagnosedTwiceWithTheSameSiteCountsOnceFromTheFirstDiagnosis() {
        assertThat(persons(2023, "colon", "complete")).isEqualTo(1);
        assertThat(persons(2023, "colon", "10")).isEqualTo(1);
        assertThat(persons(2023, "colon", "5")).as("first colon diagnosis 2015 is more than 5 years back").isZero();
        assertThat(persons(2018, "colon", "5")).isEqualTo(1);
        assertThat(persons(2023, "colorectal", "complete")).isEqualTo(1);
        assertThat(persons(2023, "all_sites", "complete")).as("p1 once; p2 died; p3 emigrated").isEqualTo(1);
    }

    @Test
    void sparkAgreesWithTheKernelOnEveryIndexDateSiteAndDuration() {
        String[] durations = {"1", "3", "5", "10", "complete"};
        for (int year = 2014; year <= 2023; year++) {
            LocalDate index = LocalDate.of(year, 12, 31);
            for (String site : List.of("colon", "lung", "breast", "all_sites")) {
                for (String duration : durations) {
                    int years = duration.equals("complete") ? Prevalence.COMPLETE : Integer.parseInt(duration);
                    long expected = kernelCount(site, index, years);
                    assertThat(persons(year, site, duration)).as("%s %s %s", year, site, duration).isEqualTo(expected);
                }
            }
        }
        Row all = spark.sql("SELECT per_100k, population, coverage_complete FROM " + DB + ".prevalence WHERE year = 2023 "
                + "AND site = 'all_sites' AND duration = '10' AND sex = 'female' AND region = 'Solo' AND age_group = 'all'").head();
        assertThat(all.getDouble(1)).isEqualTo(101_000.0);
        assertThat(all.getDouble(0)).isEqualTo(1 / 101_000.0 * 100_000);
        assertThat(all.getBoolean(2)).as("2014-2023 lies inside the registry (from 2010)").isTrue();
    }

    /** The kernel on the raw fixture: first diagnosis per person in the site. */
    private static long kernelCount(String site, LocalDate index, int years) {
        java.util.Map<String, LocalDate> first = new java.util.HashMap<>();
        SiteCatalogue sites = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));
        for (String[] t : TUMOURS) {
            if (sites.sitesFor(t[2], 8140).contains(site)) {
                first.merge(t[0], LocalDate.parse(t[3]), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        long count = 0;
        for (String[] f : FOLLOWUP) {
            LocalDate diagnosis = first.get(f[0]);
            if (diagnosis != null && Prevalence.prevalent(diagnosis, LocalDate.parse(f[2]), f[1].equals("1"), index, years)) {
                count++;
            }
        }
        return count;
    }

    private java.util.Map<String, Long> national;

    /** National, both sexes, all ages; read once. */
    private long persons(int year, String site, String duration) {
        if (national == null) {
            national = new java.util.HashMap<>();
            for (Row r : spark.sql("SELECT year, site, duration, persons FROM " + DB + ".prevalence WHERE sex = 'both' "
                    + "AND region = 'national' AND age_group = 'all'").collectAsList()) {
                national.put(r.getInt(0) + "/" + r.getString(1) + "/" + r.getString(2), r.getLong(3));
            }
        }
        return national.getOrDefault(year + "/" + site + "/" + duration, 0L);
    }
}
