package org.cancerstats.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file under the landing folder is loaded, rejected with a reason, or listed as not loaded with one. */
class LandingReportTest {

    private static final String DB = "landing_report";

    private static String population() {
        StringBuilder text = new StringBuilder("year,sex,age,region,population\n");
        for (int sex = 1; sex <= 2; sex++) {
            for (int age = 0; age <= 100; age++) {
                text.append("2019,").append(sex).append(',').append(age == 100 ? "100+" : age).append(",Nord,1000\n");
            }
        }
        return text.toString();
    }

    /** A Latin-1 file read as UTF-8 would lose its letters to replacement characters: refused, naming line and setting. */
    @Test
    void aLatin1FileReadAsUtf8IsRejectedNamingTheLineAndTheSetting(@TempDir Path landing) throws IOException {
        Path file = Files.createDirectories(landing.resolve("population")).resolve("latin1.csv");
        Files.write(file, ("year,sex,age,region,population\n2019,1,0,Nord,10\n2019,1,1,Ærø,10\n")
                .getBytes(java.nio.charset.Charset.forName("ISO-8859-1")));
        FileReport report = IngestFixtures.ingest(SharedSpark.settings(DB), LandingFolder.scan(
                SharedSpark.get().sparkContext().hadoopConfiguration(), landing.toString())).files().get(0);
        assertThat(report.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(report.message()).contains("line 3 is not valid UTF-8")
                .contains("cancerstats.extracts.population.csv.encoding");
    }

    @Test
    void compressedCsvLoadsGarbageParquetIsRejectedAndEveryOtherFileIsNamed(@TempDir Path landing) throws IOException {
        Path population = Files.createDirectories(landing.resolve("population"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(population.resolve("population.csv.gz")))) {
            out.write(population().getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(population.resolve("broken.parquet"), "this is not parquet");
        Files.writeString(population.resolve("population.tsv"), "year\tsex\n");
        Files.writeString(population.resolve(".DS_Store"), "system file");
        Files.createDirectories(population.resolve("2019"));
        Files.writeString(population.resolve("2019/extra.csv"), population());
        Files.createDirectories(landing.resolve("incidense"));
        Files.writeString(landing.resolve("incidense/incidence.csv"), "patient_id\n");
        Files.writeString(landing.resolve("stray.csv"), "x\n");

        Configuration hadoop = SharedSpark.get().sparkContext().hadoopConfiguration();
        List<LandingFolder.NotLoaded> notLoaded = LandingFolder.notLoaded(hadoop, landing.toString());
        assertThat(notLoaded).extracting(LandingFolder.NotLoaded::name)
                .containsExactly("incidense/incidence.csv", "population/2019/extra.csv", "population/population.tsv", "stray.csv");
        assertThat(notLoaded.get(0).reason()).contains("no extract is called 'incidense'").contains("incidence");
        assertThat(notLoaded.get(1).reason()).contains("sub-folder");
        assertThat(notLoaded.get(2).reason()).contains(".csv.gz");

        List<LandingFile> files = LandingFolder.scan(hadoop, landing.toString());
        assertThat(files).extracting(LandingFile::name).containsExactly("population/broken.parquet", "population/population.csv.gz");
        IngestJob.Result result = IngestFixtures.ingest(SharedSpark.settings(DB), files);
        FileReport broken = result.files().get(0);
        assertThat(broken.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(broken.message()).contains("population/broken.parquet").contains("cannot be read as Parquet");
        FileReport gz = result.files().get(1);
        assertThat(gz.status()).isEqualTo(FileReport.Status.LOADED);
        assertThat(gz.accepted()).isEqualTo(202);
        assertThat(SharedSpark.get().sql("SELECT count(*) FROM " + DB + ".population").head().getLong(0)).isEqualTo(202);
        assertThat(Extract.POPULATION.tableName()).isEqualTo("population");
    }
}
