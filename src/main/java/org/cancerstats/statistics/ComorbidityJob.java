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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.AgeBands;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.core.stats.DirectStandardisation;
import org.cancerstats.core.stats.Figures;
import org.cancerstats.core.stats.StandardisedRatio;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableRow;


/**
 * Chronic conditions at diagnosis (SPEC.md sections 3 and 4): for each first tumour per person and site, the
 * conditions with onset on or before the diagnosis date (within an optional look-back window); shares with one and
 * with two or more conditions by year (and pooled period), site, sex and age group; and standardised prevalence
 * ratios against the general population, computed by the same observed/expected kernel as SIR and SMR
 * ({@link StandardisedRatio}).
 *
 * <p>Expected = Σ over patients of the population prevalence of the reference band the patient's age falls in, by
 * year and sex; a band's prevalence is the persons with the condition in the band over the population of the whole
 * band, so the reference may come in single years, 5-year groups or broad bands (RUKS: 0-44, 45-59, 60-74, 75+).
 * A patient whose year, sex and age no reference band covers is counted in {@code patients_no_reference} and left
 * out of observed and expected alike; no patient is dropped by a join.
 */
public final class ComorbidityJob extends FirstTumourJob {

    /**
     * @param refreshId     the run
     * @param sites         site catalogue
     * @param standard      standard population of the age-standardised prevalences (18 groups)
     * @param lookbackYears conditions count only with onset at most this many years before diagnosis; null for any
     * @param periodYears   length of the multi-year periods counted back from the last diagnosis year
     * @param pooled        further pooled diagnosis years (2021-2023), besides single years and the blocks
     * @param confidence    confidence level of the ratio intervals
     */
    public record Options(String refreshId, SiteCatalogue sites, StandardPopulation standard, Integer lookbackYears,
                          int periodYears, List<YearSpan> pooled, double confidence) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            pooled = List.copyOf(pooled);
            if (standard.groups() != AgeGroups.STANDARD) {
                throw new IllegalArgumentException("comorbidity standardises over 18 age groups; " + standard.name() + " has 20");
            }
        }

        /** With no pooled periods besides the blocks. */
        public Options(String refreshId, SiteCatalogue sites, StandardPopulation standard, Integer lookbackYears,
                       int periodYears, double confidence) {
            this(refreshId, sites, standard, lookbackYears, periodYears, List.of(), confidence);
        }
    }

    /**
     * @param tableVersions Delta versions written
     * @param notes         what was skipped and why, for the command to print
     */
    public record Result(Map<String, Long> tableVersions, List<String> notes) {
    }

    public ComorbidityJob(SparkSession spark, RegistryCatalog catalog) {
        this(spark, catalog, null);
    }

    /** @param firstTumours first tumours shared with other statistics of the run (not closed here), or null */
    public ComorbidityJob(SparkSession spark, RegistryCatalog catalog, FirstTumours firstTumours) {
        super(spark, catalog, firstTumours);
    }

    /** Extract tables the shares at diagnosis cannot be computed without. */
    public static final List<Extract> REQUIRED_INPUTS = List.of(Extract.INCIDENCE, Extract.COMORBIDITY);
    /** The standardised prevalence ratios need both; without them only the shares are written. */
    public static final List<Extract> OPTIONAL_INPUTS = List.of(Extract.CONDITION_PREVALENCE, Extract.POPULATION);

    public Result run(Options options) {
        catalog.requireInputs("comorbidity", REQUIRED_INPUTS);
        return withFirstTumours(options.sites(), rows -> run(options, rows));
    }

    private Result run(Options options, Dataset<Row> first) {
        List<String> absent = catalog.missing(OPTIONAL_INPUTS);
        List<TableDef> tables = absent.isEmpty()
                ? List.of(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS, PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS)
                : List.of(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS);
        catalog.ensureAll(tables);
        Column age = StatisticFrames.completedYears(col("date_of_birth"), col("date_of_diagnosis"));
        Dataset<Row> patients = first.select(col("person_key"), col("site"), col("sex"), col("date_of_diagnosis"),
                year(col("date_of_diagnosis")).as("year"), age.as("age"),
                StatisticFrames.ageIndex(age, AgeGroups.STANDARD).as("age_index"),
                StatisticFrames.ageBand(age, AgeBands.RUKS).as("age_group"));
        Integer lookback = options.lookbackYears();
        java.util.function.Function<Column, Column> onsetInWindow = onset -> lookback == null
                ? onset.leq(col("date_of_diagnosis"))
                : onset.leq(col("date_of_diagnosis")).and(onset.geq(add_months(col("date_of_diagnosis"), -12 * lookback)));
        // Each person's conditions as one row, joined to the (fewer, narrower) patient rows by person only: one
        // shuffle of each side. The conditions at diagnosis are then picked from the array, per patient row.
        Dataset<Row> histories = catalog.extract(Extract.COMORBIDITY)
                .groupBy("person_key").agg(collect_list(struct(col("onset_date"), col("condition"))).as("_history"));
        Dataset<Row> withConditions = patients.join(histories, "person_key", "left")
                .withColumn("conditions", array_distinct(transform(
                        filter(coalesce(col("_history"), array().cast("array<struct<onset_date:date,condition:string>>")),
                                h -> onsetInWindow.apply(h.getField("onset_date"))),
                        h -> h.getField("condition"))))
                .drop("_history")
                .persist();

        Row span = patients.agg(min("year"), max("year")).head();
        Dataset<Row> periods = StatisticFrames.periods(spark, span.getInt(0), span.getInt(1), options.periodYears(), options.pooled());
        catalog.overwrite(PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS, shares(withConditions, periods), options.refreshId());
        List<String> notes = new ArrayList<>();
        if (absent.isEmpty()) {
            catalog.overwrite(PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS, prevalenceRatios(withConditions, periods, options),
                    options.refreshId());
        } else {
            notes.add("standardised prevalence ratios skipped: no " + String.join(", ", absent) + " extract is loaded");
        }
        withConditions.unpersist();
        return new Result(catalog.versions(tables), List.copyOf(notes));
    }

    private static final List<String> SHARE_KEYS = List.of("period_type", "period", "period_start", "period_end", "site",
            "sex", "age_group");

    /** By single year and by period: each patient once in its year and once in every period holding it. */
    private static Dataset<Row> shares(Dataset<Row> patients, Dataset<Row> periods) {
        Dataset<Row> expanded = StatisticFrames.withBothSexes(patients.join(broadcast(periods), "year"))
                .withColumn("age_group", explode(array(col("age_group"), lit("all"))));
        Column n = size(col("conditions"));
        Column[] keys = StatisticFrames.columns(SHARE_KEYS);
        Dataset<Row> counts = expanded.groupBy(keys).agg(
                count(lit(1)).as("patients"),
                sum(when(n.geq(1), 1L).otherwise(0L)).as("with_1plus"),
                sum(when(n.geq(2), 1L).otherwise(0L)).as("with_2plus"));
        Dataset<Row> byCondition = expanded.withColumn("condition", explode(col("conditions")))
                .groupBy(StatisticFrames.columns(SHARE_KEYS, "condition")).agg(count(lit(1)).as("n"))
                .groupBy(keys).agg(map_from_entries(collect_list(struct(col("condition"), col("n"))))
                        .as("by_condition"));
        return counts.join(byCondition, StatisticFrames.names(SHARE_KEYS), "left")
                .withColumn("year", when(col("period_type").equalTo("year"), col("period_start")))
                .withColumn("by_condition", coalesce(col("by_condition"),
                        org.apache.spark.sql.functions.map().cast("map<string,bigint>")))
                .withColumn("pct_1plus", col("with_1plus").multiply(100.0).divide(col("patients")))
                .withColumn("pct_2plus", col("with_2plus").multiply(100.0).divide(col("patients")));
    }

    /**
     * Per (condition, site, sex, period): observed, expected, patients without a reference, and the age strata of the
     * two standardised prevalences, handed to {@link RatioRows}.
     */
    private Dataset<Row> prevalenceRatios(Dataset<Row> patients, Dataset<Row> periods, Options options) {
        ReferenceBands reference = ReferenceBands.of(spark, catalog);
        // Renamed: the condition list below derives from the bands, and a join must not compare a column with itself.
        Dataset<Row> bands = broadcast(reference.bands().toDF("band_year", "band_sex", "band_condition", "band_lower",
                "band_upper", "prevalence"));
        // Patients by single year of age: few rows, each then matched to the band holding its age, per condition.
        Dataset<Row> strata = patients.groupBy("year", "sex", "age", "age_index", "site").agg(count(lit(1)).as("patients"));
        Dataset<Row> observed = patients.withColumn("condition", explode(col("conditions")))
                .groupBy("year", "sex", "age", "site", "condition").agg(count(lit(1)).as("observed"));
        Dataset<Row> conditions = reference.bands().select("condition").union(observed.select("condition")).distinct();
        Dataset<Row> cells = strata.crossJoin(broadcast(conditions))
                .join(observed, StatisticFrames.names(List.of("year", "sex", "age", "site", "condition")), "left")
                .withColumn("observed", coalesce(col("observed"), lit(0L)));
        Column inBand = col("year").equalTo(col("band_year")).and(col("sex").equalTo(col("band_sex")))
                .and(col("condition").equalTo(col("band_condition")))
                .and(col("age").geq(col("band_lower")))
                .and(col("band_upper").isNull().or(col("age").leq(col("band_upper"))));
        Column referenced = col("prevalence").isNotNull();
        Dataset<Row> patientCells = cells.join(bands, inBand, "left")
                .select(col("year"), col("sex"), col("age_index"), col("site"), col("condition"),
                        when(referenced, col("observed")).otherwise(0L).as("observed"),
                        when(referenced, col("patients")).otherwise(0L).as("patients"),
                        when(referenced, col("patients").multiply(col("prevalence"))).otherwise(0.0).as("expected"),
                        when(referenced, 0L).otherwise(col("patients")).as("no_reference"))
                .groupBy("year", "sex", "age_index", "site", "condition")
                .agg(sum("observed").as("observed"), sum("patients").as("patients"), sum("expected").as("expected"),
                        sum("no_reference").as("no_reference"));
        Dataset<Row> grouped = StatisticFrames.withBothSexes(patientCells.join(broadcast(periods), "year"))
                .groupBy("condition", "site", "sex", "period_type", "period", "period_start", "period_end")
                .agg(collect_list(struct(col("age_index"), col("observed"), col("patients"), col("expected"),
                        col("no_reference"))).as("strata"));
        Dataset<Row> populationGroups = StatisticFrames.withBothSexes(reference.populationCells().join(broadcast(periods), "year"))
                .groupBy("condition", "sex", "period_type", "period", "period_start", "period_end")
                .agg(collect_list(struct(col("age_index"), col("persons"), col("population"))).as("population_strata"));
        Dataset<Row> withPopulation = grouped.join(populationGroups,
                StatisticFrames.names(List.of("condition", "sex", "period_type", "period", "period_start", "period_end")), "left")
                .select(StatisticFrames.columns(RATIO_KEYS, "strata", "population_strata"));
        TableDef def = PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS;
        StructType schema = def.computedSchema();
        return spark.createDataFrame(withPopulation.javaRDD().mapPartitions(new RatioRows(options.standard(), options.confidence())),
                schema);
    }

    /** The key columns of a prevalence ratio. */
    private static final List<String> RATIO_KEYS = List.of("condition", "site", "sex", "period_type", "period", "period_start",
            "period_end");

    /** Kernel step: observed/expected with its exact interval, and the two age-standardised prevalences. */
    static final class RatioRows implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final StandardPopulation standard;
        private final double confidence;
        private final TableRow shape = PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS.computedRow();

        RatioRows(StandardPopulation standard, double confidence) {
            this.standard = standard;
            this.confidence = confidence;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            List<Row> out = new ArrayList<>();
            while (groups.hasNext()) {
                Row g = groups.next();
                int n = AgeGroups.STANDARD.count();
                long[] observed = new long[n];
                double[] patients = new double[n];
                long totalObserved = 0;
                long totalPatients = 0;
                long noReference = 0;
                double expected = 0;
                for (Row s : g.<Row>getList(g.fieldIndex("strata"))) {
                    int a = s.getAs("age_index");
                    long o = s.getAs("observed");
                    long p = s.getAs("patients");
                    observed[a] += o;
                    patients[a] += p;
                    totalObserved += o;
                    totalPatients += p;
                    expected += s.<Double>getAs("expected");
                    noReference += s.<Long>getAs("no_reference");
                }
                double[] persons = new double[n];
                double[] population = new double[n];
                int populationAt = g.fieldIndex("population_strata");
                if (!g.isNullAt(populationAt)) {
                    for (Row s : g.<Row>getList(populationAt)) {
                        int a = s.getAs("age_index");
                        persons[a] += s.<Double>getAs("persons");
                        population[a] += s.<Double>getAs("population");
                    }
                }
                long[] roundedPersons = new long[n];
                for (int a = 0; a < n; a++) {
                    roundedPersons[a] = Math.round(persons[a]);
                }
                StandardisedRatio ratio = totalPatients == 0 ? null : StandardisedRatio.of(totalObserved, expected, confidence);
                double aspPatients = DirectStandardisation.sums(observed, patients, standard.weights()).rate() * 100;
                double aspPopulation = DirectStandardisation.sums(roundedPersons, population, standard.weights()).rate() * 100;
                TableRow.Builder row = shape.row();
                for (String key : RATIO_KEYS) {
                    row.set(key, g.getAs(key));
                }
                out.add(row.set("patients", totalPatients).set("patients_no_reference", noReference)
                        .set("observed", totalObserved).set("expected", expected)
                        .set("ratio", ratio == null ? null : Figures.finiteOrNull(ratio.ratio()))
                        .set("ratio_lower", ratio == null ? null : Figures.finiteOrNull(ratio.lower()))
                        .set("ratio_upper", ratio == null ? null : Figures.finiteOrNull(ratio.upper()))
                        .set("asp_patients", Figures.finiteOrNull(aspPatients))
                        .set("asp_population", Figures.finiteOrNull(aspPopulation))
                        .set("asp_ratio", Figures.finiteOrNull(aspPatients / aspPopulation))
                        .set("standard", standard.name()).build());
            }
            return out.iterator();
        }
    }
}
