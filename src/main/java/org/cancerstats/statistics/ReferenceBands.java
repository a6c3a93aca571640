package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.tables.RegistryCatalog;

/**
 * The general population's prevalence of each chronic condition in the age bands the {@code condition_prevalence}
 * extract delivers them in (single years, 5-year groups or broad bands such as RUKS's 0-44, 45-59, 60-74, 75+):
 * prevalence = persons with the condition in the band / population of the whole band, by year and sex (summed over
 * regions).
 *
 * <p>A population band must lie inside one reference band, and reference bands of one year, sex and condition must
 * not overlap; either is an error naming the bands. A band with no population has no prevalence (its patients are
 * counted as having no reference).
 *
 * @param bands           (year, sex, condition, band_lower, band_upper, prevalence); band_upper null when open-ended
 * @param populationCells (year, sex, condition, age_index, persons, population) by 5-year group, persons estimated
 *                        as population × the prevalence of the band holding the population row
 */
record ReferenceBands(Dataset<Row> bands, Dataset<Row> populationCells) {

    /** Open-ended bands compared as if they ended here. */
    private static final int TOP = 1000;
    private static final int NAMED = 5;

    static ReferenceBands of(SparkSession spark, RegistryCatalog catalog) {
        Dataset<Row> reference = catalog.extract(Extract.CONDITION_PREVALENCE)
                .groupBy("year", "sex", "condition", "age_lower", "age_upper").agg(sum("persons").as("persons"))
                .withColumnRenamed("age_lower", "band_lower").withColumnRenamed("age_upper", "band_upper");
        requireNoOverlap(reference);
        Dataset<Row> population = catalog.extract(Extract.POPULATION)
                .groupBy("year", "sex", "age_lower", "age_upper").agg(sum("population").as("population"));
        Dataset<Row> ref = broadcast(reference);
        Column bandTop = coalesce(ref.col("band_upper"), lit(TOP));
        Column rowTop = coalesce(population.col("age_upper"), lit(TOP));
        Dataset<Row> overlapping = population.join(ref, population.col("year").equalTo(ref.col("year"))
                        .and(population.col("sex").equalTo(ref.col("sex")))
                        .and(population.col("age_lower").leq(bandTop)).and(rowTop.geq(ref.col("band_lower"))))
                .select(population.col("year"), population.col("sex"), col("condition"), col("band_lower"), col("band_upper"),
                        col("age_lower"), col("age_upper"), col("population"), col("persons"),
                        population.col("age_lower").geq(ref.col("band_lower")).and(rowTop.leq(bandTop)).as("inside"));
        List<Row> straddling = overlapping.filter(not(col("inside"))).select("year", "sex", "age_lower", "age_upper",
                "band_lower", "band_upper").distinct().orderBy("year", "sex", "age_lower").limit(NAMED).collectAsList();
        if (!straddling.isEmpty()) {
            throw new IllegalStateException("population age bands cross the bands of condition_prevalence, so no band's "
                    + "population is known: " + straddling.stream().map(r -> "year " + r.get(0) + " sex " + r.get(1)
                            + " population " + band(r, 2) + " against reference " + band(r, 4)).collect(Collectors.joining("; "))
                    + "; deliver the population in single years or in bands inside the reference bands");
        }
        // Bands do not overlap, so the lower age names one: joined on it, since the upper is null for an open band.
        Dataset<Row> bandPopulation = overlapping.groupBy("year", "sex", "condition", "band_lower")
                .agg(sum("population").as("band_population"));
        Dataset<Row> bands = reference.join(bandPopulation, StatisticFrames.names(List.of("year", "sex", "condition", "band_lower")),
                        "left")
                .withColumn("prevalence", when(col("band_population").gt(0), col("persons").divide(col("band_population"))))
                .select("year", "sex", "condition", "band_lower", "band_upper", "prevalence");
        Dataset<Row> cells = overlapping.join(broadcast(bands.drop("band_upper")),
                        StatisticFrames.names(List.of("year", "sex", "condition", "band_lower")))
                .filter(col("prevalence").isNotNull())
                .withColumn("age_index", StatisticFrames.ageIndex(col("age_lower"), AgeGroups.STANDARD))
                .groupBy("year", "sex", "condition", "age_index")
                .agg(sum(col("population").multiply(col("prevalence"))).as("persons"), sum("population").as("population"));
        return new ReferenceBands(bands, cells);
    }

    private static void requireNoOverlap(Dataset<Row> reference) {
        Dataset<Row> a = reference.alias("a");
        Dataset<Row> b = reference.alias("b");
        List<Row> overlaps = a.join(b, col("a.year").equalTo(col("b.year")).and(col("a.sex").equalTo(col("b.sex")))
                        .and(col("a.condition").equalTo(col("b.condition")))
                        .and(col("a.band_lower").lt(col("b.band_lower")))
                        .and(coalesce(col("a.band_upper"), lit(TOP)).geq(col("b.band_lower"))))
                .select(col("a.year"), col("a.sex"), col("a.condition"), col("a.band_lower"), col("a.band_upper"),
                        col("b.band_lower"), col("b.band_upper"))
                .orderBy("year", "sex", "condition").limit(NAMED).collectAsList();
        if (!overlaps.isEmpty()) {
            throw new IllegalStateException("condition_prevalence has overlapping age bands, so a patient's reference "
                    + "prevalence is not defined: " + overlaps.stream().map(r -> "year " + r.get(0) + " sex " + r.get(1) + " "
                            + r.get(2) + " " + band(r, 3) + " and " + band(r, 5)).collect(Collectors.joining("; ")));
        }
    }

    private static String band(Row r, int lowerAt) {
        return r.isNullAt(lowerAt + 1) ? r.get(lowerAt) + "+" : r.get(lowerAt) + "-" + r.get(lowerAt + 1);
    }
}
