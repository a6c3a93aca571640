package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.stats.PoissonInterval;
import org.cancerstats.spark.FlatMappedIterator;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Incidence and mortality counts, crude, age-specific and age-standardised rates, cumulative risk and the
 * data-quality indicators (SPEC.md sections 3 and 4; methods in docs/methods.md).
 *
 * <p>Spark aggregates with built-in functions: events and person-years to age strata, then to every period
 * (single years and multi-year periods), sex (and both), region (and national) and education. Each group's
 * strata are collected into one row, and the Spark-free kernels of {@code core.stats} compute the rates and
 * their gamma and Poisson intervals from it ({@link RateRows}). Each output table is overwritten in one commit.
 */
public final class RatesJob {

    private static final Logger LOG = LoggerFactory.getLogger(RatesJob.class);
    private static final List<String> GROUP_KEYS = List.of("period_type", "period", "period_start", "period_end", "sex",
            "region", "education");

    /**
     * @param refreshId    the run, stored on every row
     * @param standards    standard populations to standardise to
     * @param sites        site catalogue
     * @param truncated    truncated age range {from, to}, or null
     * @param confidence   confidence level of every interval
     * @param periodYears  length of the multi-year periods
     */
    public record Options(String refreshId, List<StandardPopulation> standards, SiteCatalogue sites, int[] truncated,
                          double confidence, int periodYears) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            standards = List.copyOf(standards);
            if (periodYears < 1) {
                throw new IllegalArgumentException("periodYears must be >= 1; got " + periodYears);
            }
        }
    }

    /**
     * @param ageGroups     the strata used (FINE when the population splits 85+)
     * @param events        records per measure (incidence tumours, deaths), before site expansion
     * @param tableVersions Delta version of each table written
     */
    public record Result(AgeGroups ageGroups, Map<Measure, Long> events, Map<String, Long> tableVersions, List<String> notes) {
    }

    /** Extract tables the rates cannot be computed without; mortality is optional (incidence-only rates without it). */
    public static final List<Extract> REQUIRED_INPUTS = List.of(Extract.POPULATION, Extract.INCIDENCE);
    public static final List<Extract> OPTIONAL_INPUTS = List.of(Extract.MORTALITY);

    private final SparkSession spark;
    private final RegistryCatalog catalog;

    public RatesJob(SparkSession spark, RegistryCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    public Result run(Options options) {
        catalog.requireInputs("rates", REQUIRED_INPUTS);
        List<Measure> measures = java.util.Arrays.stream(Measure.values()).filter(m -> catalog.exists(m.extract())).toList();
        List<String> notes = new ArrayList<>();
        if (!measures.contains(Measure.MORTALITY)) {
            notes.add("mortality skipped: no mortality extract is loaded (incidence only; mortality_counts, mortality_rates "
                    + "and the M:I ratio follow once one is delivered)");
        }
        List<TableDef> tables = new ArrayList<>(List.of(RateTables.INCIDENCE_COUNTS, RateTables.INCIDENCE_RATES,
                RateTables.AGE_SPECIFIC_RATES, RateTables.DATA_QUALITY));
        if (measures.contains(Measure.MORTALITY)) {
            tables.addAll(List.of(RateTables.MORTALITY_COUNTS, RateTables.MORTALITY_RATES));
        }
        catalog.ensureAll(tables);
        Dataset<Row> population = catalog.extract(Extract.POPULATION);
        AgeGroups groups = strataGroups(population);
        Dataset<Row> py = StatisticFrames.personYears(population, groups).persist(StorageLevel.MEMORY_AND_DISK());
        requireEveryAgeGroup(py, groups);
        // What the population covers, in one job rather than four small ones (each about half a second).
        Row coverage = py.agg(min("year").as("first_year"), max("year").as("last_year"), collect_set("region").as("regions"),
                collect_set("year").as("years"), max(col("education").isNotNull()).as("by_education")).head();
        if (coverage.isNullAt(coverage.fieldIndex("first_year"))) {
            throw new IllegalStateException("the population table is empty: rates need person-years");
        }
        Dataset<Row> periods = StatisticFrames.periods(spark, coverage.<Integer>getAs("first_year"),
                coverage.<Integer>getAs("last_year"), options.periodYears());
        boolean byEducation = coverage.<Boolean>getAs("by_education");
        List<String> regions = coverage.<String>getList(coverage.fieldIndex("regions")).stream().sorted().toList();
        List<Integer> populationYears = coverage.<Integer>getList(coverage.fieldIndex("years")).stream().sorted().toList();
        // One row per group (period, sex, region, education) with its age strata as an array: joined to the sites
        // and the case strata at group level, a group is one row, not one per age group.
        Dataset<Row> pyGroups = StatisticFrames.withTotals(py.join(broadcast(periods), "year"), byEducation)
                .groupBy(StatisticFrames.columns(GROUP_KEYS)).agg(StatisticFrames.byAgeIndex("person_years", groups).as("py_strata"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Map<Measure, Long> eventCounts = new LinkedHashMap<>();
        List<TableDef> written = new ArrayList<>();
        Dataset<Row> ageSpecific = null;
        Map<Measure, Dataset<Row>> quality = new LinkedHashMap<>();
        List<Dataset<Row>> persisted = new ArrayList<>(List.of(py, pyGroups));
        Dataset<Row> siteList = spark.createDataset(options.sites().sites().stream().map(SiteCatalogue.Site::code).toList(),
                Encoders.STRING()).toDF("site");
        for (Measure measure : measures) {
            Dataset<Row> events = StatisticFrames.events(spark, catalog.extract(measure.extract()), measure,
                    options.sites(), groups).persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(events);
            eventCounts.put(measure, catalog.extract(measure.extract()).count());
            Dataset<Row> sited = events.filter(col("site").isNotNull());

            TableDef countsTable = measure == Measure.INCIDENCE ? RateTables.INCIDENCE_COUNTS : RateTables.MORTALITY_COUNTS;
            catalog.overwrite(countsTable, counts(sited, events, periods, regions, siteList), options.refreshId());
            written.add(countsTable);

            Dataset<Row> caseGroups = StatisticFrames.withTotals(sited.groupBy("year", "sex", "region", "education", "age_index", "site")
                            .agg(count(lit(1)).as("cases")).join(broadcast(periods), "year"), byEducation)
                    .groupBy(StatisticFrames.columns(GROUP_KEYS, "site")).agg(StatisticFrames.byAgeIndex("cases", groups).as("case_strata"));
            // Every group with a population, for every site, and every group with cases but no population (a year or
            // region only the cases name): the keys, then the case and person-year strata (either may be null).
            Dataset<Row> grouped = pyGroups.crossJoin(broadcast(siteList))
                    .join(caseGroups, StatisticFrames.names(GROUP_KEYS, "site"), "full_outer")
                    .select(StatisticFrames.columns(GROUP_KEYS, "site", "case_strata", "py_strata"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(grouped);

            TableDef ratesTable = measure == Measure.INCIDENCE ? RateTables.INCIDENCE_RATES : RateTables.MORTALITY_RATES;
            Dataset<Row> rates = spark.createDataFrame(grouped.javaRDD().mapPartitions(
                    new RateRows(options.standards(), groups, options.truncated(), options.confidence(), ratesTable)),
                    ratesTable.computedSchema());
            catalog.overwrite(ratesTable, rates, options.refreshId());
            written.add(ratesTable);

            Dataset<Row> specific = ageSpecificRates(grouped.filter(col("education").equalTo("all")), groups, measure,
                    options.confidence());
            ageSpecific = ageSpecific == null ? specific : ageSpecific.unionByName(specific);
            quality.put(measure, dataQuality(events, periods, regions, populationYears, measure));
        }
        catalog.overwrite(RateTables.AGE_SPECIFIC_RATES, ageSpecific, options.refreshId());
        written.add(RateTables.AGE_SPECIFIC_RATES);
        // The followup rows belong to the survival job (VitalStatusCheck).
        catalog.overwriteWhere(RateTables.DATA_QUALITY, withMortalityIncidenceRatio(quality), options.refreshId(),
                col("extract").isin(Measure.INCIDENCE.table(), Measure.MORTALITY.table()));
        written.add(RateTables.DATA_QUALITY);
        persisted.forEach(Dataset::unpersist);
        LOG.info("rates from {} tumours and {} deaths, {} age strata", eventCounts.get(Measure.INCIDENCE),
                eventCounts.get(Measure.MORTALITY), groups.count());
        return new Result(groups, eventCounts, catalog.versions(written), List.copyOf(notes));
    }

    /** FINE when every population band sits inside one of the 20 groups, else STANDARD; an error if neither. */
    private static AgeGroups strataGroups(Dataset<Row> population) {
        if (StatisticFrames.fits(population, AgeGroups.FINE)) {
            return AgeGroups.FINE;
        }
        List<String> misfits = StatisticFrames.misfits(population, AgeGroups.STANDARD);
        if (!misfits.isEmpty()) {
            throw new IllegalStateException("population age bands " + misfits + " do not fit the 5-year groups "
                    + AgeGroups.STANDARD.labels() + "; deliver single years or 5-year groups");
        }
        LOG.info("population has no 85-89/90-94/95+ detail: europe_2013_fine is not computed");
        return AgeGroups.STANDARD;
    }

    /** Every (year, sex, region, education) of the population must have every age group: an error names the gaps. */
    private static void requireEveryAgeGroup(Dataset<Row> personYears, AgeGroups groups) {
        // education is null when the population has none: fill it so that the equi-join matches.
        Dataset<Row> py = personYears.na().fill("", new String[] {"education"});
        Dataset<Row> strata = py.select("year", "sex", "region", "education").distinct();
        Dataset<Row> ages = py.sparkSession().range(groups.count()).select(col("id").cast("int").as("age_index"));
        Dataset<Row> missing = strata.crossJoin(ages).join(py, StatisticFrames.names(List.of("year", "sex", "region", "education", "age_index")),
                "left_anti");
        List<Row> first = missing.orderBy("year", "sex", "region", "age_index").limit(10).collectAsList();
        if (!first.isEmpty()) {
            String cells = first.stream().map(r -> "year=" + r.getAs("year") + " sex=" + r.getAs("sex") + " region="
                    + r.getAs("region") + (r.<String>getAs("education").isEmpty() ? "" : " education=" + r.getAs("education"))
                    + " age group " + groups.labels().get(r.<Integer>getAs("age_index"))).collect(Collectors.joining("; "));
            throw new IllegalStateException("the population lacks age groups: " + cells);
        }
    }

    /** Zero-filled counts by year, sex, region, 18 age groups and site. */
    private Dataset<Row> counts(Dataset<Row> sited, Dataset<Row> events, Dataset<Row> periods, List<String> regions,
                                Dataset<Row> sites) {
        List<String> labels = AgeGroups.STANDARD.labels();
        Column index18 = functions_least(col("age_index"));
        Dataset<Row> counts = sited.withColumn("age_index", index18)
                .groupBy("year", "sex", "region", "age_index", "site").agg(count(lit(1)).as("cases"));
        Dataset<Row> years = periods.filter(col("period_type").equalTo("year")).select("year")
                .union(events.select("year")).distinct();
        Dataset<Row> regionsPresent = spark.createDataset(regions, Encoders.STRING()).toDF("region")
                .union(events.select("region")).distinct();
        Dataset<Row> ages = spark.createDataFrame(IntStream.range(0, labels.size())
                .mapToObj(i -> org.apache.spark.sql.RowFactory.create(i, labels.get(i), 5 * i)).toList(),
                new org.apache.spark.sql.types.StructType().add("age_index", "int").add("age_group", "string").add("age_lower", "int"));
        Dataset<Row> sexes = spark.range(1, 3).select(col("id").cast("int").as("sex"));
        return years.crossJoin(sexes).crossJoin(regionsPresent).crossJoin(ages).crossJoin(sites)
                .join(counts, StatisticFrames.names(List.of("year", "sex", "region", "age_index", "site")), "left")
                .withColumn("cases", coalesce(col("cases"), lit(0L)))
                .select("year", "sex", "region", "age_group", "age_lower", "site", "cases");
    }

    private static Column functions_least(Column ageIndex) {
        return org.apache.spark.sql.functions.least(ageIndex, lit(AgeGroups.STANDARD.count() - 1));
    }

    /**
     * Age-specific rates per 100,000 in the 18 groups (85+ merged), with exact Poisson limits from the kernel: per
     * group row, one row for each age group that has person-years or cases.
     */
    private Dataset<Row> ageSpecificRates(Dataset<Row> grouped, AgeGroups groups, Measure measure, double confidence) {
        List<String> labels = AgeGroups.STANDARD.labels();
        TableDef def = RateTables.AGE_SPECIFIC_RATES;
        org.apache.spark.sql.types.StructType schema = def.computedSchema();
        String measureName = measure.table();
        int width = groups.count();
        TableRow shape = def.computedRow();
        return spark.createDataFrame(grouped.javaRDD().mapPartitions(rows -> {
            PoissonInterval.AtLevel poisson = PoissonInterval.AtLevel.of(confidence);
            // Lazily, group by group: a partition's rows are never all held at once.
            return new FlatMappedIterator<Row, Row>(rows, r -> {
                RateRows.Strata strata = RateRows.Strata.of(r, width).toStandardGroups();
                List<Row> ages = new ArrayList<>(labels.size());
                for (int index = 0; index < labels.size(); index++) {
                    if (!strata.present()[index]) {
                        continue;
                    }
                    long cases = strata.cases()[index];
                    double py = strata.personYears()[index];
                    double[] limits = poisson.rate(cases, py);
                    TableRow.Builder row = shape.row().set("measure", measureName);
                    for (String key : RateRows.KEYS) {
                        if (!key.equals("education")) { // the age-specific rates are over all education levels
                            row.set(key, r.getAs(key));
                        }
                    }
                    ages.add(row.set("age_group", labels.get(index)).set("age_lower", AgeGroups.STANDARD.lower(index))
                            .set("cases", cases).set("person_years", py).set("rate", py > 0 ? cases / py * 100_000 : null)
                            .set("rate_lower", py > 0 ? limits[0] * 100_000 : null)
                            .set("rate_upper", py > 0 ? limits[1] * 100_000 : null).build());
                }
                return ages;
            });
        }), schema);
    }

    /**
     * Quality indicators by site (and the no-site records), sex and period. The indicators are counted per site,
     * sex and year first, so that only those counts, not the records, are repeated for both sexes and the periods.
     */
    private Dataset<Row> dataQuality(Dataset<Row> events, Dataset<Row> periods, List<String> regions, List<Integer> years,
                                     Measure measure) {
        Column basis = col("basis_of_diagnosis");
        Column knownRegion = col("region").isin(regions.toArray());
        Column coveredYear = col("year").isin(years.toArray());
        Map<String, Column> indicators = new LinkedHashMap<>();
        indicators.put("mv_pct", basis.isin(5, 6, 7));
        indicators.put("dco_pct", basis.equalTo(0));
        indicators.put("unknown_basis_pct", basis.equalTo(9));
        indicators.put("unknown_age_pct", col("age").isNull());
        indicators.put("unknown_region_pct", org.apache.spark.sql.functions.not(knownRegion));
        indicators.put("excluded_pct", col("no_site").isNotNull().or(org.apache.spark.sql.functions.not(coveredYear)));
        List<Column> perYear = new ArrayList<>(List.of(count(lit(1)).as("records")));
        List<Column> perPeriod = new ArrayList<>(List.of(sum("records").as("records")));
        Set<String> basisOnly = Set.of("mv_pct", "dco_pct", "unknown_basis_pct"); // of tumours only
        indicators.forEach((name, condition) -> {
            perYear.add(sum(when(condition, 1L).otherwise(0L)).as(name));
            // As avg(when(condition, 100.0).otherwise(0.0)) over the records: 100 x count / records.
            Column share = sum(name).multiply(100.0).divide(sum("records"));
            perPeriod.add((basisOnly.contains(name) ? when(lit(measure == Measure.INCIDENCE), share) : share).as(name));
        });
        Dataset<Row> byYear = events.withColumn("site", coalesce(col("site"), col("no_site")))
                .groupBy("site", "sex", "year").agg(perYear.get(0), perYear.subList(1, perYear.size()).toArray(Column[]::new));
        return StatisticFrames.withBothSexes(byYear.join(broadcast(periods), "year"))
                .groupBy("site", "sex", "period_type", "period")
                .agg(perPeriod.get(0), perPeriod.subList(1, perPeriod.size()).toArray(Column[]::new))
                .withColumn("extract", lit(measure.table()));
    }

    private static Dataset<Row> withMortalityIncidenceRatio(Map<Measure, Dataset<Row>> quality) {
        if (!quality.containsKey(Measure.MORTALITY)) {
            return quality.get(Measure.INCIDENCE).withColumn("mi_ratio", lit(null).cast("double"))
                    .withColumn("vital_conflict_pct", lit(null).cast("double"))
                    .select(StatisticFrames.columns(RateTables.DATA_QUALITY.computedColumns()));
        }
        Dataset<Row> deaths = quality.get(Measure.MORTALITY)
                .select(col("site"), col("sex"), col("period_type"), col("period"), col("records").as("deaths"));
        Dataset<Row> incidence = quality.get(Measure.INCIDENCE)
                .join(deaths, StatisticFrames.names(List.of("site", "sex", "period_type", "period")), "left")
                .withColumn("mi_ratio", col("deaths").divide(col("records")))
                .drop("deaths");
        Dataset<Row> mortality = quality.get(Measure.MORTALITY).withColumn("mi_ratio", lit(null).cast("double"));
        return incidence.unionByName(mortality).withColumn("vital_conflict_pct", lit(null).cast("double"))
                .select(StatisticFrames.columns(RateTables.DATA_QUALITY.computedColumns()));
    }

}
