package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.stats.DirectStandardisation;
import org.cancerstats.core.stats.StandardisedRatio;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;


/**
 * Chronic conditions at diagnosis (SPEC.md sections 3 and 4): for each first tumour per person and site, the
 * conditions with onset on or before the diagnosis date (within an optional look-back window); shares with one and
 * with two or more conditions by year, site, sex and age group; and standardised prevalence ratios against the
 * general population (expected = Σ patients × population prevalence over year, sex and 5-year age group),
 * computed by the same observed/expected kernel as SIR and SMR ({@link StandardisedRatio}).
 */
public final class ComorbidityJob {

    /** The reporting age groups of the Danish RUKS figures. */
    static final List<String> RUKS_GROUPS = List.of("0-44", "45-59", "60-74", "75+");

    /**
     * @param refreshId     the run
     * @param sites         site catalogue
     * @param standard      standard population of the age-standardised prevalences (18 groups)
     * @param lookbackYears conditions count only with onset at most this many years before diagnosis; null for any
     * @param periodYears   length of the multi-year periods
     * @param confidence    confidence level of the ratio intervals
     */
    public record Options(String refreshId, SiteCatalogue sites, StandardPopulation standard, Integer lookbackYears,
                          int periodYears, double confidence) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            if (standard.groups() != AgeGroups.STANDARD) {
                throw new IllegalArgumentException("comorbidity standardises over 18 age groups; " + standard.name() + " has 20");
            }
        }
    }

    /** @param tableVersions Delta versions written */
    public record Result(Map<String, Long> tableVersions) {
    }

    private final SparkSession spark;
    private final RegistryCatalog catalog;
    private final FirstTumours sharedFirstTumours;

    public ComorbidityJob(SparkSession spark, RegistryCatalog catalog) {
        this(spark, catalog, null);
    }

    /** @param firstTumours first tumours shared with other statistics of the run (not closed here), or null */
    public ComorbidityJob(SparkSession spark, RegistryCatalog catalog, FirstTumours firstTumours) {
        this.spark = spark;
        this.catalog = catalog;
        this.sharedFirstTumours = firstTumours;
    }

    public Result run(Options options) {
        FirstTumours firstTumours = sharedFirstTumours != null ? sharedFirstTumours : new FirstTumours();
        try {
            return run(options, firstTumours.rows(spark, catalog, options.sites()));
        } finally {
            if (sharedFirstTumours == null) {
                firstTumours.close();
            }
        }
    }

    private Result run(Options options, Dataset<Row> first) {
        catalog.ensureAll(List.of(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS, PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS));
        Column age = RateInputs.completedYears(col("date_of_birth"), col("date_of_diagnosis"));
        Dataset<Row> patients = first.select(col("person_key"), col("site"), col("sex"), col("date_of_diagnosis"),
                year(col("date_of_diagnosis")).as("year"), RateInputs.ageIndex(age, AgeGroups.STANDARD).as("age_index"),
                when(age.lt(45), "0-44").when(age.lt(60), "45-59").when(age.lt(75), "60-74").otherwise("75+").as("age_group"));
        Integer lookback = options.lookbackYears();
        java.util.function.Function<Column, Column> onsetInWindow = onset -> lookback == null
                ? onset.leq(col("date_of_diagnosis"))
                : onset.leq(col("date_of_diagnosis")).and(onset.geq(add_months(col("date_of_diagnosis"), -12 * lookback)));
        // Each person's conditions as one row, joined to the (fewer, narrower) patient rows by person only: one
        // shuffle of each side. The conditions at diagnosis are then picked from the array, per patient row.
        Dataset<Row> histories = spark.table(catalog.qualified("comorbidity"))
                .groupBy("person_key").agg(collect_list(struct(col("onset_date"), col("condition"))).as("_history"));
        Dataset<Row> withConditions = patients.join(histories, "person_key", "left")
                .withColumn("conditions", array_distinct(transform(
                        filter(coalesce(col("_history"), array().cast("array<struct<onset_date:date,condition:string>>")),
                                h -> onsetInWindow.apply(h.getField("onset_date"))),
                        h -> h.getField("condition"))))
                .drop("_history")
                .persist();

        String name = catalog.ensure(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS);
        shares(withConditions).withColumn("refresh_id", lit(options.refreshId()))
                .select(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS.columnRefs()).write().mode("overwrite").insertInto(name);
        String ratios = catalog.ensure(PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS);
        prevalenceRatios(withConditions, options).withColumn("refresh_id", lit(options.refreshId()))
                .select(PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS.columnRefs()).write().mode("overwrite").insertInto(ratios);
        withConditions.unpersist();
        return new Result(catalog.versions(List.of(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS,
                PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS)));
    }

    private static Dataset<Row> shares(Dataset<Row> patients) {
        Dataset<Row> expanded = RateInputs.withBothSexes(patients)
                .withColumn("age_group", explode(array(col("age_group"), lit("all"))));
        Column n = size(col("conditions"));
        Dataset<Row> counts = expanded.groupBy("year", "site", "sex", "age_group").agg(
                count(lit(1)).as("patients"),
                sum(when(n.geq(1), 1L).otherwise(0L)).as("with_1plus"),
                sum(when(n.geq(2), 1L).otherwise(0L)).as("with_2plus"));
        Dataset<Row> byCondition = expanded.withColumn("condition", explode(col("conditions")))
                .groupBy("year", "site", "sex", "age_group", "condition").agg(count(lit(1)).as("n"))
                .groupBy("year", "site", "sex", "age_group").agg(map_from_entries(collect_list(struct(col("condition"), col("n"))))
                        .as("by_condition"));
        return counts.join(byCondition, RateInputs.names(List.of("year", "site", "sex", "age_group")), "left")
                .withColumn("by_condition", coalesce(col("by_condition"),
                        org.apache.spark.sql.functions.map().cast("map<string,bigint>")))
                .withColumn("pct_1plus", col("with_1plus").multiply(100.0).divide(col("patients")))
                .withColumn("pct_2plus", col("with_2plus").multiply(100.0).divide(col("patients")));
    }

    /**
     * Per (condition, site, sex, period): observed, expected and the age strata for the standardised prevalences,
     * handed to {@link RatioRows}.
     */
    private Dataset<Row> prevalenceRatios(Dataset<Row> patients, Options options) {
        Dataset<Row> conditionPrevalence = spark.table(catalog.qualified("condition_prevalence"))
                .withColumn("age_index", RateInputs.ageIndex(col("age_lower"), AgeGroups.STANDARD))
                .groupBy("year", "sex", "age_index", "condition").agg(sum("persons").as("persons"));
        Dataset<Row> population = RateInputs.personYears(spark.table(catalog.qualified("population")), AgeGroups.STANDARD)
                .groupBy("year", "sex", "age_index").agg(sum("person_years").as("population"));
        Dataset<Row> reference = conditionPrevalence.join(population, RateInputs.names(List.of("year", "sex", "age_index")));
        Dataset<Row> strata = patients.groupBy("year", "sex", "age_index", "site").agg(count(lit(1)).as("patients"));
        Dataset<Row> observed = patients.withColumn("condition", explode(col("conditions")))
                .groupBy("year", "sex", "age_index", "site", "condition").agg(count(lit(1)).as("observed"));
        // Only strata the general-population figures cover can be compared; the others are left out.
        Dataset<Row> cells = strata.join(reference, RateInputs.names(List.of("year", "sex", "age_index")))
                .join(observed, RateInputs.names(List.of("year", "sex", "age_index", "site", "condition")), "left")
                .withColumn("observed", coalesce(col("observed"), lit(0L)));
        Row span = patients.agg(min("year"), max("year")).head();
        Dataset<Row> periods = RateInputs.periods(spark, span.getInt(0), span.getInt(1), options.periodYears());
        Dataset<Row> grouped = RateInputs.withBothSexes(cells.join(broadcast(periods), "year"))
                .groupBy("condition", "site", "sex", "period_type", "period", "period_start", "period_end")
                .agg(collect_list(struct(col("age_index"), col("observed"), col("patients"), col("persons"), col("population")))
                        .as("strata"));
        TableDef def = PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS;
        StructType schema = def.schemaWithout("refresh_id");
        return spark.createDataFrame(grouped.javaRDD().mapPartitions(new RatioRows(options.standard(), options.confidence())), schema);
    }

    /** Kernel step: observed/expected with its exact interval, and the two age-standardised prevalences. */
    static final class RatioRows implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final StandardPopulation standard;
        private final double confidence;

        RatioRows(StandardPopulation standard, double confidence) {
            this.standard = standard;
            this.confidence = confidence;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            List<Row> out = new ArrayList<>();
            while (groups.hasNext()) {
                Row g = groups.next();
                long[] observed = new long[18];
                double[] patients = new double[18];
                long[] persons = new long[18];
                double[] population = new double[18];
                long totalObserved = 0;
                long totalPatients = 0;
                double expected = 0;
                for (Row s : g.<Row>getList(7)) {
                    int a = s.getInt(0);
                    long o = s.getLong(1);
                    long n = s.getLong(2);
                    double p = s.getDouble(3);
                    double pop = s.getDouble(4);
                    observed[a] += o;
                    patients[a] += n;
                    persons[a] += Math.round(p);
                    population[a] += pop;
                    totalObserved += o;
                    totalPatients += n;
                    expected += pop > 0 ? n * p / pop : 0; // patients × population prevalence, per year and sex stratum
                }
                StandardisedRatio ratio = StandardisedRatio.of(totalObserved, expected, confidence);
                double aspPatients = DirectStandardisation.sums(observed, patients, standard.weights()).rate() * 100;
                double aspPopulation = DirectStandardisation.sums(persons, population, standard.weights()).rate() * 100;
                out.add(RowFactory.create(g.get(0), g.get(1), g.get(2), g.get(3), g.get(4), g.get(5), g.get(6), totalPatients,
                        totalObserved, expected, finite(ratio.ratio()), finite(ratio.lower()), finite(ratio.upper()),
                        finite(aspPatients), finite(aspPopulation), finite(aspPatients / aspPopulation), standard.name()));
            }
            return out.iterator();
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }
}
