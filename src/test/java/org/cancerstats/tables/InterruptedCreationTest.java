package org.cancerstats.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * A run killed while it created a table (files at the table's location, no Delta commit yet) must not wedge the
 * warehouse: the next run creates the table. A location that holds a commit is a table and is never removed.
 */
class InterruptedCreationTest {

    private static final String DB = "interrupted_creation";
    private final SparkSession spark = SharedSpark.get();

    @Test
    void leftoversOfACreationKilledBeforeItsFirstCommitAreClearedAndTheTableIsMade() throws Exception {
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        TableDef def = new TableDef("runs_log", "a ledger", List.of(new TableColumnDef("id", "STRING", "id")));
        spark.sql("DROP TABLE IF EXISTS " + DB + ".runs_log");
        Path location = Path.of(java.net.URI.create(spark.catalog().getDatabase(DB).locationUri())).resolve("runs_log");
        Files.createDirectories(location.resolve("_delta_log"));
        Files.writeString(location.resolve("part-00000-killed.snappy.parquet"), "half a file");
        Files.writeString(location.resolve("_delta_log").resolve("_commit.tmp"), "no commit");

        String name = catalog.ensure(def);

        assertThat(spark.table(name).count()).isZero();
        assertThat(Files.exists(location.resolve("part-00000-killed.snappy.parquet"))).isFalse();
        spark.sql("INSERT INTO " + name + " VALUES ('a')");
        // A new catalog (the next run) finds the table: its commits are kept.
        assertThat(new RegistryCatalog(spark, DB).ensure(def)).isEqualTo(name);
        assertThat(spark.table(name).count()).isEqualTo(1);
    }
}
