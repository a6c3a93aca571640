package org.cancerstats.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warnings a new user reads as bugs: the whole-file coverage rules of population and life tables joined two
 * projections of one file's rows unaliased, and Spark warned "Constructing trivially true equals predicate" eight
 * times a refresh. Captured from log4j while both kinds of file load.
 */
class WarningNoiseTest {

    @Test
    void coverageRulesCompareColumnsOfTwoSidesNotAColumnWithItself(@TempDir Path dir) throws Exception {
        StringBuilder population = new StringBuilder("year,sex,age,region,population\n");
        StringBuilder lifetable = new StringBuilder("year,sex,age,survival_probability\n");
        for (int sex = 1; sex <= 2; sex++) {
            for (int age = 0; age <= 100; age++) {
                population.append("2022,").append(sex).append(',').append(age == 100 ? "100+" : age).append(",Nord,100\n");
                if (age <= 99) {
                    lifetable.append("2022,").append(sex).append(',').append(age).append(",0.99\n");
                }
            }
        }
        Path p = Files.createDirectories(dir.resolve("population")).resolve("noise_population.csv");
        Path l = Files.createDirectories(dir.resolve("lifetable")).resolve("noise_lifetable.csv");
        Files.writeString(p, population, StandardCharsets.UTF_8);
        Files.writeString(l, lifetable, StandardCharsets.UTF_8);

        List<String> warnings = new CopyOnWriteArrayList<>();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("noise-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                warnings.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        org.apache.logging.log4j.core.Logger column = context.getLogger("org.apache.spark.sql.Column");
        column.addAppender(capture);
        try {
            IngestJob.Result result = IngestFixtures.ingest(SharedSpark.settings("noise"), List.of(
                    new LandingFile(Extract.POPULATION, p.toUri().toString(), "population/noise_population.csv"),
                    new LandingFile(Extract.LIFETABLE, l.toUri().toString(), "lifetable/noise_lifetable.csv")));
            assertThat(result.anyRejected()).as(result.files().toString()).isFalse();
        } finally {
            column.removeAppender(capture);
            capture.stop();
        }
        assertThat(warnings).noneMatch(w -> w.contains("trivially true"));
    }
}
