package org.cancerstats.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bad-rows files of sample-data/bad-rows break every row rule; sample-data/bad-rows/expected-outcome.csv
 * lists exactly which line breaks which rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestBadRowsTest {

    private static final String DB = "bad_rows";
    private final Settings settings = SharedSpark.settings(DB);
    private SparkSession spark;
    private IngestJob.Result first;

    @BeforeAll
    void ingestBadRows() {
        spark = SharedSpark.get();
        first = IngestFixtures.ingest(settings, LandingFolder.scan(spark.sparkContext().hadoopConfiguration(),
                Path.of("sample-data/bad-rows").toAbsolutePath().toString()));
    }

    @Test
    void quarantineHoldsExactlyTheExpectedLinesAndCodes() throws IOException {
        Set<String> expected = expected("quarantine");
        Set<String> actual = spark.table(DB + ".quarantine").collectAsList().stream()
                .map(r -> r.getAs("source_file") + "," + r.getAs("source_line") + ","
                        + String.join("|", r.<String>getList(r.fieldIndex("rule_codes"))))
                .collect(Collectors.toSet());
        assertThat(actual).isEqualTo(expected);
        // Rule V01..V18 each appear at least once (V19 and V20 are whole-file rules: IngestDeliveryTest).
        Set<String> codes = actual.stream().flatMap(a -> List.of(a.split(",")[2].split("\\|")).stream()).collect(Collectors.toSet());
        assertThat(codes).containsAll(List.of("V01", "V02", "V03", "V04", "V05", "V06", "V07", "V08", "V09", "V10", "V11",
                "V12", "V14", "V15", "V16", "V17", "V18"));
    }

    @Test
    void warnedRowsAreKeptWithTheirCodes() throws IOException {
        Set<String> actual = new HashSet<>();
        for (String extract : List.of("incidence", "mortality", "followup", "comorbidity", "population", "lifetable",
                "condition_prevalence")) {
            for (Row r : spark.table(DB + "." + extract).where("size(warning_codes) > 0").collectAsList()) {
                actual.add(r.getAs("source_file") + "," + r.getAs("source_line") + ","
                        + String.join("|", r.<String>getList(r.fieldIndex("warning_codes"))));
            }
        }
        assertThat(actual).isEqualTo(expected("warning"));
    }

    @Test
    void everyFileReconciles() {
        assertThat(first.files()).hasSize(7).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FileReport.Status.LOADED);
            assertThat(f.read()).isEqualTo(f.accepted() + f.quarantined());
        });
        Map<String, long[]> counts = first.files().stream().collect(Collectors.toMap(f -> f.extract().tableName(),
                f -> new long[] {f.read(), f.accepted(), f.quarantined()}));
        assertThat(counts.get("incidence")).containsExactly(24, 4, 20);
        assertThat(counts.get("population")).containsExactly(208, 202, 6);
        assertThat(counts.get("lifetable")).containsExactly(203, 200, 3);
        assertThat(counts.get("followup")).containsExactly(5, 1, 4);
        assertThat(spark.table(DB + ".incidence").count()).isEqualTo(4);
        Row ledger = spark.sql("SELECT sum(rows_read), sum(rows_accepted), sum(rows_quarantined) FROM " + DB + ".ingested_files").head();
        assertThat(ledger.getLong(0)).isEqualTo(ledger.getLong(1) + ledger.getLong(2));
        assertThat(ledger.getLong(2)).isEqualTo(spark.table(DB + ".quarantine").count());
    }

    @Test
    void noRawPersonIdInAnyTable() {
        Pattern rawId = Pattern.compile("B00\\d\\d");
        List<String> text = IngestFixtures.allText(DB);
        assertThat(text).hasSizeGreaterThan(400);
        assertThat(text).noneMatch(t -> rawId.matcher(t).find());
        // The pseudonym is there instead, in the quarantined raw record too.
        assertThat(spark.sql("SELECT raw_record FROM " + DB + ".quarantine WHERE source_file = 'mortality/bad_mortality.csv' "
                + "AND source_line = 3").head().getString(0)).matches("[0-9a-f]{64},1,1990-01-01,1980-01-01,I21.9,Sjælland,");
    }

    @Test
    void ingestingTheSameFilesAgainChangesNothing() {
        String[] tables = {"incidence", "mortality", "followup", "comorbidity", "population", "lifetable",
                "condition_prevalence", "quarantine", "ingested_files"};
        Map<String, Long> before = IngestFixtures.versions(DB, tables);
        IngestJob.Result again = IngestFixtures.ingest(settings, LandingFolder.scan(spark.sparkContext().hadoopConfiguration(),
                Path.of("sample-data/bad-rows").toAbsolutePath().toString()));
        assertThat(again.files()).allSatisfy(f -> assertThat(f.status()).isEqualTo(FileReport.Status.UNCHANGED));
        assertThat(again.wroteRows()).isFalse();
        assertThat(IngestFixtures.versions(DB, tables)).isEqualTo(before);
    }

    private static Set<String> expected(String outcome) throws IOException {
        return Files.readAllLines(Path.of("sample-data/bad-rows/expected-outcome.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("source_file"))
                .map(l -> l.split(","))
                .filter(f -> f[2].equals(outcome))
                .map(f -> f[0] + "," + f[1] + "," + f[3])
                .collect(Collectors.toSet());
    }
}
