package org.cancerstats.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the data flow (docs/architecture.md): the commands parse and print; the run orchestrates the
 * stages and keeps the ledgers; ingest and statistics read and write tables; tables, spark and config serve them;
 * core depends on nothing. No import runs back up.
 */
class DataFlowLayersTest {

    @Test
    void noPackageDependsOnOneAboveIt() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.cancerstats");
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("org.cancerstats.cli..")
                .layer("bench").definedBy("org.cancerstats.bench..")
                .layer("run").definedBy("org.cancerstats.run..")
                .layer("report").definedBy("org.cancerstats.report..")
                .layer("publish").definedBy("org.cancerstats.publish..")
                .layer("ingest").definedBy("org.cancerstats.ingest..")
                .layer("statistics").definedBy("org.cancerstats.statistics..")
                .layer("tables").definedBy("org.cancerstats.tables..")
                .layer("spark").definedBy("org.cancerstats.spark..")
                .layer("config").definedBy("org.cancerstats.config..")
                .layer("core").definedBy("org.cancerstats.core..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("run", "cli")
                .whereLayer("publish").mayOnlyBeAccessedByLayers("report", "run", "cli")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("run", "cli")
                .whereLayer("statistics").mayOnlyBeAccessedByLayers("publish", "run", "bench", "cli")
                .whereLayer("tables").mayOnlyBeAccessedByLayers("ingest", "statistics", "publish", "run", "bench", "cli")
                .whereLayer("spark").mayOnlyBeAccessedByLayers("tables", "ingest", "statistics", "publish", "run", "bench", "cli")
                .whereLayer("config").mayOnlyBeAccessedByLayers("spark", "ingest", "run", "cli")
                .because("each package may use only those below it in the data flow (docs/architecture.md)")
                .check(classes);
    }
}
