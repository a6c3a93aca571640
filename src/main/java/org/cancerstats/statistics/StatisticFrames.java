package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.reference.AgeBands;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.Sex;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.YearSpan;

/**
 * The data frames and columns every statistic builds on, from the validated tables: events (tumours or deaths) with
 * their age group and sites, person-years by age group, the years and periods of a span, and the totals (both sexes,
 * national, all education levels) the tables carry. Spark built-in expressions only.
 */
final class StatisticFrames {

    /** Site of records counted in no site, in data_quality. */
    static final String BASAL_CELL = "(basal cell)";
    static final String OUTSIDE = "(outside statistics)";

    private StatisticFrames() {
    }

    /**
     * The group's sums of {@code value} by age group, as an array indexed by age_index; null where the group has no
     * row of that age group. Fixed-width sums rather than a list of (age, value) pairs: Spark aggregates them in its
     * binary hash map, where a list aggregate falls back to sorting beyond 128 groups per task.
     */
    static Column byAgeIndex(String value, AgeGroups groups) {
        return array(IntStream.range(0, groups.count())
                .mapToObj(i -> sum(when(col("age_index").equalTo(i), col(value)))).toArray(Column[]::new));
    }

    /** Completed years between two dates, as java.time's ChronoUnit.YEARS counts them (the validator's age). */
    static Column completedYears(Column from, Column to) {
        Column beforeBirthday = month(to).lt(month(from)).or(month(to).equalTo(month(from)).and(dayofmonth(to).lt(dayofmonth(from))));
        return year(to).minus(year(from)).minus(when(beforeBirthday, 1).otherwise(0));
    }

    /** The label of the band of {@code bands} holding {@code age} ({@link AgeBands#labelOf}, as a Spark expression). */
    static Column ageBand(Column age, AgeBands bands) {
        List<Integer> lowers = bands.lowers();
        List<String> labels = bands.labels();
        Column band = lit(labels.get(labels.size() - 1));
        for (int i = lowers.size() - 1; i >= 1; i--) {
            band = when(age.lt(lowers.get(i)), lit(labels.get(i - 1))).otherwise(band);
        }
        return band;
    }

    static Column ageIndex(Column age, AgeGroups groups) {
        return least(floor(age.divide(5)).cast("int"), lit(groups.count() - 1));
    }

    /**
     * Whether every population band falls inside one group of {@code groups} (an open band must start in the last
     * group). Population bands that do not fit the 18 standard groups are an error naming them.
     */
    static boolean fits(Dataset<Row> population, AgeGroups groups) {
        return misfits(population, groups).isEmpty();
    }

    static List<String> misfits(Dataset<Row> population, AgeGroups groups) {
        Column lowerIndex = ageIndex(col("age_lower"), groups);
        Column upperIndex = when(col("age_upper").isNull(), lit(groups.count() - 1)).otherwise(ageIndex(col("age_upper"), groups));
        return population.filter(lowerIndex.notEqual(upperIndex))
                .select("age_lower", "age_upper").distinct().orderBy("age_lower").limit(10).collectAsList().stream()
                .map(r -> r.isNullAt(1) ? r.getInt(0) + "+" : r.getInt(0) + "-" + r.getInt(1)).toList();
    }

    /** (year, sex, region, education, age_index, person_years), summed over the delivered bands. */
    static Dataset<Row> personYears(Dataset<Row> population, AgeGroups groups) {
        return population
                .withColumn("age_index", ageIndex(col("age_lower"), groups))
                .groupBy("year", "sex", "region", "education", "age_index")
                .agg(org.apache.spark.sql.functions.sum("population").as("person_years"));
    }

    /**
     * Events with their year, sex, region, education, age group, quality fields and site; an event counted in
     * several sites (colon, colorectal, all sites ...) appears once per site. Events in no site keep a null
     * {@code site} and a {@code no_site} reason. One scan of the table: the sites come from two broadcast lookups
     * and an explode, not from a join per kind of key.
     */
    static Dataset<Row> events(SparkSession spark, Dataset<Row> table, Measure measure, SiteCatalogue catalogue, AgeGroups groups) {
        Column age = completedYears(col("date_of_birth"), col(measure.dateColumn()));
        Column code = col(measure.codeColumn());
        Dataset<Row> events = table.select(
                year(col(measure.dateColumn())).as("year"), col("sex"), col("region"), col("education"),
                age.as("age"), ageIndex(age, groups).as("age_index"),
                substring(code, 1, 3).as("icd3"), substring(code, 1, 4).as("icd4"),
                (measure.hasMorphology() ? col("basis_of_diagnosis") : lit(null).cast("int")).as("basis_of_diagnosis"),
                (measure.hasMorphology() ? col("morphology").between(8090, 8098) : lit(false)).as("basal_cell"));
        Column sites = col(SITES);
        // Basal cell carcinoma counts in no site, whatever its code; explode_outer keeps a row in no site once.
        return withSiteList(spark, events, catalogue)
                .withColumn("no_site", when(col("basal_cell"), lit(BASAL_CELL))
                        .when(size(sites).equalTo(0), lit(OUTSIDE)).otherwise(lit(null).cast("string")))
                .withColumn("site", explode_outer(when(col("basal_cell"), array().cast("array<string>")).otherwise(sites)))
                .drop(SITES);
    }

    /** The column {@link #withSiteList} adds. */
    static final String SITES = "sites";

    /**
     * Adds {@code sites}: the sites and groups a row counts in, from its {@code icd3} and {@code icd4} columns, as
     * {@link SiteCatalogue#sitesFor} gives them (the sites of its category and, for a 4-character code, of that
     * code); an empty array for codes outside the statistics. Morphology is not looked at here.
     */
    static Dataset<Row> withSiteList(SparkSession spark, Dataset<Row> rows, SiteCatalogue catalogue) {
        List<Row> byCategory = new ArrayList<>();
        List<Row> byCode = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : catalogue.keys().entrySet()) {
            (e.getKey().length() == 3 ? byCategory : byCode).add(RowFactory.create(e.getKey(), List.copyOf(e.getValue())));
        }
        StructType schema = new StructType().add("_key", DataTypes.StringType)
                .add("_sites", DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> categories = spark.createDataFrame(byCategory, schema).toDF("_key3", "_sites3");
        Dataset<Row> codes = spark.createDataFrame(byCode, schema).toDF("_key4", "_sites4");
        Column none = array().cast("array<string>");
        return rows.join(broadcast(categories), col("icd3").equalTo(col("_key3")), "left")
                .join(broadcast(codes), col("icd4").equalTo(col("_key4")), "left")
                .withColumn(SITES, array_distinct(concat(coalesce(col("_sites3"), none), coalesce(col("_sites4"), none))))
                .drop("_key3", "_sites3", "_key4", "_sites4");
    }

    /**
     * Years and the periods they belong to: each year once as itself, and once in its multi-year period. Periods
     * are counted back from {@code lastYear} in blocks of {@code length}; an incomplete first block is left out.
     */
    static Dataset<Row> periods(SparkSession spark, int firstYear, int lastYear, int length) {
        return periods(spark, firstYear, lastYear, length, List.of());
    }

    /**
     * As {@link #periods(SparkSession, int, int, int)}, with the years of each {@code pooled} span also in that span
     * (a period type 'period' labelled "2021-2023"); a span reaching outside firstYear..lastYear keeps only the years
     * inside, under its full label, and a span equal to a block is not repeated.
     */
    static Dataset<Row> periods(SparkSession spark, int firstYear, int lastYear, int length, List<YearSpan> pooled) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Row> rows = new ArrayList<>();
        YearSpan data = new YearSpan(firstYear, lastYear);
        for (int y = firstYear; y <= lastYear; y++) {
            rows.add(RowFactory.create(y, "year", Integer.toString(y), y, y));
            YearSpan block = YearSpan.blockOf(y, lastYear, length);
            if (block.within(data) && seen.add(y + "/" + block.label())) {
                rows.add(RowFactory.create(y, "period", block.label(), block.first(), block.last()));
            }
            for (YearSpan span : pooled) {
                if (span.contains(y) && seen.add(y + "/" + span.label())) {
                    rows.add(RowFactory.create(y, "period", span.label(), span.first(), span.last()));
                }
            }
        }
        StructType schema = new StructType().add("year", DataTypes.IntegerType).add("period_type", DataTypes.StringType)
                .add("period", DataTypes.StringType).add("period_start", DataTypes.IntegerType)
                .add("period_end", DataTypes.IntegerType);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Each row once as itself and once in the totals: sex as male/female and both; region as itself and national;
     * education as 'all' and, when {@code byEducation}, as its level.
     */
    static Dataset<Row> withTotals(Dataset<Row> rows, boolean byEducation) {
        Column education = byEducation
                ? when(col("education").isNull(), array(lit("all"))).otherwise(array(lit("all"), col("education")))
                : array(lit("all"));
        return withNational(withBothSexes(rows)).withColumn("education", org.apache.spark.sql.functions.explode(education));
    }

    /** Each row twice: {@code sex} (1 or 2) as 'male' or 'female', and as 'both'. */
    static Dataset<Row> withBothSexes(Dataset<Row> rows) {
        Column label = when(col("sex").equalTo(Sex.MALE.code()), lit(Sex.MALE.label())).otherwise(lit(Sex.FEMALE.label()));
        return rows.withColumn("sex", org.apache.spark.sql.functions.explode(array(label, lit(Sex.BOTH))));
    }

    /** Each row twice: {@code region} as itself and as 'national'. */
    static Dataset<Row> withNational(Dataset<Row> rows) {
        return rows.withColumn("region", org.apache.spark.sql.functions.explode(array(col("region"), lit("national"))));
    }

    /** Column references for {@code names} and {@code more}. */
    static Column[] columns(List<String> names, String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(java.util.Arrays.asList(more));
        return all.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** Column names as the Scala sequence Spark's join-by-name takes. */
    static scala.collection.immutable.Seq<String> names(List<String> names, String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(java.util.Arrays.asList(more));
        return scala.jdk.javaapi.CollectionConverters.asScala(all).toSeq();
    }
}
