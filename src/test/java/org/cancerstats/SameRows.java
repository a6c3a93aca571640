package org.cancerstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/** Asserts that two versions of a table hold the same rows, ignoring the columns that name the run or the clock. */
public final class SameRows {

    /** Columns that differ between runs by design. */
    public static final List<String> RUN_COLUMNS = List.of("refresh_id", "loaded_at", "computed_at", "started_at", "finished_at");

    private SameRows() {
    }

    public static void assertSameRows(String table, Dataset<Row> expected, Dataset<Row> actual) {
        Dataset<Row> a = comparable(expected);
        Dataset<Row> b = comparable(actual);
        assertThat(b.count()).as(table + ": rows").isEqualTo(a.count());
        assertThat(a.exceptAll(b).count()).as(table + ": rows missing").isZero();
        assertThat(b.exceptAll(a).count()).as(table + ": rows not expected").isZero();
    }

    /** Without run columns, maps as sorted entry arrays (EXCEPT cannot compare maps). */
    private static Dataset<Row> comparable(Dataset<Row> rows) {
        List<Column> columns = Arrays.stream(rows.schema().fields()).filter(f -> !RUN_COLUMNS.contains(f.name()))
                .map(SameRows::comparable).toList();
        return rows.select(columns.toArray(Column[]::new));
    }

    private static Column comparable(StructField field) {
        Column c = functions.col("`" + field.name() + "`");
        return field.dataType() instanceof MapType ? functions.array_sort(functions.map_entries(c)).as(field.name()) : c;
    }
}
