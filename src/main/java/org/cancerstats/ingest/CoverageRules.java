package org.cancerstats.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.explode;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.validate.Rule;

/**
 * Whole-file rules (SPEC.md sections 1 and 5): a life table must give every age 0-99 for both sexes in each
 * year (and region) it covers (V19); a population, and a population projection, must cover every age from 0 to
 * an open-ended top band, for both sexes, in each year, region (and education, and scenario) it covers (V20). A
 * gap rejects the file with a message naming the missing cells; nothing is extrapolated.
 */
final class CoverageRules {

    /** How many missing cells the error message lists. */
    static final int CELLS_NAMED = 12;

    private CoverageRules() {
    }

    /** @throws FileRejectedException naming the gaps, if any */
    static void check(Extract extract, String file, Dataset<Row> accepted) {
        switch (extract) {
            case LIFETABLE -> reject(file, Rule.V19, lifeTableGaps(accepted), () -> "");
            case POPULATION -> reject(file, Rule.V20, populationGaps(accepted, List.of()), () -> openTopHint(accepted));
            case POPULATION_PROJECTION -> reject(file, Rule.V20, populationGaps(accepted, List.of("scenario")),
                    () -> openTopHint(accepted));
            default -> {
                // no whole-file rule
            }
        }
    }

    /** Cells (year, region, sex, age) for ages 0..99 that the life table lacks. */
    static Dataset<Row> lifeTableGaps(Dataset<Row> rows) {
        Dataset<Row> cells = rows.select("year", "region", "sex", "age_lower");
        Dataset<Row> grid = rows.select("year", "region").distinct()
                .withColumn("sex", explode(sequence(lit(1), lit(2))))
                .withColumn("age_lower", explode(sequence(lit(0), lit(99))));
        return antiJoin(grid, cells, "year", "region", "sex", "age_lower")
                .orderBy("year", "region", "sex", "age_lower");
    }

    /**
     * Where the population's age bands fail to tile 0..open end, per year, region, education and sex: a band must
     * start at 0, each band's successor must start right after it, and one band must be open-ended.
     */
    static Dataset<Row> populationGaps(Dataset<Row> rows, List<String> more) {
        List<String> strataColumns = new java.util.ArrayList<>(List.of("year", "region", "education"));
        strataColumns.addAll(more); // a projection's scenario
        List<String> group = new java.util.ArrayList<>(strataColumns);
        group.add("sex");
        List<String> banded = new java.util.ArrayList<>(group);
        banded.addAll(List.of("age_lower", "age_upper"));
        Dataset<Row> bands = rows.select(columns(banded));
        Dataset<Row> strata = rows.select(columns(strataColumns)).distinct()
                .withColumn("sex", explode(sequence(lit(1), lit(2))));
        List<Column> nextStart = new java.util.ArrayList<>(java.util.Arrays.asList(columns(group)));
        nextStart.add(col("age_upper").plus(1).as("age_lower"));
        Dataset<Row> starts = strata.withColumn("age_lower", lit(0))
                .unionByName(bands.filter(col("age_upper").isNotNull()).select(nextStart.toArray(Column[]::new)));
        List<String> startKey = new java.util.ArrayList<>(group);
        startKey.add("age_lower");
        Dataset<Row> missingStarts = antiJoin(starts, bands, startKey.toArray(String[]::new))
                .withColumn("problem", lit("no band starting at this age"));
        Dataset<Row> openEnds = bands.filter(col("age_upper").isNull()).select(columns(group));
        Dataset<Row> missingTop = antiJoin(strata, openEnds, group.toArray(String[]::new))
                .withColumn("age_lower", lit(null).cast("int"))
                .withColumn("problem", lit("no open-ended top band (e.g. 100+ or 85+)"));
        return missingStarts.unionByName(missingTop).orderBy(columns(startKey));
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /**
     * The rows of {@code left} with no row of {@code right} equal on {@code columns}, nulls equal to nulls. Both
     * sides are projections of the same file's rows, so each is aliased: unaliased, their columns are one attribute
     * and the condition would compare a column with itself.
     */
    private static Dataset<Row> antiJoin(Dataset<Row> left, Dataset<Row> right, String... columns) {
        Column on = lit(true);
        for (String c : columns) {
            on = on.and(col("l.`" + c + "`").eqNullSafe(col("r.`" + c + "`")));
        }
        return left.alias("l").join(right.alias("r"), on, "left_anti");
    }

    /**
     * What to change when a population has no open-ended band but ends in a single age of 85 or over: the way many
     * statistics offices deliver "100+" as "100". Empty when the file has an open band or ends lower.
     */
    static String openTopHint(Dataset<Row> rows) {
        if (!rows.filter(col("age_upper").isNull()).isEmpty()) {
            return "";
        }
        Row top = rows.filter(col("age_upper").equalTo(col("age_lower"))).agg(org.apache.spark.sql.functions.max("age_lower")).head();
        if (top.isNullAt(0) || top.getInt(0) < 85) {
            return "";
        }
        int age = top.getInt(0);
        return ". The file has no open-ended band and ends at the single age " + age + ": if " + age + " stands for " + age
                + " and over, set cancerstats.population.open-top-age = " + age + " (or deliver it as '" + age + "+')";
    }

    /** @param hint what to change, read only when the file is rejected */
    private static void reject(String file, Rule rule, Dataset<Row> gaps, java.util.function.Supplier<String> hint) {
        List<Row> first = gaps.limit(CELLS_NAMED).collectAsList();
        if (first.isEmpty()) {
            return;
        }
        long count = first.size() < CELLS_NAMED ? first.size() : gaps.count();
        String cells = first.stream().map(CoverageRules::describe).collect(Collectors.joining("; "));
        throw new FileRejectedException(file, rule.code() + " " + rule.title() + ": " + count + " missing cell(s): " + cells
                + (count > first.size() ? "; ..." : "") + hint.get());
    }

    private static String describe(Row row) {
        StringBuilder text = new StringBuilder();
        for (String field : row.schema().fieldNames()) {
            Object value = row.getAs(field);
            if (value != null) {
                text.append(text.length() == 0 ? "" : " ").append(field.equals("age_lower") ? "age" : field)
                        .append(field.equals("problem") ? ": " : "=").append(value);
            }
        }
        return text.toString();
    }
}
