package org.cancerstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Asserts that two versions of a table hold the same rows, ignoring the columns that name the run or the clock.
 * Doubles may differ by 1e-9 relative: sums of doubles depend on the order Spark adds them in, which depends on
 * partitioning (another cluster, another number of cores); every other column must be equal.
 */
public final class SameRows {

    /** Columns that differ between runs by design. */
    public static final List<String> RUN_COLUMNS = List.of("refresh_id", "loaded_at", "computed_at", "started_at", "finished_at");
    private static final double RELATIVE = 1e-9;

    private SameRows() {
    }

    public static void assertSameRows(String table, Dataset<Row> expected, Dataset<Row> actual) {
        Dataset<Row> a = comparable(expected);
        Dataset<Row> b = comparable(actual);
        long rows = a.count();
        assertThat(b.count()).as(table + ": rows").isEqualTo(rows);
        List<String> doubles = Arrays.stream(a.schema().fields()).filter(f -> f.dataType().equals(DataTypes.DoubleType))
                .map(StructField::name).toList();
        List<String> exact = Arrays.stream(a.columns()).filter(c -> !doubles.contains(c)).toList();
        if (doubles.isEmpty() || exact.isEmpty()) {
            assertThat(a.exceptAll(b).count()).as(table + ": rows missing").isZero();
            assertThat(b.exceptAll(a).count()).as(table + ": rows not expected").isZero();
            return;
        }
        // The exact columns identify a row in these tables: match on them (a repeated key would inflate the match
        // count and fail it), then compare the doubles.
        Dataset<Row> x = a.select(prefixed(a.columns(), "a_"));
        Dataset<Row> y = b.select(prefixed(b.columns(), "b_"));
        Column on = exact.stream().map(c -> functions.col("a_" + c).eqNullSafe(functions.col("b_" + c)))
                .reduce(Column::and).orElseThrow();
        Dataset<Row> joined = x.join(y, on);
        assertThat(joined.count()).as(table + ": rows matched on " + exact).isEqualTo(rows);
        Column differs = doubles.stream().map(d -> {
            Column p = functions.col("a_" + d);
            Column q = functions.col("b_" + d);
            Column tolerance = functions.greatest(functions.lit(1.0), functions.abs(p)).multiply(RELATIVE);
            return functions.not(p.eqNullSafe(q)).and(p.isNull().or(q.isNull()).or(functions.abs(p.minus(q)).gt(tolerance)));
        }).reduce(Column::or).orElseThrow();
        assertThat(joined.filter(differs).count()).as(table + ": rows whose doubles differ by more than 1e-9").isZero();
    }

    /**
     * Asserts that two databases hold the same tables with the same rows, but for the run ledger (one run against
     * several) and {@code statistic_inputs}, whose input versions count the commits of every run (only the statistics
     * recorded are compared).
     */
    public static void assertSameTables(org.apache.spark.sql.SparkSession spark, String expected, String actual, String why) {
        List<String> tables = tables(spark, expected);
        assertThat(tables(spark, actual)).as("tables " + why).containsExactlyElementsOf(tables);
        for (String table : tables) {
            if (!table.equals("refresh_runs") && !table.equals("statistic_inputs")) {
                assertSameRows(table + " " + why, spark.table(expected + "." + table), spark.table(actual + "." + table));
            }
        }
        String statistics = "SELECT statistic FROM %s.statistic_inputs ORDER BY statistic";
        assertThat(spark.sql(String.format(statistics, actual)).collectAsList()).as("statistics recorded " + why)
                .isEqualTo(spark.sql(String.format(statistics, expected)).collectAsList());
    }

    public static List<String> tables(org.apache.spark.sql.SparkSession spark, String database) {
        return spark.sql("SHOW TABLES IN " + database).collectAsList().stream().map(r -> r.getString(1)).sorted().toList();
    }

    /** Without run columns, maps as sorted entry arrays (joins and EXCEPT cannot compare maps). */
    private static Dataset<Row> comparable(Dataset<Row> rows) {
        List<Column> columns = Arrays.stream(rows.schema().fields()).filter(f -> !RUN_COLUMNS.contains(f.name()))
                .map(SameRows::comparable).toList();
        return rows.select(columns.toArray(Column[]::new));
    }

    private static Column comparable(StructField field) {
        Column c = functions.col("`" + field.name() + "`");
        return field.dataType() instanceof MapType ? functions.array_sort(functions.map_entries(c)).as(field.name()) : c;
    }

    private static Column[] prefixed(String[] names, String prefix) {
        return Arrays.stream(names).map(n -> functions.col("`" + n + "`").as(prefix + n)).toArray(Column[]::new);
    }
}
