package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.Sex;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.core.stats.Nordpred;
import org.cancerstats.core.stats.PoissonGlm;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableRow;

/**
 * NORDPRED projections of incidence and, when delivered, mortality ({@link Nordpred}; docs/methods.md): observed
 * cases from the rate job's zero-filled counts ({@code incidence_counts}, {@code mortality_counts}) and person-years
 * from the population, in 5-year periods counted back from the last year both cover; projected person-years from
 * the {@code population_projection} extract, in the 5-year periods after it. One model per measure, site, sex and
 * region, fitted inside the Spark tasks on the aggregated counts; both sexes are the sum of the two projections.
 *
 * <p>A site with fewer than {@code minCases} cases in the last observed period, or whose model cannot be used (no
 * person-years in a fitted cell, no convergence, a negative projected rate), takes the mean rate of the last two
 * observed periods times the projected person-years, with the reason in {@code fallback_reason}: no site is left out.
 */
public final class ProjectionsJob {

    /** Extract tables the projections cannot be made without (the counts come from the rates of the same inputs). */
    public static final List<Extract> REQUIRED_INPUTS = List.of(Extract.INCIDENCE, Extract.POPULATION,
            Extract.POPULATION_PROJECTION);
    /** Mortality projections follow once a mortality extract is delivered. */
    public static final List<Extract> OPTIONAL_INPUTS = List.of(Extract.MORTALITY);

    /** The length of NORDPRED's periods. */
    static final int PERIOD_YEARS = 5;

    /**
     * @param refreshId the run
     * @param standards standard populations; those with the 18 age groups give an ASR
     * @param periods   future periods wanted, 1 to 5 (fewer when the projection covers fewer)
     * @param model     the model's settings; candidate numbers of periods above the observed ones are lowered to them,
     *                  as nordpred's default min(N, 4):min(N, 6) does
     * @param minCases  fewest cases in the last observed period for the model
     * @param byRegion  also each region
     * @param scenario  the population projection's scenario
     */
    public record Options(String refreshId, List<StandardPopulation> standards, int periods, Nordpred.Settings model,
                          int minCases, boolean byRegion, String scenario) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            Objects.requireNonNull(model, "model");
            standards = standards.stream().filter(s -> s.groups() == AgeGroups.STANDARD).toList();
            if (periods < 1 || periods > 5) {
                throw new IllegalArgumentException("projections.periods must lie in 1..5; got " + periods);
            }
        }
    }

    /**
     * @param observed      the observed years the fit may use (whole 5-year periods up to the last year); null when the
     *                      data allow no projection (said in the notes)
     * @param futurePeriods future periods projected
     * @param byMethod      per measure, the (site, sex, region) models by method (nordpred, recent_rates)
     * @param tableVersions Delta versions written
     * @param notes         what was left out or shortened and why
     */
    public record Result(YearSpan observed, int futurePeriods, Map<Measure, Map<String, Long>> byMethod,
                         Map<String, Long> tableVersions, List<String> notes) {
    }

    private final SparkSession spark;
    private final RegistryCatalog catalog;

    public ProjectionsJob(SparkSession spark, RegistryCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    public Result run(Options options) {
        catalog.requireInputs("projections", REQUIRED_INPUTS);
        RateTables.requireCounts(catalog, "projections");
        List<String> notes = new ArrayList<>();
        Dataset<Row> observedYears = StatisticFrames.personYears(catalog.extract(Extract.POPULATION), AgeGroups.STANDARD);
        Dataset<Row> counts = spark.table(catalog.qualified(RateTables.INCIDENCE_COUNTS.name()));
        Row cover = counts.agg(min("year"), max("year")).head();
        Row population = observedYears.agg(min("year"), max("year")).head();
        if (cover.isNullAt(0) || population.isNullAt(0)) {
            throw new IllegalStateException("projections need incidence counts and population; one of them is empty");
        }
        int last = Math.min(cover.getInt(1), population.getInt(1));
        int first = Math.max(cover.getInt(0), population.getInt(0));
        int observedPeriods = (last - first + 1) / PERIOD_YEARS;
        if (observedPeriods < 3) {
            return withoutProjections(options, "no projection: NORDPRED needs at least 3 whole 5-year periods of incidence "
                    + "and population; the years both cover, " + first + "-" + last + ", make " + observedPeriods);
        }
        YearSpan observed = new YearSpan(last - PERIOD_YEARS * observedPeriods + 1, last);
        if (observed.first() > first) {
            notes.add("years " + first + "-" + (observed.first() - 1) + " make no whole 5-year period ending in " + last
                    + " and are not in the fit");
        }

        Dataset<Row> projection = catalog.extract(Extract.POPULATION_PROJECTION)
                .withColumn("scenario", coalesce(col("scenario"), lit("main")));
        Dataset<Row> chosen = projection.filter(col("scenario").equalTo(options.scenario()).and(col("year").gt(last)));
        long overlapping = projection.filter(col("year").leq(last)).count();
        if (overlapping > 0) {
            notes.add(overlapping + " population_projection row(s) of years up to " + last + " not used: the population "
                    + "extract gives the observed years");
        }
        List<Integer> years = chosen.select("year").distinct().as(Encoders.INT()).collectAsList();
        int future = 0;
        while (future < options.periods() && wholePeriod(years, last + PERIOD_YEARS * future)) {
            future++;
        }
        if (future == 0) {
            List<String> scenarios = projection.select("scenario").distinct().as(Encoders.STRING()).collectAsList();
            return withoutProjections(options, "no projection: population_projection has no whole 5-year period after "
                    + last + " in scenario '" + options.scenario() + "' (projections.scenario): years "
                    + years.stream().sorted().toList() + " of scenarios " + scenarios + "; deliver " + (last + 1) + "-"
                    + (last + PERIOD_YEARS) + " at least");
        }
        if (future < options.periods()) {
            notes.add("population_projection covers " + future + " whole 5-year period(s) after " + last + "; "
                    + options.periods() + " asked for (projections.periods)");
        }
        Nordpred.Settings model = clampedCandidates(options.model(), observedPeriods);

        Column observedPeriod = lit(observedPeriods).minus(floor(lit(last).minus(col("year")).divide(PERIOD_YEARS)));
        Column futurePeriod = lit(observedPeriods + 1).plus(floor(col("year").minus(last + 1).divide(PERIOD_YEARS)));
        Dataset<Row> personYears = observedYears.filter(col("year").between(observed.first(), observed.last()))
                .withColumn("period", observedPeriod.cast("int"))
                .unionByName(StatisticFrames.personYears(chosen.drop("scenario"), AgeGroups.STANDARD)
                        .filter(col("year").leq(last + PERIOD_YEARS * future)).withColumn("period", futurePeriod.cast("int")));
        Dataset<Row> pyGroups = regions(personYears, options.byRegion())
                .groupBy("region", "sex", "age_index", "period").agg(sum("person_years").as("person_years"))
                .groupBy("region").agg(collect_list(struct(col("sex"), col("age_index"), col("period"), col("person_years")))
                        .as("py"));

        Map<Measure, Map<String, Long>> byMethod = new LinkedHashMap<>();
        List<TableDef> written = new ArrayList<>();
        for (Measure measure : List.of(Measure.INCIDENCE, Measure.MORTALITY)) {
            TableDef countsTable = measure == Measure.INCIDENCE ? RateTables.INCIDENCE_COUNTS : RateTables.MORTALITY_COUNTS;
            if (!catalog.exists(measure.extract()) || !catalog.exists(countsTable.name())) {
                notes.add(measure.table() + " projections skipped: no " + measure.table() + " extract is loaded");
                continue;
            }
            TableDef table = ProjectionTables.of(measure);
            Dataset<Row> cases = regions(spark.table(catalog.qualified(countsTable.name()))
                    .filter(col("year").between(observed.first(), observed.last()))
                    .withColumn("age_index", col("age_lower").divide(PERIOD_YEARS).cast("int"))
                    .withColumn("period", observedPeriod.cast("int")), options.byRegion())
                    .groupBy("site", "region", "sex", "age_index", "period").agg(sum("cases").as("cases"))
                    .groupBy("site", "region").agg(collect_list(struct(col("sex"), col("age_index"), col("period"),
                            col("cases"))).as("cases")).persist(); // counted, then joined: aggregated once
            Dataset<Row> groups = cases.join(pyGroups, "region").persist();
            long withoutPopulation = cases.count() - groups.count();
            if (withoutPopulation > 0) {
                // A region only the cases name has no person-years: its cases count nationally only.
                notes.add(measure.table() + ": " + withoutPopulation + " (site, region) group(s) of a region without "
                        + "population left out of the regional projections (counted nationally)");
            }
            Dataset<Row> rows = spark.createDataFrame(groups.javaRDD().mapPartitions(new ProjectionRows(options, model,
                    observed.last(), observedPeriods, future, table)), table.computedSchema());
            catalog.overwrite(table, rows, options.refreshId());
            groups.unpersist();
            cases.unpersist();
            written.add(table);
            Map<String, Long> methods = new LinkedHashMap<>();
            spark.table(catalog.qualified(table.name()))
                    .filter(col("age_group").equalTo("all").and(col("periods_ahead").equalTo(1))
                            .and(col("sex").notEqual(Sex.BOTH)))
                    .groupBy("method").agg(countDistinct(col("site"), col("sex"), col("region")))
                    .collectAsList().forEach(r -> methods.put(r.getString(0), r.getLong(1)));
            byMethod.put(measure, methods);
        }
        return new Result(observed, future, byMethod, catalog.versions(written), List.copyOf(notes));
    }

    /**
     * The tables emptied, with the reason as the note: data too short for the model is a partial delivery, not a
     * failed run, and an empty table says there is no projection rather than keeping one of older data.
     */
    private Result withoutProjections(Options options, String reason) {
        List<TableDef> written = new ArrayList<>();
        for (Measure measure : List.of(Measure.INCIDENCE, Measure.MORTALITY)) {
            if (catalog.exists(measure.extract())) {
                TableDef table = ProjectionTables.of(measure);
                catalog.overwrite(table, spark.createDataFrame(List.of(), table.computedSchema()), options.refreshId());
                written.add(table);
            }
        }
        return new Result(null, 0, Map.of(), catalog.versions(written), List.of(reason));
    }

    /** Whether {@code years} holds the 5 years after {@code before}. */
    private static boolean wholePeriod(List<Integer> years, int before) {
        for (int y = before + 1; y <= before + PERIOD_YEARS; y++) {
            if (!years.contains(y)) {
                return false;
            }
        }
        return true;
    }

    /** nordpred's default candidates are min(N, 4):min(N, 6): a candidate above the observed periods is lowered to them. */
    static Nordpred.Settings clampedCandidates(Nordpred.Settings settings, int observedPeriods) {
        List<Integer> candidates = settings.candidatePeriods().stream().map(n -> Math.min(n, observedPeriods)).distinct()
                .sorted().toList();
        return new Nordpred.Settings(settings.startEstimateAge(), settings.startUseAge(), candidates, settings.cuttrend(),
                settings.link(), settings.recent());
    }

    /** The rows as 'national' and, when {@code byRegion}, also as their region. */
    private static Dataset<Row> regions(Dataset<Row> rows, boolean byRegion) {
        return byRegion ? StatisticFrames.withNational(rows) : rows.withColumn("region", lit("national"));
    }

    /**
     * Kernel step: one (site, region) group's cases and person-years by sex, age and period into its rows, for each
     * sex and their sum. Input: site, region, cases (sex, age_index, period, cases), py (sex, age_index, period,
     * person_years); periods 1..N observed, N+1.. future.
     */
    static final class ProjectionRows implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final List<StandardPopulation> standards;
        private final Nordpred.Settings model;
        private final int minCases;
        private final int lastYear;
        private final int observed;
        private final int future;
        private final TableRow shape;

        ProjectionRows(Options options, Nordpred.Settings model, int lastYear, int observed, int future, TableDef table) {
            this.standards = options.standards();
            this.model = model;
            this.minCases = options.minCases();
            this.lastYear = lastYear;
            this.observed = observed;
            this.future = future;
            this.shape = table.computedRow();
        }

        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            List<Row> out = new ArrayList<>();
            while (groups.hasNext()) {
                Row g = groups.next();
                double[][][] cases = new double[2][Nordpred.AGE_GROUPS][observed];
                double[][][] personYears = new double[2][Nordpred.AGE_GROUPS][observed + future];
                for (Row c : g.<Row>getList(g.fieldIndex("cases"))) {
                    cases[c.<Integer>getAs("sex") - 1][c.<Integer>getAs("age_index")][c.<Integer>getAs("period") - 1] +=
                            c.<Long>getAs("cases");
                }
                for (Row p : g.<Row>getList(g.fieldIndex("py"))) {
                    personYears[p.<Integer>getAs("sex") - 1][p.<Integer>getAs("age_index")][p.<Integer>getAs("period") - 1] +=
                            p.<Double>getAs("person_years");
                }
                String site = g.getAs("site");
                String region = g.getAs("region");
                double[][] bothCases = new double[Nordpred.AGE_GROUPS][observed];
                double[][] bothYears = new double[Nordpred.AGE_GROUPS][observed + future];
                double[][] bothProjected = new double[Nordpred.AGE_GROUPS][future];
                for (Sex sex : Sex.values()) {
                    int s = sex.code() - 1;
                    Outcome outcome = project(cases[s], personYears[s]);
                    rows(out, site, sex.label(), region, cases[s], personYears[s], outcome.projection().cases(), outcome);
                    add(bothCases, cases[s]);
                    add(bothYears, personYears[s]);
                    add(bothProjected, outcome.projection().cases());
                }
                rows(out, site, Sex.BOTH, region, bothCases, bothYears, bothProjected, null);
            }
            return out.iterator();
        }

        /** The model's projection, or the recent rates with the reason the model was not used. */
        private Outcome project(double[][] cases, double[][] personYears) {
            double last = 0;
            for (double[] age : cases) {
                last += age[observed - 1];
            }
            if (last < minCases) {
                return new Outcome(Nordpred.lastTwoPeriods(cases, personYears), "fewer than " + minCases
                        + " cases in the last observed period (" + Math.round(last) + ")");
            }
            try {
                Nordpred.Projection projection = Nordpred.project(cases, personYears, model);
                if (!projection.model().converged()) {
                    return new Outcome(Nordpred.lastTwoPeriods(cases, personYears), "the model did not converge");
                }
                for (double[] age : projection.rates()) {
                    for (double rate : age) {
                        if (!(rate >= 0) || Double.isInfinite(rate)) {
                            return new Outcome(Nordpred.lastTwoPeriods(cases, personYears),
                                    "the model projects a negative or undefined rate");
                        }
                    }
                }
                return new Outcome(projection, null);
            } catch (IllegalArgumentException e) {
                return new Outcome(Nordpred.lastTwoPeriods(cases, personYears), e.getMessage());
            }
        }

        /**
         * The age rows and the all-ages rows (one per standard) of every future period.
         *
         * @param outcome the model used, or null for the sum of the sexes
         */
        private void rows(List<Row> out, String site, String sex, String region, double[][] cases, double[][] personYears,
                          double[][] projected, Outcome outcome) {
            List<String> labels = AgeGroups.STANDARD.labels();
            for (int j = 0; j < future; j++) {
                String period = (lastYear + PERIOD_YEARS * j + 1) + "-" + (lastYear + PERIOD_YEARS * (j + 1));
                double[] observedCases = new double[Nordpred.AGE_GROUPS];
                double[] observedYears = new double[Nordpred.AGE_GROUPS];
                double[] predicted = new double[Nordpred.AGE_GROUPS];
                double[] futureYears = new double[Nordpred.AGE_GROUPS];
                double[] rates = new double[Nordpred.AGE_GROUPS];
                for (int a = 0; a < Nordpred.AGE_GROUPS; a++) {
                    observedCases[a] = cases[a][observed - 1];
                    observedYears[a] = personYears[a][observed - 1];
                    predicted[a] = projected[a][j];
                    futureYears[a] = personYears[a][observed + j];
                    rates[a] = futureYears[a] > 0 ? predicted[a] / futureYears[a] : 0;
                    Nordpred.Change change = Nordpred.Change.of(new double[] {observedCases[a]},
                            new double[] {observedYears[a]}, new double[] {predicted[a]}, new double[] {futureYears[a]});
                    out.add(row(period, j, site, sex, region, outcome, change, futureYears[a])
                            .set("age_group", labels.get(a)).set("age_lower", AgeGroups.STANDARD.lower(a))
                            .set("rate", futureYears[a] > 0 ? rates[a] * 100_000 : null)
                            .set("standard", null).set("asr", null).build());
                }
                Nordpred.Change total = Nordpred.Change.of(observedCases, observedYears, predicted, futureYears);
                double years = java.util.Arrays.stream(futureYears).sum();
                for (StandardPopulation standard : standards) {
                    double[] w = standard.weights();
                    double weights = java.util.Arrays.stream(w).sum();
                    double asr = 0;
                    for (int a = 0; a < Nordpred.AGE_GROUPS; a++) {
                        asr += w[a] / weights * rates[a];
                    }
                    out.add(row(period, j, site, sex, region, outcome, total, years).set("age_group", "all")
                            .set("age_lower", null).set("rate", years > 0 ? total.predicted() / years * 100_000 : null)
                            .set("standard", standard.name()).set("asr", asr * 100_000).build());
                }
            }
        }

        private TableRow.Builder row(String period, int j, String site, String sex, String region, Outcome outcome,
                                     Nordpred.Change change, double personYears) {
            Nordpred.Model m = outcome == null ? null : outcome.projection().model();
            String method = outcome == null ? "sum_of_sexes" : m == null ? "recent_rates" : "nordpred";
            return shape.row().set("period", period).set("period_start", lastYear + PERIOD_YEARS * j + 1)
                    .set("period_end", lastYear + PERIOD_YEARS * (j + 1)).set("periods_ahead", j + 1).set("site", site)
                    .set("sex", sex).set("region", region).set("person_years", personYears).set("cases", change.predicted())
                    .set("observed_cases", change.observed()).set("change", change.change())
                    .set("change_population", change.populationPart()).set("change_risk", change.riskPart())
                    .set("method", method)
                    .set("link", m == null ? null : m.link() == PoissonGlm.Link.POWER5 ? "power5" : "poisson")
                    .set("fit_periods", m == null ? null : m.periods()).set("recent", m == null ? null : m.recent())
                    .set("recent_p", m == null ? null : m.recentP()).set("gof_p", m == null ? null : m.gofP())
                    .set("fallback_reason", outcome == null ? null : outcome.reason());
        }

        private static void add(double[][] into, double[][] values) {
            for (int a = 0; a < into.length; a++) {
                for (int p = 0; p < into[a].length; p++) {
                    into[a][p] += values[a][p];
                }
            }
        }
    }

    /** A projection and, when it is the fallback, why. */
    record Outcome(Nordpred.Projection projection, String reason) {
    }
}
