package org.cancerstats.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.Test;

/** OPTIMIZE and VACUUM keep every row and every version of the retention window readable. */
class TableMaintenanceTest {

    private final SparkSession spark = SharedSpark.get();

    @Test
    void compactsSmallFilesAndVacuumsOnlyWhatNoVersionOfTheWindowNeeds() throws IOException {
        RegistryCatalog catalog = new RegistryCatalog(spark, "maintenance");
        TableDef def = new TableDef("small_files", "Many small files",
                List.of(new TableColumnDef("id", "BIGINT", "Row"), new TableColumnDef("refresh_id", "STRING", "Run")));
        String name = catalog.ensure(def);
        spark.range(0, 2000).selectExpr("id", "'r1' AS refresh_id").repartition(20).write().mode("overwrite").insertInto(name);
        long written = catalog.version(def);
        Path folder = Path.of(URI.create(spark.sql("DESCRIBE DETAIL " + name).head().getString(
                spark.sql("DESCRIBE DETAIL " + name).schema().fieldIndex("location"))));
        Path staleOrphan = Files.writeString(folder.resolve("part-orphan-old.parquet"), "left by a killed writer");
        Files.setLastModifiedTime(staleOrphan, FileTime.from(Instant.now().minus(10, ChronoUnit.DAYS)));
        Path freshOrphan = Files.writeString(folder.resolve("part-orphan-new.parquet"), "a write in progress");

        TableMaintenance maintenance = new TableMaintenance(spark, catalog);
        TableMaintenance.Options options = new TableMaintenance.Options(16, true, 168);
        TableMaintenance.TableResult due = maintenance.run(List.of(def.name()), options, true).tables().get(0);
        assertThat(due.optimized()).isTrue();
        assertThat(due.vacuumed()).as("a table younger than the retention has nothing to vacuum").isFalse();
        assertThat(Files.exists(staleOrphan)).isTrue();

        TableMaintenance.TableResult explicit = maintenance.run(List.of(def.name()), options, false).tables().get(0);
        assertThat(due.filesBefore()).isEqualTo(20);
        assertThat(due.filesAfter()).isEqualTo(1);
        assertThat(explicit.optimized()).as("one file left: nothing to compact").isFalse();
        assertThat(explicit.vacuumed()).isTrue();
        assertThat(Files.exists(staleOrphan)).as("unreferenced and older than 7 days").isFalse();
        assertThat(Files.exists(freshOrphan)).as("unreferenced but recent").isTrue();

        assertThat(spark.sql("SHOW TBLPROPERTIES " + name + " ('delta.deletedFileRetentionDuration')").head().getString(1))
                .isEqualTo("interval 168 hours");
        assertThat(spark.table(name).count()).isEqualTo(2000);
        assertThat(spark.sql("SELECT count(*), sum(id) FROM " + name + " VERSION AS OF " + written).head().getLong(0))
                .as("the version before compaction is still readable").isEqualTo(2000);

        // OPTIMIZE, VACUUM and the retention property left the rows as they were: the data version is the write's
        assertThat(catalog.version(def)).as("maintenance committed").isGreaterThan(written);
        assertThat(catalog.dataVersion(def.name())).isEqualTo(written);
        spark.range(0, 10).selectExpr("id", "'r2' AS refresh_id").write().mode("append").insertInto(name);
        assertThat(catalog.dataVersion(def.name())).as("a new write").isEqualTo(catalog.version(def));
    }

    @Test
    void aRetentionShorterThanSevenDaysIsRefused() {
        assertThatThrownBy(() -> new TableMaintenance.Options(16, true, 167))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 168").hasMessageContaining("167");
    }
}
