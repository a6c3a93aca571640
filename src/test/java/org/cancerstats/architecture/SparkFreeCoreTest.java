package org.cancerstats.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The statistical kernels and domain logic stay testable without Spark. */
class SparkFreeCoreTest {

    @Test
    void corePackagesDoNotDependOnSparkDeltaHadoopOrScala() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.cancerstats");
        noClasses().that().resideInAPackage("org.cancerstats.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "io.delta..", "org.apache.hadoop..",
                        "scala..", "org.cancerstats.ingest..", "org.cancerstats.tables..", "org.cancerstats.spark..")
                .because("core holds the Spark-free domain logic and statistics (see docs/architecture.md)")
                .check(classes);
    }
}
