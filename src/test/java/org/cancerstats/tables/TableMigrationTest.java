package org.cancerstats.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.Test;

/** A table made by an earlier version gains the columns the current definition adds, keeping rows and history. */
class TableMigrationTest {

    private static final String DB = "table_migration";
    private final SparkSession spark = SharedSpark.get();

    private static TableDef version(List<TableColumnDef> columns) {
        return new TableDef("measures", "Measures by site", columns);
    }

    @Test
    void aNewColumnIsAddedInPlaceWithItsComment() {
        TableColumnDef site = new TableColumnDef("site", "STRING", "Site");
        TableColumnDef region = new TableColumnDef("region", "STRING", "Region, added in a later version");
        TableColumnDef value = new TableColumnDef("value", "DOUBLE", "The value");
        RegistryCatalog before = new RegistryCatalog(spark, DB);
        spark.sql("DROP TABLE IF EXISTS " + DB + ".measures");
        spark.sql("INSERT INTO " + before.ensure(version(List.of(site, value))) + " VALUES ('colon', 1.5)");
        long versionBefore = before.version(version(List.of(site, value)));

        RegistryCatalog after = new RegistryCatalog(spark, DB); // a new run: ensure() checks the table again
        String name = after.ensure(version(List.of(site, region, value)));

        assertThat(spark.table(name).columns()).containsExactly("site", "region", "value");
        Row row = spark.table(name).head();
        assertThat(row.getString(0)).isEqualTo("colon");
        assertThat(row.isNullAt(1)).isTrue();
        assertThat(row.getDouble(2)).isEqualTo(1.5);
        assertThat(spark.sql("DESCRIBE TABLE " + name).filter("col_name = 'region'").head().getString(2))
                .isEqualTo("Region, added in a later version");
        assertThat(spark.read().format("delta").option("versionAsOf", versionBefore).table(name).columns())
                .containsExactly("site", "value");

        RegistryCatalog third = new RegistryCatalog(spark, DB);
        assertThatThrownBy(() -> third.ensure(version(List.of(site, region))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[value]");
    }
}
