package org.cancerstats.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.SharedSpark;
import org.cancerstats.config.Settings;
import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How files arrive: encodings, formats, broken files, corrected re-deliveries. */
class IngestDeliveryTest {

    private static final String DB = "deliveries";
    private final SparkSession spark = SharedSpark.get();

    @Test
    void latin1SemicolonFileWithDanishDatesLoadsWithItsLetters(@TempDir Path dir) throws IOException {
        Settings settings = SharedSpark.settings(DB, Map.of(
                "cancerstats.extracts.incidence.csv.encoding", "ISO-8859-1",
                "cancerstats.extracts.incidence.csv.date-pattern", "dd.MM.yyyy"));
        Path file = write(dir, "incidence", "latin1.csv", Charset.forName("ISO-8859-1"),
                "patient_id;tumour_id;sex;date_of_birth;date_of_diagnosis;icd10;morphology;behaviour;basis_of_diagnosis;region",
                "L001;LT1;2;01.03.1950;10.06.2015;C50.9;8500;3;7;Ærø",
                "L002;LT2;1;15.01.1940;01.02.2016;C61;8140;3;7;Sønderjylland",
                "L003;LT3;1;15.01.1940;01.02.2016;C61;8140;3;7;Århus");
        assertThat(Files.readAllBytes(file)).as("really Latin-1: one byte per letter").contains((byte) 0xC6);
        IngestJob.Result result = IngestFixtures.ingest(settings, List.of(landing(Extract.INCIDENCE, file)));
        assertThat(result.files().get(0).accepted()).isEqualTo(3);
        List<String> regions = spark.sql("SELECT region FROM " + DB + ".incidence WHERE tumour_id LIKE 'LT%' ORDER BY tumour_id")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        assertThat(regions).containsExactly("Ærø", "Sønderjylland", "Århus");
        assertThat(spark.sql("SELECT date_of_birth FROM " + DB + ".incidence WHERE tumour_id = 'LT1'").head().getDate(0))
                .hasToString("1950-03-01");
    }

    @Test
    void fileMissingARequiredColumnIsRejectedWholeNamingFileAndColumn(@TempDir Path dir) throws IOException {
        Path file = write(dir, "followup", "no_status.csv", StandardCharsets.UTF_8,
                "patient_id,end_of_followup", "M001,2020-01-01", "M002,2021-01-01");
        IngestJob.Result result = IngestFixtures.ingest(SharedSpark.settings(DB), List.of(landing(Extract.FOLLOWUP, file)));
        FileReport report = result.files().get(0);
        assertThat(result.anyRejected()).isTrue();
        assertThat(report.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(report.message()).contains("followup/no_status.csv").contains("vital_status").doesNotContain("M001");
        assertThat(report.read()).as("the lines the file had, not 0").isEqualTo(2);
        assertThat(spark.catalog().tableExists(DB, "followup")
                ? spark.sql("SELECT count(*) FROM " + DB + ".followup WHERE source_file = 'followup/no_status.csv'").head().getLong(0)
                : 0L).isZero();
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".ingested_files WHERE source_file = 'followup/no_status.csv'")
                .head().getLong(0)).isZero();
    }

    /**
     * A correction file overrides a tumour of the main file; re-delivered without that tumour, the row falls back to
     * the main file, which still delivers it, instead of vanishing (it did: 3,510 rows instead of 3,511).
     */
    @Test
    void aRowACorrectionNoLongerDeliversFallsBackToTheFileThatStillDoes(@TempDir Path dir) throws IOException {
        Settings settings = SharedSpark.settings(DB);
        String header = "patient_id,tumour_id,sex,date_of_birth,date_of_diagnosis,icd10,morphology,behaviour,basis_of_diagnosis,region,stage";
        Path main = write(dir, "incidence", "incidence.csv", StandardCharsets.UTF_8, header,
                "F001,FT1,2,1950-03-01,2015-06-10,C50.9,8500,3,7,Nord,localised",
                "F002,FT2,1,1940-01-15,2016-02-01,C61,8140,3,7,Nord,localised",
                "F003,FT3,1,1945-01-15,2017-02-01,C18.7,8140,3,7,Syd,regional");
        Path fix = write(dir, "incidence", "zz_fix.csv", StandardCharsets.UTF_8, header,
                "F002,FT2,1,1940-01-15,2016-02-01,C61,8140,3,7,Nord,distant");
        List<LandingFile> files = List.of(landing(Extract.INCIDENCE, main), landing(Extract.INCIDENCE, fix));
        IngestFixtures.ingest(settings, files);
        assertThat(stageOf("FT2")).isEqualTo("distant|incidence/zz_fix.csv");

        write(dir, "incidence", "zz_fix.csv", StandardCharsets.UTF_8, header,
                "F003,FT3,1,1945-01-15,2017-02-01,C18.7,8140,3,7,Syd,distant");
        IngestJob.Result again = IngestFixtures.ingest(settings, files);
        assertThat(again.files().get(0).status()).isEqualTo(FileReport.Status.UNCHANGED);
        assertThat(again.files().get(1).message()).contains("1 row(s) it no longer delivers kept from incidence/incidence.csv");
        assertThat(stageOf("FT2")).as("back to the main file's row").isEqualTo("localised|incidence/incidence.csv");
        assertThat(stageOf("FT3")).isEqualTo("distant|incidence/zz_fix.csv");
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".incidence WHERE tumour_id LIKE 'FT%'").head().getLong(0)).isEqualTo(3);
    }

    private String stageOf(String tumour) {
        Row r = spark.sql("SELECT stage, source_file FROM " + DB + ".incidence WHERE tumour_id = '" + tumour + "'").head();
        return r.getString(0) + "|" + r.getString(1);
    }

    @Test
    void correctedRedeliveryReplacesTheFilesRowsByKey(@TempDir Path dir) throws IOException {
        Settings settings = SharedSpark.settings(DB);
        Path file = write(dir, "followup", "redelivered.csv", StandardCharsets.UTF_8,
                "patient_id,vital_status,end_of_followup", "R001,1,2020-12-31", "R002,1,2020-12-31", "R003,9,2020-12-31",
                "R004,4,2020-12-31");
        IngestFixtures.ingest(settings, List.of(landing(Extract.FOLLOWUP, file)));
        // The registry corrects R002 (died), withdraws R003, adds R005 and fixes R004's code.
        write(dir, "followup", "redelivered.csv", StandardCharsets.UTF_8,
                "patient_id,vital_status,end_of_followup", "R001,1,2021-12-31", "R002,2,2021-03-04", "R005,1,2021-12-31",
                "R004,3,2021-06-30");
        IngestJob.Result second = IngestFixtures.ingest(settings, List.of(landing(Extract.FOLLOWUP, file)));
        assertThat(second.files().get(0).status()).isEqualTo(FileReport.Status.REPLACED);
        List<String> rows = spark.sql("SELECT vital_status, end_of_followup FROM " + DB + ".followup "
                + "WHERE source_file = 'followup/redelivered.csv' ORDER BY end_of_followup, vital_status").collectAsList()
                .stream().map(r -> r.getInt(0) + " " + r.get(1)).toList();
        assertThat(rows).containsExactly("2 2021-03-04", "3 2021-06-30", "1 2021-12-31", "1 2021-12-31");
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".quarantine WHERE source_file = 'followup/redelivered.csv'")
                .head().getLong(0)).as("the first delivery's quarantined R004 row is gone").isZero();
        assertThat(spark.sql("SELECT count(*) FROM " + DB + ".ingested_files WHERE source_file = 'followup/redelivered.csv'")
                .head().getLong(0)).as("both loads in the ledger").isEqualTo(2);
    }

    @Test
    void parquetDeliveryIsValidatedLikeCsv(@TempDir Path dir) {
        StructType schema = new StructType()
                .add("year", DataTypes.IntegerType).add("sex", DataTypes.IntegerType).add("age", DataTypes.StringType)
                .add("region", DataTypes.StringType).add("population", DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        for (int sex = 1; sex <= 2; sex++) {
            for (int lower = 0; lower < 85; lower += 5) {
                rows.add(RowFactory.create(2022, sex, lower + "-" + (lower + 4), "Parquetland", 1000L));
            }
            rows.add(RowFactory.create(2022, sex, "85+", "Parquetland", 300L));
        }
        rows.add(RowFactory.create(2022, 3, "85+", "Parquetland", 300L)); // unknown sex: quarantined
        Path out = dir.resolve("population/pop.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
        Path part;
        try (var files = Files.list(out)) {
            part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        LandingFile file = new LandingFile(Extract.POPULATION, part.toUri().toString(), "population/pop.parquet");
        FileReport report = IngestFixtures.ingest(SharedSpark.settings(DB), List.of(file)).files().get(0);
        assertThat(report.status()).isEqualTo(FileReport.Status.LOADED);
        assertThat(report.accepted()).isEqualTo(36);
        assertThat(report.quarantined()).isEqualTo(1);
        assertThat(spark.sql("SELECT sum(population) FROM " + DB + ".population WHERE region = 'Parquetland' AND age_upper IS NULL")
                .head().getDouble(0)).isEqualTo(600.0);
    }

    @Test
    void lifeTableGapRejectsTheFileNamingTheMissingCells(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of("year,sex,age,survival_probability"));
        for (int sex = 1; sex <= 2; sex++) {
            for (int age = 0; age <= 99; age++) {
                if (!(sex == 2 && age == 57)) {
                    lines.add("2019," + sex + "," + age + ",0.99");
                }
            }
        }
        Path file = write(dir, "lifetable", "gap.csv", StandardCharsets.UTF_8, lines.toArray(String[]::new));
        FileReport report = IngestFixtures.ingest(SharedSpark.settings(DB), List.of(landing(Extract.LIFETABLE, file))).files().get(0);
        assertThat(report.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(report.message()).contains("lifetable/gap.csv").contains("V19").contains("1 missing cell").contains("year=2019 sex=2 age=57");
    }

    @Test
    void populationWithoutAnOpenTopBandOrWithAHoleIsRejected(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of("year,sex,age,region,population"));
        for (int sex = 1; sex <= 2; sex++) {
            for (int age = 0; age <= 99; age++) {
                if (!(sex == 1 && age == 40)) {
                    lines.add("2019," + sex + "," + age + ",Hulland,100");
                }
            }
        }
        Path file = write(dir, "population", "holes.csv", StandardCharsets.UTF_8, lines.toArray(String[]::new));
        FileReport report = IngestFixtures.ingest(SharedSpark.settings(DB), List.of(landing(Extract.POPULATION, file))).files().get(0);
        assertThat(report.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(report.message()).contains("V20").contains("5 missing cell")
                .contains("year=2019 region=Hulland sex=1 age=40")
                .contains("no open-ended top band");
    }

    static LandingFile landing(Extract extract, Path file) {
        return new LandingFile(extract, file.toUri().toString(), extract.tableName() + "/" + file.getFileName());
    }

    static Path write(Path dir, String extract, String name, Charset charset, String... lines) throws IOException {
        Path file = dir.resolve(extract).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, (java.util.Arrays.stream(lines).collect(Collectors.joining("\n")) + "\n").getBytes(charset));
        return file;
    }
}
