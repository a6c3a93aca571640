package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.reference.Sex;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.SurvivalExclusion;
import org.cancerstats.core.reference.SurvivalPeriods;
import org.cancerstats.core.reference.VitalStatus;
import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.core.stats.ExpectedSurvival;
import org.cancerstats.core.stats.FollowUpTime;
import org.cancerstats.core.stats.IntervalTransform;
import org.cancerstats.core.stats.NetSurvival;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;

import scala.Tuple2;

/**
 * Net survival (SPEC.md section 4, {@link NetSurvival}): first tumour per person and site, exclusions counted by
 * reason, cohort approach for each diagnosis period and period approach (left truncation at the window start) for
 * the latest window, monthly intervals to 10 years, ICSS age-standardised.
 *
 * <p>No patient is expanded into interval rows: each partition feeds its patients into one accumulator per
 * stratum (site, sex, approach, period, age band), accumulators are merged by key, and the estimates are read from
 * the merged accumulators.
 */
public final class SurvivalJob extends FirstTumourJob {

    private static final Logger LOG = LoggerFactory.getLogger(SurvivalJob.class);
    static final String[] ESTIMATORS = {"pohar_perme", "ederer2", "observed"};

    /**
     * @param refreshId   the run
     * @param sites       site catalogue (with each site's ICSS set)
     * @param icss        ICSS weights
     * @param periodYears length of the default diagnosis periods (blocks counted back from the closing year) and of
     *                    the default period-approach window
     * @param years       longest follow-up estimated, years (10)
     * @param horizons    horizons reported, years (1, 5, 10)
     * @param maxAge      oldest age at diagnosis included (89)
     * @param confidence  interval level
     * @param minStratum  fewest patients in every age band for a standardised estimate (3)
     * @param minGroup    fewest patients in the group for a standardised estimate (30)
     * @param byRegion    also estimate by region of residence at diagnosis (stage 'all')
     * @param byStage     also estimate by stage at diagnosis (region 'national'; no stage is 'unknown')
     * @param cohorts     diagnosis periods estimated by the cohort approach besides the default blocks (1993-2007)
     * @param window      the period approach's follow-up window, or null for the last {@code periodYears} years to
     *                    the closing year
     * @param transform   scale of the confidence intervals
     */
    public record Options(String refreshId, SiteCatalogue sites, IcssWeights icss, int periodYears, int years, int[] horizons,
                          int maxAge, double confidence, int minStratum, int minGroup, boolean byRegion, boolean byStage,
                          List<YearSpan> cohorts, YearSpan window, IntervalTransform transform) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            Objects.requireNonNull(transform, "transform");
            horizons = horizons.clone();
            cohorts = List.copyOf(cohorts);
            if (periodYears < 1) {
                throw new IllegalArgumentException("survival period-years must be at least 1; got " + periodYears);
            }
            // The exclusion by age follows maxAge; a patient it keeps must fall in an ICSS band, or it would be lost.
            if (icss != null && maxAge > icss.oldestAge()) {
                throw new IllegalArgumentException("survival.max-age " + maxAge + " is above " + icss.oldestAge()
                        + ", the oldest age the ICSS bands (conf/icss.csv) cover: older patients could not be standardised;"
                        + " set survival.max-age to " + icss.oldestAge() + " or less, or add bands");
            }
        }

        /** Without the region and stage breakdowns, default cohorts and window, log intervals. */
        public Options(String refreshId, SiteCatalogue sites, IcssWeights icss, int periodYears, int years, int[] horizons,
                       int maxAge, double confidence, int minStratum, int minGroup) {
            this(refreshId, sites, icss, periodYears, years, horizons, maxAge, confidence, minStratum, minGroup, false, false,
                    List.of(), null, IntervalTransform.LOG);
        }
    }

    /**
     * @param included        patients (first tumours) estimated
     * @param vitalConflicts  persons whose follow-up row contradicts the cause-of-death register, by kind (see
     *                        {@link VitalStatusCheck})
     * @param tableVersions   Delta versions written
     * @param notes           what the job left out and why (an incomplete first period, a cohort outside the data),
     *                        for the command to print
     */
    public record Result(long included, Map<String, Long> vitalConflicts, Map<String, Long> tableVersions, List<String> notes) {
    }

    public SurvivalJob(SparkSession spark, RegistryCatalog catalog) {
        this(spark, catalog, null);
    }

    /** @param firstTumours first tumours shared with other statistics of the run (not closed here), or null */
    public SurvivalJob(SparkSession spark, RegistryCatalog catalog, FirstTumours firstTumours) {
        super(spark, catalog, firstTumours);
    }

    /** Extract tables survival cannot be computed without; mortality is optional (the vital-status check uses it). */
    public static final List<Extract> REQUIRED_INPUTS = List.of(Extract.INCIDENCE, Extract.FOLLOWUP, Extract.LIFETABLE);
    public static final List<Extract> OPTIONAL_INPUTS = List.of(Extract.MORTALITY);

    public Result run(Options options) {
        catalog.requireInputs("survival", REQUIRED_INPUTS);
        return withFirstTumours(options.sites(), rows -> run(options, rows));
    }

    private Result run(Options options, Dataset<Row> firstTumours) {
        catalog.ensureAll(List.of(SurvivalTables.SURVIVAL_QUALITY, SurvivalTables.SURVIVAL, SurvivalTables.SURVIVAL_CURVE,
                RateTables.DATA_QUALITY));
        Dataset<Row> followup = catalog.extract(Extract.FOLLOWUP).select("person_key", "vital_status", "end_of_followup");
        LocalDate closing = followup.agg(max("end_of_followup")).head().getDate(0).toLocalDate();
        Column age = StatisticFrames.completedYears(col("date_of_birth"), col("date_of_diagnosis"));
        // Every criterion a patient meets, not only the first: NORDCAN reports the share excluded by each.
        // Derived from the kept first tumours: cheap to recompute, so not kept itself.
        Column[] criteria = {
                when(col("end_of_followup").isNull(), lit(SurvivalExclusion.NO_FOLLOWUP_ROW.label(options.maxAge()))),
                when(col("basis_of_diagnosis").equalTo(0), lit(SurvivalExclusion.DCO.label(options.maxAge()))),
                when(col("autopsy").equalTo(1), lit(SurvivalExclusion.AUTOPSY.label(options.maxAge()))),
                when(age.gt(options.maxAge()), lit(SurvivalExclusion.TOO_OLD.label(options.maxAge()))),
                when(col("vital_status").equalTo(VitalStatus.UNKNOWN.code()), lit(SurvivalExclusion.UNKNOWN_VITAL_STATUS.label(options.maxAge()))),
                when(col("end_of_followup").leq(col("date_of_diagnosis")),
                        lit(SurvivalExclusion.NO_FOLLOW_UP_TIME.label(options.maxAge())))};
        Dataset<Row> patients = firstTumours
                .withColumn("exclusions", functions.filter(functions.array(criteria), c -> c.isNotNull()))
                .withColumn("reason", when(functions.size(col("exclusions")).equalTo(0), lit(SurvivalExclusion.INCLUDED))
                        .otherwise(lit(SurvivalExclusion.EXCLUDED)));
        VitalStatusCheck vitalCheck = new VitalStatusCheck(spark, catalog);
        // Conflicts are few: the join ships them to the patients (broadcast when small, as adaptive execution decides).
        Dataset<Row> checked = patients.join(vitalCheck.conflicts(followup), "person_key", "left");
        // One pass over the patients for everything counted of them (survival_quality, the vital-status rows of
        // data_quality, the span and regions of the included): a small summary, kept, from which each is summed.
        Dataset<Row> summary = checked.groupBy(col("site"), col("sex"), year(col("date_of_diagnosis")).as("year"),
                        col("region"), col("reason"), col("exclusions"), col("end_of_followup").isNotNull().as("followed_up"),
                        col("conflict"))
                .agg(count(lit(1)).as("patients"))
                .persist();
        TableDef quality = SurvivalTables.SURVIVAL_QUALITY;
        // Each patient once as included or excluded, and once under every criterion met.
        Dataset<Row> qualityRows = StatisticFrames.withBothSexes(summary)
                .withColumn("reason", explode(functions.concat(functions.array(col("reason")), col("exclusions"))))
                .groupBy(col("site"), col("sex"), col("year"), col("reason"))
                .agg(functions.sum(col("patients")).as("patients"));
        catalog.overwrite(quality, qualityRows, options.refreshId());

        Map<String, Long> conflicts = vitalCheck.run(summary, checked, closing.getYear(), options.periodYears(),
                options.refreshId());

        Dataset<Row> included = patients.filter(col("reason").equalTo(SurvivalExclusion.INCLUDED));
        Row span = summary.filter(col("reason").equalTo(SurvivalExclusion.INCLUDED))
                .agg(min(col("year")), collect_set(col("region")), functions.sum(col("patients"))).head();
        summary.unpersist();
        if (span.isNullAt(0)) {
            throw new IllegalStateException("no first tumour is left for survival after the exclusions (survival_quality "
                    + "counts them by criterion)");
        }
        int firstYear = span.getInt(0);
        List<String> notes = new ArrayList<>();
        SurvivalPeriods periods = SurvivalPeriods.of(new YearSpan(firstYear, closing.getYear()), options.periodYears(),
                options.cohorts(), options.window(), notes);
        notes.forEach(n -> LOG.warn("survival: {}", n));
        LifeTables lifeTable = LifeTables.of(catalog.extract(Extract.LIFETABLE)
                .select("region", "year", "sex", "age_lower", "survival_probability").collectAsList());
        lifeTable.requireCoverage(firstYear, closing.getYear(), span.<String>getList(1));
        Map<String, String> icssSets = new HashMap<>();
        options.sites().sites().forEach(s -> icssSets.put(s.code(), s.icssSet()));

        // One partition per core: each partition ships one accumulator per stratum it saw, so more partitions than
        // cores only multiply what the merge shuffles (strata x partitions), with no gain in parallelism. Sorted by
        // site within the partition, so that the kernel holds the accumulators of one site at a time (all sites' at
        // once ran out of heap at the Nordic size).
        int cores = spark.sparkContext().defaultParallelism();
        JavaPairRDD<SurvivalStratum, NetSurvival> merged = included.coalesce(cores)
                .select(StatisticFrames.columns(List.of(Patient.COLUMNS)))
                .sortWithinPartitions("site")
                .javaRDD()
                .mapPartitionsToPair(new Accumulate(options, icssSets, lifeTable, periods, closing))
                // No map-side combine: a partition emits each stratum once already (one run per site), so combining
                // there merges nothing, while its map of accumulators (8 KiB each) spilled gigabytes at the national size.
                .combineByKey(v -> v, NetSurvival::merge, NetSurvival::merge,
                        new org.apache.spark.HashPartitioner(cores), false, null)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        StructType estimateSchema = SurvivalTables.SURVIVAL.computedSchema();
        Dataset<Row> strata = spark.createDataFrame(merged.flatMap(new SurvivalRows.EstimateRows(options)), estimateSchema);
        Dataset<Row> standardised = spark.createDataFrame(strata.filter(col("age_group").notEqual(SurvivalStratum.ALL))
                .groupBy("site", "sex", "region", "stage", "approach", "period", "horizon_years", "estimator", "icss_set")
                .agg(collect_list(struct(col("age_group"), col("patients"), col("deaths"), col("survival"), col("se"))).as("bands"))
                .javaRDD().mapPartitions(new SurvivalRows.Standardise(options)), estimateSchema);
        TableDef survival = SurvivalTables.SURVIVAL;
        catalog.overwrite(survival, strata.unionByName(standardised), options.refreshId());
        TableDef curve = SurvivalTables.SURVIVAL_CURVE;
        catalog.overwrite(curve, spark.createDataFrame(merged.filter(t -> t._1().allAges())
                .flatMap(new SurvivalRows.CurveRows(options.confidence(), options.transform(), curve)), curve.computedSchema()),
                options.refreshId());
        long count = span.getLong(2);
        merged.unpersist();
        Map<String, Long> versions = new java.util.LinkedHashMap<>(catalog.versions(List.of(quality, survival, curve)));
        versions.put(RateTables.DATA_QUALITY.name(), catalog.version(RateTables.DATA_QUALITY));
        return new Result(count, conflicts, versions, List.copyOf(notes));
    }

    /**
     * One included patient as the kernel step reads it, from a row of {@link #COLUMNS} by name.
     *
     * @param stage the stage at diagnosis, "unknown" when not given
     */
    record Patient(String site, Sex sex, LocalDate birth, LocalDate diagnosis, boolean died, LocalDate end, String region,
                   String stage) {
        static final String[] COLUMNS = {"site", "sex", "date_of_birth", "date_of_diagnosis", "vital_status",
                "end_of_followup", "region", "stage"};

        static Patient of(Row r) {
            String stage = r.getAs("stage");
            return new Patient(r.getAs("site"), Sex.ofCode(r.<Integer>getAs("sex")),
                    r.<java.sql.Date>getAs("date_of_birth").toLocalDate(),
                    r.<java.sql.Date>getAs("date_of_diagnosis").toLocalDate(),
                    r.<Integer>getAs("vital_status") == VitalStatus.DEAD.code(),
                    r.<java.sql.Date>getAs("end_of_followup").toLocalDate(), r.getAs("region"),
                    stage == null ? "unknown" : stage);
        }
    }

    /**
     * Kernel step. Each patient's interval terms are computed once and added to one accumulator, that of the finest
     * stratum (site, sex, region, stage, approach, period, ICSS set, age band); at the end of each site's rows the
     * fine accumulators are merged into every published stratum they feed (sex and both, national and region, all
     * stages and stage, age band and all ages). Merging costs per stratum, not per patient, so the breakdowns cost
     * little.
     */
    static final class Accumulate implements PairFlatMapFunction<Iterator<Row>, SurvivalStratum, NetSurvival> {
        private static final long serialVersionUID = 1L;
        private final IcssWeights icss;
        private final int years;
        private final Map<String, String> icssSets;
        private final LifeTables lifeTable;
        private final List<YearSpan> cohorts;
        /** The period approach's window: its first day, the day after its last (or after the closing day), its label. */
        private final LocalDate windowStart;
        private final LocalDate windowEnd;
        private final String window;
        private final boolean byRegion;
        private final boolean byStage;
        /** An empty accumulator of the estimated intervals, only to compute contributions with. */
        private final NetSurvival shape;

        Accumulate(Options options, Map<String, String> icssSets, LifeTables lifeTable, SurvivalPeriods periods,
                   LocalDate closing) {
            this.icss = options.icss();
            this.years = options.years();
            this.icssSets = new HashMap<>(icssSets);
            this.lifeTable = lifeTable;
            this.cohorts = periods.cohorts();
            this.windowStart = LocalDate.of(periods.window().first(), 1, 1);
            LocalDate afterWindow = LocalDate.of(periods.window().last() + 1, 1, 1);
            this.windowEnd = afterWindow.isAfter(closing) ? closing.plusDays(1) : afterWindow;
            this.window = periods.window().label();
            this.byRegion = options.byRegion();
            this.byStage = options.byStage();
            this.shape = NetSurvival.monthly(years);
        }

        /**
         * Rows sorted by site (any order is correct; sorted, only one site's accumulators are held at a time): the
         * published strata of each run of rows of one site, emitted before the next run is read.
         */
        @Override
        public Iterator<Tuple2<SurvivalStratum, NetSurvival>> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private Patient pending = rows.hasNext() ? Patient.of(rows.next()) : null;
                private Iterator<Tuple2<SurvivalStratum, NetSurvival>> current = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && pending != null) {
                        Map<SurvivalStratum, NetSurvival> fine = new HashMap<>();
                        String site = pending.site();
                        do {
                            add(pending, fine);
                            pending = rows.hasNext() ? Patient.of(rows.next()) : null;
                        } while (pending != null && site.equals(pending.site()));
                        current = publish(fine).iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public Tuple2<SurvivalStratum, NetSurvival> next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }

        /** Adds one patient's interval terms to the accumulator of its finest stratum, for each approach it enters. */
        private void add(Patient p, Map<SurvivalStratum, NetSurvival> fine) {
            LocalDate diagnosis = p.diagnosis();
            String set = icssSets.get(p.site());
            int band = icss.bandOf(set, (int) ChronoUnit.YEARS.between(p.birth(), diagnosis));
            if (band < 0) {
                return; // unreachable: Options refuses a max-age above the ICSS bands, and older patients are excluded
            }
            double age = FollowUpTime.years(p.birth(), diagnosis);
            double when = FollowUpTime.calendarYear(diagnosis);
            double exit = FollowUpTime.years(diagnosis, p.end());
            ExpectedSurvival expected = lifeTable.forRegion(p.region());
            int sex = p.sex().code();
            String ageLabel = icss.bands(set).get(band).label();
            // Cohort: every diagnosis period holding the year (the default blocks and the configured cohorts).
            NetSurvival.Contribution cohortTerms = null;
            for (YearSpan cohort : cohorts) {
                if (cohort.contains(diagnosis.getYear())) {
                    if (cohortTerms == null) {
                        cohortTerms = shape.contribution(0, exit, p.died(), sex, age, when, expected);
                    }
                    fine.computeIfAbsent(fineStratum(p, "cohort", cohort.label(), set, ageLabel),
                            k -> NetSurvival.monthly(years)).add(cohortTerms);
                }
            }
            // Period: follow-up inside the window only, entering at its start (left truncation) and censored at its end.
            double entry = Math.max(0, FollowUpTime.years(diagnosis, windowStart));
            boolean beyondWindow = !p.end().isBefore(windowEnd);
            double windowExit = beyondWindow ? FollowUpTime.years(diagnosis, windowEnd) : exit;
            if (windowExit > entry && entry < years) {
                // Diagnosed inside the window and followed to its end: the same terms as the cohort's (same arguments).
                NetSurvival.Contribution periodTerms = entry == 0 && !beyondWindow && cohortTerms != null ? cohortTerms
                        : shape.contribution(entry, windowExit, p.died() && !beyondWindow, sex, age, when, expected);
                fine.computeIfAbsent(fineStratum(p, "period", window, set, ageLabel), k -> NetSurvival.monthly(years))
                        .add(periodTerms);
            }
        }

        private static SurvivalStratum fineStratum(Patient p, String approach, String period, String set, String ageLabel) {
            return new SurvivalStratum(p.site(), p.sex().label(), p.region(), p.stage(), approach, period, set, ageLabel);
        }

        /** The fine accumulators merged into every published stratum they feed. */
        private List<Tuple2<SurvivalStratum, NetSurvival>> publish(Map<SurvivalStratum, NetSurvival> fine) {
            Map<SurvivalStratum, NetSurvival> published = new HashMap<>();
            fine.forEach((k, accumulator) -> {
                List<String[]> places = new ArrayList<>(3); // region, stage
                places.add(new String[] {SurvivalStratum.NATIONAL, SurvivalStratum.ALL});
                if (byRegion) {
                    places.add(new String[] {k.region(), SurvivalStratum.ALL});
                }
                if (byStage) {
                    places.add(new String[] {SurvivalStratum.NATIONAL, k.stage()});
                }
                for (String sex : new String[] {k.sex(), Sex.BOTH}) {
                    for (String[] place : places) {
                        for (String age : new String[] {k.ageGroup(), SurvivalStratum.ALL}) {
                            published.computeIfAbsent(k.published(sex, place[0], place[1], age),
                                    key -> NetSurvival.monthly(years)).merge(accumulator);
                        }
                    }
                }
            });
            List<Tuple2<SurvivalStratum, NetSurvival>> out = new ArrayList<>(published.size());
            published.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
            return out;
        }
    }
}
