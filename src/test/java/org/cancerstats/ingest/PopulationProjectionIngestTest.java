package org.cancerstats.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The population projection is validated and loaded like the population: years after the run date are its point,
 * every scenario must cover every age and sex (V20), a negative count (V09) leaves a hole that rejects the file, a
 * rerun changes nothing.
 */
class PopulationProjectionIngestTest {

    private static final String DB = "projection_deliveries";

    private static List<String> lines(boolean hole, boolean negative) {
        List<String> lines = new ArrayList<>(List.of("year,sex,age,region,population,scenario"));
        for (String scenario : new String[] {"main", "high"}) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int age = 0; age <= 100; age++) {
                    if (hole && scenario.equals("high") && sex == 2 && age == 50) {
                        continue;
                    }
                    String count = negative && scenario.equals("main") && sex == 1 && age == 7 ? "-5" : "1000";
                    lines.add("2035," + sex + "," + (age == 100 ? "100+" : age) + ",Nord," + count + "," + scenario);
                }
            }
        }
        return lines;
    }

    @Test
    void aScenarioWithAHoleIsRejectedAndANegativeCountQuarantined(@TempDir Path dir) throws IOException {
        Path holes = IngestDeliveryTest.write(dir, "population_projection", "holes.csv", StandardCharsets.UTF_8,
                lines(true, false).toArray(String[]::new));
        FileReport rejected = IngestFixtures.ingest(SharedSpark.settings(DB),
                List.of(IngestDeliveryTest.landing(Extract.POPULATION_PROJECTION, holes))).files().get(0);
        assertThat(rejected.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(rejected.message()).contains("V20").contains("year=2035 region=Nord scenario=high sex=2 age=50");

        Path file = IngestDeliveryTest.write(dir, "population_projection", "projection.csv", StandardCharsets.UTF_8,
                lines(false, false).toArray(String[]::new));
        FileReport loaded = IngestFixtures.ingest(SharedSpark.settings(DB),
                List.of(IngestDeliveryTest.landing(Extract.POPULATION_PROJECTION, file))).files().get(0);
        assertThat(loaded.status()).as("years after the run date are a projection's point").isEqualTo(FileReport.Status.LOADED);
        assertThat(loaded.read()).isEqualTo(2 * 2 * 101);
        assertThat(loaded.accepted()).isEqualTo(loaded.read());
        assertThat(SharedSpark.get().sql("SELECT count(DISTINCT scenario) FROM " + DB + ".population_projection").head().getLong(0))
                .isEqualTo(2);
        FileReport again = IngestFixtures.ingest(SharedSpark.settings(DB),
                List.of(IngestDeliveryTest.landing(Extract.POPULATION_PROJECTION, file))).files().get(0);
        assertThat(again.status()).isEqualTo(FileReport.Status.UNCHANGED);

        // A negative count is a V09 row; quarantined, it leaves a hole, and the hole rejects the file, naming the cell.
        Path negative = IngestDeliveryTest.write(dir, "population_projection", "negative.csv", StandardCharsets.UTF_8,
                lines(false, true).toArray(String[]::new));
        FileReport refused = IngestFixtures.ingest(SharedSpark.settings(DB),
                List.of(IngestDeliveryTest.landing(Extract.POPULATION_PROJECTION, negative))).files().get(0);
        assertThat(refused.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(refused.message()).contains("V20").contains("year=2035 region=Nord scenario=main sex=1 age=7");
    }
}
