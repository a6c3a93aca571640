package org.cancerstats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.ChildJvm;
import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @Test
    void ingestPrintsTheReconciliationAndRecordsTheRun() {
        SparkSession spark = SharedSpark.get();
        CliRun.Outcome out = CliRun.run("ingest", "--dev", "--database", "cli_ingest", "--extract",
                "incidence", "--landing", Path.of("sample-data/bad-rows").toAbsolutePath().toString());
        assertThat(out.exitCode()).isZero();
        assertThat(out.output()).contains("into cli_ingest: succeeded")
                .containsPattern("incidence\\s+1\\s+24\\s+4\\s+20\\s+1\\s+0\\s+0");
        Row run = spark.sql("SELECT command, outcome, size(input_files), table_versions['incidence'] FROM cli_ingest.refresh_runs").head();
        assertThat(run.getString(0)).isEqualTo("ingest");
        assertThat(run.getString(1)).isEqualTo("succeeded");
        assertThat(run.getInt(2)).isEqualTo(1);
        assertThat(run.isNullAt(3)).isFalse();
    }

    @Test
    void refusesToRunWithoutAKeyOutsideDevelopmentMode() {
        assertThat(CliRun.run("ingest", "--database", "cli_nokey").exitCode()).isEqualTo(1);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.run("ingest", "--no-such-option")).isEqualTo(2);
    }

    /** A table written by one JVM is found by name, with its comments, from a new JVM: the catalog persists. */
    @Test
    void catalogSurvivesANewSession(@TempDir Path dir) throws Exception {
        String warehouse = dir.resolve("tables").toString();
        String metastore = dir.resolve("metastore_db").toString();
        ChildJvm.Outcome ingest = ChildJvm.run(Main.class, "ingest", "--dev", "--extract", "incidence", "--database", "persisted",
                "--run-date", SharedSpark.RUN_DATE, "--conf", "cancerstats.warehouse-dir=" + warehouse,
                "--conf", "cancerstats.metastore-dir=" + metastore,
                Path.of("sample-data/bad-rows/incidence/bad_incidence.csv").toAbsolutePath().toString());
        assertThat(ingest.exitCode()).as(ingest.output()).isZero();

        ChildJvm.Outcome probe = ChildJvm.run(CatalogProbe.class, warehouse, metastore,
                "SELECT count(*) FROM persisted.incidence", "DESCRIBE TABLE persisted.incidence");
        assertThat(probe.output()).as(probe.output()).contains("ROW 4")
                .containsPattern("ROW person_key\\s+string\\s+Pseudonymised person key");
        assertThat(Files.exists(Path.of(metastore))).isTrue();
    }

    /**
     * A second warehouse named with --warehouse has a catalog of its own: the same file loads there again (it was
     * reported "unchanged" when both shared the first warehouse's metastore).
     */
    @Test
    void aSecondWarehouseHasItsOwnCatalog(@TempDir Path dir) throws Exception {
        String file = Path.of("sample-data/bad-rows/incidence/bad_incidence.csv").toAbsolutePath().toString();
        for (String warehouse : new String[] {"one/tables", "two"}) {
            ChildJvm.Outcome ingest = ChildJvm.run(Main.class, "ingest", "--dev", "--extract", "incidence", "--database", "two_warehouses",
                    "--run-date", SharedSpark.RUN_DATE, "--warehouse", dir.resolve(warehouse).toString(), file);
            assertThat(ingest.exitCode()).as(ingest.output()).isZero();
            assertThat(ingest.output()).as(warehouse).containsPattern("incidence\\s+1\\s+24\\s+4\\s+20");
        }
        assertThat(dir.resolve("one/metastore_db")).isDirectory();
        assertThat(dir.resolve("two/_metastore_db")).isDirectory();
    }

    @Test
    void everyCommandIsSummedUpInAWholeSentence() {
        java.io.StringWriter help = new java.io.StringWriter();
        new picocli.CommandLine(new Main()).setOut(new java.io.PrintWriter(help)).execute("--help");
        String commands = help.toString().substring(help.toString().indexOf("Commands:"));
        java.util.List<String> entries = java.util.Arrays.stream(commands.split("\\n  (?=[a-z])")).skip(1)
                .map(e -> e.replaceAll("\\s+", " ").trim()).filter(e -> !e.startsWith("help ")).toList();
        assertThat(entries).as("report is the fifteenth").hasSize(15).allSatisfy(e -> assertThat(e).endsWith("."));
    }

    @Test
    void everyCommandsHelpIsPrintedAsWrittenWithoutAFormatWarning() {
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            picocli.CommandLine main = new picocli.CommandLine(new Main());
            main.getUsageMessage();
            main.getSubcommands().values().forEach(picocli.CommandLine::getUsageMessage);
        } finally {
            System.setErr(err);
        }
        // picocli formats a description with String.format: a '%' in its text must be written '%%'
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
    }
}
