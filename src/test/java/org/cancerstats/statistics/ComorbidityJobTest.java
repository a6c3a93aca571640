package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.GeneratedRegistry;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.validate.Icd10;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Comorbidity on the generated registry, checked against counts made here from its CSV files, without Spark. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComorbidityJobTest {

    private final SparkSession spark = SharedSpark.get();
    private final SiteCatalogue sites = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));
    private Map<String, Patient> firstLung;
    private Map<String, Patient> firstHeadline;
    private Map<String, List<String[]>> conditions;

    /** A first tumour in a site: raw person id, sex, birth and diagnosis dates. */
    record Patient(int sex, LocalDate birth, LocalDate diagnosis, String tumour) {
        int age() {
            return (int) ChronoUnit.YEARS.between(birth, diagnosis);
        }
    }

    @BeforeAll
    void computeAndReadTheFiles() throws IOException {
        Path landing = GeneratedRegistry.landing();
        new ComorbidityJob(spark, GeneratedRegistry.catalog()).run(new ComorbidityJob.Options("comorbidity-1", sites,
                StandardPopulation.read(Path.of("conf/standards/europe_2013.csv")), null, 5, 0.95));
        firstLung = firstTumours(landing, "lung");
        firstHeadline = firstTumours(landing, "all_but_nmsc");
        conditions = new HashMap<>();
        for (String line : data(landing.resolve("comorbidity/comorbidity.csv"))) {
            String[] f = line.split(",");
            conditions.computeIfAbsent(f[0], k -> new java.util.ArrayList<>()).add(f);
        }
    }

    @Test
    void sharesWithOneAndTwoOrMoreConditionsMatchACountFromTheFiles() {
        String[] groups = {"0-44", "45-59", "60-74", "75+"};
        long[][] expected = new long[4][3];
        for (Map.Entry<String, Patient> e : firstHeadline.entrySet()) {
            if (e.getValue().diagnosis().getYear() != 2021) {
                continue;
            }
            int age = e.getValue().age();
            int g = age < 45 ? 0 : age < 60 ? 1 : age < 75 ? 2 : 3;
            long n = conditionsAt(e.getKey(), e.getValue().diagnosis()).size();
            expected[g][0]++;
            expected[g][1] += n >= 1 ? 1 : 0;
            expected[g][2] += n >= 2 ? 1 : 0;
        }
        for (int g = 0; g < 4; g++) {
            Row row = spark.sql("SELECT patients, with_1plus, with_2plus, pct_1plus FROM generated.comorbidity_at_diagnosis "
                    + "WHERE year = 2021 AND site = 'all_but_nmsc' AND sex = 'both' AND age_group = '" + groups[g] + "'").head();
            assertThat(new long[] {row.getLong(0), row.getLong(1), row.getLong(2)}).as(groups[g]).containsExactly(expected[g]);
            assertThat(row.getDouble(3)).isCloseTo(100.0 * expected[g][1] / expected[g][0], within(1e-9));
        }
    }

    /** Expected = Σ patients × population prevalence by year, sex and 5-year age group (SPEC.md section 4). */
    @Test
    void copdAmongLungPatientsObservedAndExpectedMatchTheFiles() throws IOException {
        Path landing = GeneratedRegistry.landing();
        Map<String, Double> population = new HashMap<>();
        for (String line : data(landing.resolve("population/population.csv"))) {
            String[] f = line.split(",");
            int age = Integer.parseInt(f[2].replace("+", ""));
            population.merge(f[0] + "/" + f[1] + "/" + Math.min(age / 5, 17), Double.parseDouble(f[4]), Double::sum);
        }
        Map<String, Double> copd = new HashMap<>();
        for (String line : data(landing.resolve("condition_prevalence/condition_prevalence.csv"))) {
            String[] f = line.split(",");
            if (f[4].equals("copd")) {
                int lower = Integer.parseInt(f[2].split("[-+]")[0]);
                copd.merge(f[0] + "/" + f[1] + "/" + Math.min(lower / 5, 17), Double.parseDouble(f[5]), Double::sum);
            }
        }
        long observed = 0;
        double expected = 0;
        for (Map.Entry<String, Patient> e : firstLung.entrySet()) {
            Patient p = e.getValue();
            String stratum = p.diagnosis().getYear() + "/" + p.sex() + "/" + Math.min(p.age() / 5, 17);
            expected += copd.get(stratum) / population.get(stratum);
            observed += conditionsAt(e.getKey(), p.diagnosis()).contains("copd") ? 1 : 0;
        }
        Row row = spark.sql("SELECT observed, expected, ratio, ratio_lower, patients FROM generated.comorbidity_prevalence_ratios "
                + "WHERE condition = 'copd' AND site = 'lung' AND sex = 'both' AND period = '2019-2023'").head();
        assertThat(row.getLong(4)).isEqualTo(firstLung.size());
        assertThat(row.getLong(0)).isEqualTo(observed);
        assertThat(row.getDouble(1)).isCloseTo(expected, within(1e-9));
        assertThat(row.getDouble(2)).isCloseTo(observed / expected, within(1e-9));
        assertThat(row.getDouble(2)).as("the generator makes COPD 2.5 times as common with lung cancer").isGreaterThan(1.3);
        assertThat(row.getDouble(3)).isGreaterThan(1.0);
    }

    private List<String> conditionsAt(String person, LocalDate diagnosis) {
        return conditions.getOrDefault(person, List.of()).stream()
                .filter(c -> !LocalDate.parse(c[2]).isAfter(diagnosis)).map(c -> c[1]).distinct().toList();
    }

    /** First tumour per raw person id among the tumours the catalogue puts in {@code site}; ties by tumour id. */
    private Map<String, Patient> firstTumours(Path landing, String site) throws IOException {
        Map<String, Patient> first = new HashMap<>();
        for (String line : data(landing.resolve("incidence/incidence.csv"))) {
            String[] f = line.split(",");
            if (!sites.sitesFor(Icd10.normalise(f[5]), Integer.valueOf(f[6])).contains(site)) {
                continue;
            }
            Patient p = new Patient(Integer.parseInt(f[2]), LocalDate.parse(f[3]), LocalDate.parse(f[4]), f[1]);
            first.merge(f[0], p, (a, b) -> a.diagnosis().isBefore(b.diagnosis())
                    || a.diagnosis().equals(b.diagnosis()) && a.tumour().compareTo(b.tumour()) < 0 ? a : b);
        }
        return first;
    }

    private static List<String> data(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size());
    }
}
