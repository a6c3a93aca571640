package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.generate.EducationModel;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.core.stats.InequalityIndices;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.tables.RegistryCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The comparisons end to end on the generator's registry (150,000 persons, 2014-2023, three regions) with a 30% lung
 * cancer excess planted in "Vest" and the generator's planted education gradient of lung cancer (1, 1.35, 1.8 for
 * high, medium and low education): ingest, rates, comparisons. Vest must be flagged for lung and not for the other
 * large sites, and the RII of lung cancer must cover the planted gradient's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonsGeneratedTest {

    private static final String DB = "comparisons_generated";
    private final SparkSession spark = SharedSpark.get();

    @BeforeAll
    void generateIngestCompare() throws IOException {
        Path landing = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "comparisons-landing-");
        SyntheticRegistry.write(new GeneratorOptions(landing, 150_000, 2014, 2023, 5, List.of("Nord", "Syd", "Vest"), "Vest"));
        for (String unused : List.of("followup", "comorbidity", "condition_prevalence", "lifetable", "population_projection")) {
            try (var files = Files.walk(landing.resolve(unused))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        IngestJob.Result ingest = new IngestJob(spark, SharedSpark.settings(DB), PseudonymKey.resolve(null, Map.of(), true), catalog)
                .run(new IngestJob.Options(LandingFolder.scan(spark.sparkContext().hadoopConfiguration(), landing.toString()), "t"));
        assertThat(ingest.anyRejected()).as(ingest.files().toString()).isFalse();
        new RatesJob(spark, catalog).run(RatesJobTest.options("t"));
        new ComparisonsJob(spark, catalog).run(new ComparisonsJob.Options("t", 0.95, 5, 0.1));
    }

    @Test
    void thePlantedRegionIsFlaggedForLungAndNotForOtherLargeSites() {
        List<Row> vest = spark.sql("SELECT site, outside_998, ratio FROM " + DB + ".regional_ratios WHERE measure = 'incidence' "
                + "AND region = 'Vest' AND sex = 'both' AND whole_span AND site IN ('lung', 'colon', 'breast', 'prostate')")
                .collectAsList();
        assertThat(vest).hasSize(4);
        for (Row r : vest) {
            assertThat(r.getBoolean(1)).as("%s ratio %s", r.getString(0), r.get(2)).isEqualTo(r.getString(0).equals("lung"));
        }
    }

    @Test
    void theLungRiiCoversThePlantedGradient() {
        List<Row> rows = spark.sql("SELECT i.rii, i.rii_lower, i.rii_upper, h.person_years, m.person_years, l.person_years, "
                + "i.unknown_education_flag FROM " + DB + ".inequality i "
                + "JOIN " + DB + ".incidence_rates h USING (site, sex, period, standard) "
                + "JOIN " + DB + ".incidence_rates m USING (site, sex, period, standard) "
                + "JOIN " + DB + ".incidence_rates l USING (site, sex, period, standard) "
                + "WHERE i.measure = 'incidence' AND site = 'lung' AND sex = 'both' AND standard = 'world_segi_1960' "
                + "AND h.education = 'high' AND m.education = 'medium' AND l.education = 'low' "
                + "AND h.region = 'national' AND m.region = 'national' AND l.region = 'national' "
                + "AND h.age_range = 'all' AND m.age_range = 'all' AND l.age_range = 'all' "
                + "AND h.period_type = 'period' AND m.period_type = 'period' AND l.period_type = 'period'").collectAsList();
        assertThat(rows).hasSize(2); // 2014-2018, 2019-2023
        for (Row r : rows) {
            double total = r.getDouble(3) + r.getDouble(4) + r.getDouble(5);
            List<InequalityIndices.Level> planted = new ArrayList<>();
            for (int level = 0; level < 3; level++) {
                planted.add(new InequalityIndices.Level(EducationModel.LUNG_EDUCATION_FACTOR.get(level), 0,
                        r.getDouble(3 + level) / total));
            }
            double rii = InequalityIndices.of(planted, 0.95).rii();
            assertThat(rii).as("planted RII").isBetween(r.getDouble(1), r.getDouble(2));
            assertThat(r.getDouble(0)).isGreaterThan(1.3);
            assertThat(r.getBoolean(6)).as("5% unknown, below the 10% limit").isFalse();
        }
    }
}
