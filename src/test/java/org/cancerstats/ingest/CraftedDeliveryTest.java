package org.cancerstats.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile delivery of every extract at once, ingested end to end: each crafted row ends with its rule code (in
 * quarantine, or among the row's warnings), each file reconciles, and no raw person id of the input appears in any
 * table, any file report message or any log line of the run (the logs captured at INFO, Spark's own included).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CraftedDeliveryTest {

    private static final String DB = "crafted_delivery";
    /** Raw person ids of the input: ten digits, as a national id would be; none may be stored or said. */
    private static final List<String> RAW_IDS = List.of("0101501111", "0202603333", "0303702222", "0404804444", "0505905555",
            "0606016666", "0707027777", "0808038888", "0909909999", "1010101010");
    private static final String INCIDENCE_HEADER = "patient_id,tumour_id,sex,date_of_birth,date_of_diagnosis,icd10,morphology,"
            + "behaviour,basis_of_diagnosis,region,topography,age_at_diagnosis,person_id";

    @TempDir
    static Path landing;
    private final SparkSession spark = SharedSpark.get();
    private IngestJob.Result result;
    private String log;

    private static String tumour(String id, String tumour, String birth, String diagnosis, String icd10, String region,
                                 String topography, String age) {
        return String.join(",", id, tumour, "1", birth, diagnosis, icd10, "8140", "3", "7", region, topography, age, id);
    }

    private static void write(String extract, String name, String... lines) throws IOException {
        Path folder = Files.createDirectories(landing.resolve(extract));
        Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @BeforeAll
    void ingestTheCraftedDelivery() throws IOException {
        List<String> population = new ArrayList<>(List.of("year,sex,age,region,population"));
        for (int sex = 1; sex <= 2; sex++) {
            for (int age = 0; age <= 100; age++) {
                population.add("2015," + sex + "," + (age == 100 ? "100+" : age) + ",Nord,60");
            }
        }
        write("population", "population.csv", population.toArray(String[]::new));
        write("condition_prevalence", "reference.csv", "year,sex,age_group,region,condition,persons",
                "2015,1,0-4,Nord,asthma,999999", // V26: 300 live in the cell
                "2015,1,5-9,Nord,asthma,12");
        write("incidence", "a.csv", INCIDENCE_HEADER,
                tumour(RAW_IDS.get(0), "T1", "1950-01-01", "2015-06-10", "C18.7", "Nord", "C18.7", "65"),
                tumour(RAW_IDS.get(2), "T2", "1960-01-01", "2015-06-10", "C18ZZ", "Nord", "", ""), // V05
                tumour(RAW_IDS.get(3), "T3", "1960-01-01", "2015-06-10", "C18.7", "Nord", "XYZ", ""), // V22, kept
                tumour(RAW_IDS.get(4), "T4", "1855-01-01", "2015-06-10", "C18.7", "Nord", "", ""), // V08: age 160
                tumour(RAW_IDS.get(5), "T5", "1960-01-01", "2015-06-10", "C18.7", "No\u0000rd", "", ""), // V03: NUL
                tumour(RAW_IDS.get(6), "T6", "1960-01-01", "2015-06-10", "C18.7", "No\"rd", "", ""), // V01: stray quote
                tumour(RAW_IDS.get(7), "T7", "1960-01-01", "2015-06-10", "C18.7", "N".repeat(1 << 20), "", ""), // V03: 1 MB
                tumour(RAW_IDS.get(8), "T8", "1960-01-01", "2015-06-10", "C18.7", "Nord", "", "5.5e1")); // V03
        write("incidence", "b.csv", INCIDENCE_HEADER,
                tumour(RAW_IDS.get(0), "T1-renumbered", "1950-01-01", "2015-06-10", "C18.2", "Nord", "", ""), // V27
                tumour(RAW_IDS.get(1), "T9", "1960-02-02", "2016-03-01", "C50.9", "Nord", "", ""));
        write("incidence", "c_without_header.csv", tumour(RAW_IDS.get(9), "T10", "1960-01-01", "2015-06-10", "C18.7",
                "Nord", "", ""));
        write("mortality", "deaths.csv", "person_id,sex,date_of_birth,date_of_death,underlying_cause,region",
                RAW_IDS.get(0) + ",1,1950-01-01,2014-01-01,C187,Nord"); // V23: before the diagnosis of T1
        write("followup", "followup.csv", "patient_id,vital_status,end_of_followup",
                RAW_IDS.get(1) + ",1,2020-01-01",
                RAW_IDS.get(9) + ",1,2020-01-01"); // V24: no tumour loaded
        write("comorbidity", "comorbidity.csv", "person_id,condition,onset_date,source",
                RAW_IDS.get(1) + ",copd,1940-01-01,register", // V25: born 1960
                RAW_IDS.get(1) + ",asthma,1990-01-01,register");

        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        StringWriter captured = new StringWriter();
        WriterAppender appender = WriterAppender.newBuilder().setName("crafted-delivery").setTarget(captured)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n").build()).build();
        appender.start();
        LoggerConfig root = config.getRootLogger();
        Level before = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        try {
            result = IngestFixtures.ingest(SharedSpark.settings(DB), LandingFolder.scan(spark.sparkContext().hadoopConfiguration(),
                    landing.toString()));
        } finally {
            root.removeAppender(appender.getName());
            root.setLevel(before);
            context.updateLoggers();
            appender.stop();
        }
        log = captured.toString();
    }

    private FileReport report(String file) {
        return result.files().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
    }

    /** tumour or person (pseudonym) to its codes: quarantined rows' rule codes, kept rows' warning codes. */
    private Map<String, String> codes(String sql) {
        return spark.sql(sql).collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    }

    @Test
    void everyCraftedRowEndsWithItsRuleCode() {
        Map<String, String> quarantined = codes("SELECT concat(source_file, ':', source_line), array_join(rule_codes, ' ') FROM "
                + DB + ".quarantine");
        assertThat(quarantined).containsOnly(Map.entry("incidence/a.csv:3", "V05"), Map.entry("incidence/a.csv:5", "V08"),
                Map.entry("incidence/a.csv:6", "V03"), Map.entry("incidence/a.csv:7", "V01"), Map.entry("incidence/a.csv:8", "V03"),
                Map.entry("incidence/a.csv:9", "V03"), Map.entry("incidence/b.csv:2", "V27"),
                Map.entry("condition_prevalence/reference.csv:2", "V26"), Map.entry("comorbidity/comorbidity.csv:2", "V25"));
        assertThat(codes("SELECT tumour_id, array_join(warning_codes, ' ') FROM " + DB + ".incidence"))
                .containsOnly(Map.entry("T1", ""), Map.entry("T3", "V22"), Map.entry("T9", ""));
        assertThat(spark.sql("SELECT array_join(warning_codes, ' ') FROM " + DB + ".mortality").head().getString(0)).isEqualTo("V23");
        assertThat(spark.sql("SELECT array_join(warning_codes, ' ') FROM " + DB + ".followup ORDER BY end_of_followup")
                .collectAsList()).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("", "V24");
    }

    @Test
    void everyFileReconcilesOrIsRejectedWithAMessageNamingNoValue() {
        for (FileReport f : result.files()) {
            if (f.status() != FileReport.Status.REJECTED) {
                assertThat(f.read()).as(f.file()).isEqualTo(f.accepted() + f.quarantined());
            }
        }
        assertThat(report("incidence/a.csv").read()).isEqualTo(8);
        assertThat(report("incidence/a.csv").accepted()).isEqualTo(2);
        FileReport headless = report("incidence/c_without_header.csv");
        assertThat(headless.status()).isEqualTo(FileReport.Status.REJECTED);
        assertThat(headless.message()).contains("header line missing");
    }

    @Test
    void noRawIdInAnyTableMessageOrLogLine() {
        List<String> written = new ArrayList<>(IngestFixtures.allText(DB));
        result.files().forEach(f -> written.add(f.file() + ": " + f.message()));
        written.addAll(log.lines().toList());
        assertThat(log).as("the log was captured").contains("INFO org.cancerstats.ingest.IngestJob");
        for (String id : RAW_IDS) {
            assertThat(written).as("raw id %s", id).noneMatch(line -> line.contains(id));
        }
        // The quarantine kept the raw records it could trust, pseudonymised: the rows are there to be scanned.
        List<Row> raw = spark.sql("SELECT raw_record FROM " + DB + ".quarantine WHERE raw_record IS NOT NULL").collectAsList();
        assertThat(raw).hasSizeGreaterThanOrEqualTo(5);
    }
}
