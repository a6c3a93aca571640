package org.cancerstats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.tables.RegistryCatalog;

/**
 * A small generated registry (15,000 persons, 2019-2023, two regions), written under target/ and ingested once
 * per test JVM into the database {@value #DATABASE}. Its CSV files stay for counts made independently of Spark.
 */
public final class GeneratedRegistry {

    public static final String DATABASE = "generated";
    private static Path landing;

    private GeneratedRegistry() {
    }

    /** The landing folder, generated and ingested on first use. */
    public static synchronized Path landing() {
        if (landing == null) {
            try {
                Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "generated-landing-");
                SyntheticRegistry.write(new GeneratorOptions(folder, 15_000, 2019, 2023, 11, List.of("Nord", "Syd")));
                SparkSession spark = SharedSpark.get();
                RegistryCatalog catalog = new RegistryCatalog(spark, DATABASE);
                IngestJob.Result result = new IngestJob(spark, SharedSpark.settings(DATABASE),
                        PseudonymKey.resolve(null, Map.of(), true), catalog).run(new IngestJob.Options(
                        LandingFolder.scan(spark.sparkContext().hadoopConfiguration(), folder.toString()), "generated"));
                if (result.anyRejected()) {
                    throw new IllegalStateException("generated registry rejected: " + result.files());
                }
                landing = folder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return landing;
    }

    public static RegistryCatalog catalog() {
        landing();
        return new RegistryCatalog(SharedSpark.get(), DATABASE);
    }
}
