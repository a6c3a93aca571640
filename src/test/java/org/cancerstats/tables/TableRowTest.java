package org.cancerstats.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Rows built by column name land in the table's column order, and a missing or unknown column is an error. */
class TableRowTest {

    private static final TableDef TABLE = new TableDef("t", "a test table", List.of(
            new TableColumnDef("site", "STRING", "site"), new TableColumnDef("cases", "BIGINT", "cases"),
            new TableColumnDef("refresh_id", "STRING", "run")));

    @Test
    void columnsAreSetByNameInAnyOrder() {
        Row row = TABLE.computedRow().row().set("cases", 3L).set("site", "colon").build();
        assertThat(row.size()).isEqualTo(2);
        assertThat(row.getString(0)).isEqualTo("colon");
        assertThat(row.getLong(1)).isEqualTo(3L);
        assertThat(TABLE.everyColumnRow().row().set("site", null).set("cases", 1L).set("refresh_id", "r").build().size())
                .isEqualTo(3);
    }

    @Test
    void aColumnLeftOutOrMisnamedIsAnError() {
        assertThatThrownBy(() -> TABLE.computedRow().row().set("site", "colon").build()).hasMessageContaining("[cases]");
        assertThatThrownBy(() -> TABLE.computedRow().row().set("sites", "colon")).hasMessageContaining("no column sites");
        assertThatThrownBy(() -> TABLE.computedRow().row().set("refresh_id", "r")).as("stamped by the catalog, not set")
                .hasMessageContaining("no column refresh_id");
    }
}
