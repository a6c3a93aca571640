package org.cancerstats.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticRegistryTest {

    @Test
    void sameSeedGivesIdenticalFiles(@TempDir Path dir) throws IOException {
        SyntheticRegistry.write(options(dir.resolve("a"), 7));
        SyntheticRegistry.write(options(dir.resolve("b"), 7));
        for (String extract : List.of("incidence", "population", "followup", "comorbidity", "lifetable")) {
            assertThat(Files.readAllBytes(dir.resolve("a/" + extract + "/" + extract + ".csv")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("b/" + extract + "/" + extract + ".csv")));
        }
    }

    @Test
    void looksLikeARegistry(@TempDir Path dir) throws IOException {
        SyntheticRegistry.Counts counts = SyntheticRegistry.write(new GeneratorOptions(dir, 100_000, 2010, 2019, 3,
                GeneratorOptions.DEFAULT_REGIONS));
        // Denmark 2014: 42,582 cases in 5.6 million, about 760 per 100,000 (SPEC.md section 4).
        double crudePer100k = counts.tumours() / 10.0 / 100_000 * 1e5;
        assertThat(crudePer100k).isBetween(500.0, 1000.0);
        assertThat(counts.lifetable()).isEqualTo(10 * 2 * 101);
        assertThat(counts.population()).as("by education: high, medium, low, unknown").isEqualTo(10 * 2 * 101 * 5 * 4);
        List<String> population = Files.readAllLines(dir.resolve("population/population.csv"));
        assertThat(population.get(0)).endsWith(",population,education");
        assertThat(population.stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).distinct())
                .containsExactlyInAnyOrder("high", "medium", "low", "unknown");

        Map<String, Integer> bySite = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("incidence/incidence.csv")).subList(1, (int) counts.tumours() + 1)) {
            bySite.merge(line.split(",")[5].substring(0, 3), 1, Integer::sum);
        }
        // Prostate, breast, colon, lung and melanoma among the most common (Norway 2022, SPEC.md section 4).
        List<String> top = bySite.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(7).map(Map.Entry::getKey).toList();
        assertThat(top).contains("C61", "C50", "C18", "C34", "C43");

        // Every tumour's patient has exactly one follow-up row.
        Set<String> patients = new HashSet<>();
        Files.readAllLines(dir.resolve("incidence/incidence.csv")).stream().skip(1).forEach(l -> patients.add(l.split(",")[0]));
        assertThat(Files.readAllLines(dir.resolve("followup/followup.csv"))).hasSize(patients.size() + 1);
    }

    @Test
    void cohortIsOneColonTumourPerPatientNoneExcludedBySurvival(@TempDir Path dir) throws IOException {
        SyntheticRegistry.Counts counts = SyntheticRegistry.writeCohort(new GeneratorOptions(dir, 100, 2009, 2023, 5,
                GeneratorOptions.DEFAULT_REGIONS), 5_000);
        assertThat(counts.patients()).isEqualTo(5_000);
        assertThat(counts.tumours()).isEqualTo(5_000);
        List<String> tumours = Files.readAllLines(dir.resolve("incidence/incidence.csv"));
        assertThat(tumours).hasSize(5_001);
        Set<String> patients = new HashSet<>();
        for (String line : tumours.subList(1, tumours.size())) {
            String[] f = line.split(",");
            assertThat(patients.add(f[0])).as("one tumour per patient: %s", line).isTrue();
            assertThat(f[5]).as("colon").startsWith("C18");
            assertThat(f[8]).as("microscopically verified").isEqualTo("7");
            assertThat(Integer.parseInt(f[11])).as("age at diagnosis, within survival.max-age").isBetween(30, 89);
            assertThat(f[4].substring(0, 4)).isBetween("2009", "2023");
            assertThat(f[13]).as("no autopsy").isEqualTo("0");
        }
        List<String> followup = Files.readAllLines(dir.resolve("followup/followup.csv"));
        assertThat(followup).hasSize(5_001);
        assertThat(followup.stream().skip(1).map(l -> l.split(",")[1])).as("alive, dead or emigrated; never unknown")
                .allMatch(v -> v.equals("1") || v.equals("2") || v.equals("3"));
        long dead = followup.stream().skip(1).filter(l -> l.split(",")[1].equals("2")).count();
        assertThat(dead).isEqualTo(counts.deaths()).isBetween(1_000L, 4_000L);
        assertThat(Files.readAllLines(dir.resolve("mortality/mortality.csv"))).hasSize((int) dead + 1);
        assertThat(counts.lifetable()).isEqualTo(15 * 2 * 101);
    }

    @Test
    void educationSplitsWholePersonsByTheLargestRemainder() {
        assertThat(EducationModel.split(1970, 25)).containsExactly(8, 9, 7, 1); // 7.5, 9.5, 6.75, 1.25
        assertThat(EducationModel.split(1930, 1000)).containsExactly(100, 380, 470, 50);
        assertThat(EducationModel.split(1930, 0)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void lifeTableModelIsPlausible() {
        assertThat(LifeTableModel.deathProbability(60, 1, 2000)).isBetween(0.008, 0.015);
        assertThat(LifeTableModel.deathProbability(80, 1, 2000)).isBetween(0.04, 0.09);
        assertThat(LifeTableModel.deathProbability(80, 2, 2000)).isLessThan(LifeTableModel.deathProbability(80, 1, 2000));
        assertThat(LifeTableModel.deathProbability(80, 1, 2020)).isLessThan(LifeTableModel.deathProbability(80, 1, 2000));
    }

    private static GeneratorOptions options(Path out, long seed) {
        return new GeneratorOptions(out, 5_000, 2015, 2018, seed, GeneratorOptions.DEFAULT_REGIONS);
    }
}
