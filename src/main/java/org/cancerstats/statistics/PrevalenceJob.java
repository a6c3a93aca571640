package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.reference.VitalStatus;
import org.cancerstats.core.stats.DirectStandardisation;
import org.cancerstats.core.stats.Prevalence;
import org.cancerstats.spark.FlatMappedIterator;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableRow;


/**
 * Limited-duration and complete prevalence at year ends (SPEC.md section 4, {@link Prevalence}).
 *
 * <p>Per partition, the kernel turns each first tumour (per person and site) with its follow-up into one row per
 * index date at which the person is prevalent, carrying the shortest duration that holds them; Spark sums these
 * by stratum, adds each row to every longer duration, and joins the population for proportions. Persons without a
 * follow-up row cannot be known alive and are not counted; their number is in the result.
 */
public final class PrevalenceJob extends FirstTumourJob {

    /** Stands for "complete" in the duration arithmetic. */
    static final int COMPLETE = 999;

    /**
     * @param refreshId             the run
     * @param sites                 site catalogue
     * @param standard              standard population of the age-standardised proportion
     * @param indexDate             month and day of the index date in each year
     * @param indexYears            how many year ends, counting back from the last one follow-up reaches
     * @param registryStart         first year the registry covers, or null for the first year with diagnoses
     * @param completeCoverageYears registry years needed before "complete" prevalence counts as complete
     */
    public record Options(String refreshId, SiteCatalogue sites, StandardPopulation standard, MonthDay indexDate,
                          int indexYears, Integer registryStart, int completeCoverageYears) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            if (indexYears < 1) {
                throw new IllegalArgumentException("indexYears must be >= 1; got " + indexYears);
            }
            if (standard.groups() != AgeGroups.STANDARD) {
                throw new IllegalArgumentException("prevalence standardises over 18 age groups; " + standard.name() + " has 20");
            }
        }
    }

    /**
     * @param firstYear       first index year
     * @param lastYear        last index year
     * @param withoutFollowUp first tumours whose person has no follow-up row (not counted)
     * @param tableVersions   Delta versions written
     */
    public record Result(int firstYear, int lastYear, long withoutFollowUp, Map<String, Long> tableVersions) {
    }

    public PrevalenceJob(SparkSession spark, RegistryCatalog catalog) {
        this(spark, catalog, null);
    }

    /** @param firstTumours first tumours shared with other statistics of the run (not closed here), or null */
    public PrevalenceJob(SparkSession spark, RegistryCatalog catalog, FirstTumours firstTumours) {
        super(spark, catalog, firstTumours);
    }

    /** Extract tables prevalence cannot be computed without. */
    public static final List<Extract> REQUIRED_INPUTS = List.of(Extract.POPULATION, Extract.INCIDENCE, Extract.FOLLOWUP);

    public Result run(Options options) {
        catalog.requireInputs("prevalence", REQUIRED_INPUTS);
        return withFirstTumours(options.sites(), rows -> run(options, rows));
    }

    /** @param entries first tumours with their follow-up, kept by the caller (used twice) */
    private Result run(Options options, Dataset<Row> entries) {
        Dataset<Row> incidence = catalog.extract(Extract.INCIDENCE);
        Dataset<Row> followup = catalog.extract(Extract.FOLLOWUP).select("person_key", "vital_status", "end_of_followup");
        Row span = incidence.agg(min(year(col("date_of_diagnosis"))), max(year(col("date_of_diagnosis")))).head();
        if (span.isNullAt(0)) {
            throw new IllegalStateException("the incidence table is empty: nothing is prevalent");
        }
        int registryStart = options.registryStart() != null ? options.registryStart() : span.getInt(0);
        // The last index date is the latest one follow-up reaches: its closing date is the latest end of follow-up.
        Row closing = followup.agg(max("end_of_followup")).head();
        if (closing.isNullAt(0)) {
            throw new IllegalStateException("the followup table is empty: prevalence needs to know who is alive");
        }
        LocalDate closes = closing.getDate(0).toLocalDate();
        int last = options.indexDate().atYear(closes.getYear()).isAfter(closes) ? closes.getYear() - 1 : closes.getYear();
        int first = Math.max(registryStart, last - options.indexYears() + 1);
        long withoutFollowUp = entries.filter(col("end_of_followup").isNull()).count();

        StructType prevalentSchema = new StructType().add("year", DataTypes.IntegerType).add("site", DataTypes.StringType)
                .add("sex", DataTypes.IntegerType).add("region", DataTypes.StringType).add("age_index", DataTypes.IntegerType)
                .add("shortest", DataTypes.IntegerType);
        Dataset<Row> prevalent = spark.createDataFrame(entries.filter(col("end_of_followup").isNotNull())
                .select("site", "sex", "region", "date_of_birth", "date_of_diagnosis", "vital_status", "end_of_followup")
                .javaRDD().mapPartitions(new PrevalentAt(first, last, options.indexDate())), prevalentSchema);

        Column durations = filter(array(lit(1), lit(3), lit(5), lit(10), lit(COMPLETE)), d -> d.geq(col("shortest")));
        // Per (year, site, sex, region, age, shortest duration), then repeated for every duration it counts in.
        Dataset<Row> counts = StatisticFrames.withNational(StatisticFrames.withBothSexes(prevalent
                .groupBy("year", "site", "sex", "region", "age_index", "shortest").agg(count(lit(1)).as("n"))
                .withColumn("duration", explode(durations))));
        Dataset<Row> population = StatisticFrames.withNational(StatisticFrames.withBothSexes(
                StatisticFrames.personYears(catalog.extract(Extract.POPULATION), AgeGroups.STANDARD)
                        .filter(col("year").between(first, last))))
                .groupBy("year", "sex", "region").agg(StatisticFrames.byAgeIndex("person_years", AgeGroups.STANDARD).as("population"));
        Dataset<Row> grouped = counts.groupBy("year", "site", "sex", "region", "duration")
                .agg(StatisticFrames.byAgeIndex("n", AgeGroups.STANDARD).as("persons"))
                .join(population, StatisticFrames.names(List.of("year", "sex", "region")), "left");
        TableDef table = PrevalenceTables.PREVALENCE;
        StructType schema = table.computedSchema();
        Dataset<Row> rows = spark.createDataFrame(grouped.select("year", "site", "sex", "region", "duration", "persons", "population")
                .javaRDD().mapPartitions(new PrevalenceRows(options, registryStart)), schema);
        catalog.overwrite(table, rows, options.refreshId());
        return new Result(first, last, withoutFollowUp, catalog.versions(List.of(table)));
    }

    /** Kernel step 1: one row per index year at which a first tumour's person is prevalent. */
    static final class PrevalentAt implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final int first;
        private final int last;
        private final MonthDay indexDate;

        PrevalentAt(int first, int last, MonthDay indexDate) {
            this.first = first;
            this.last = last;
            this.indexDate = indexDate;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> entries) {
            // Lazily, entry by entry: the output (up to one row per person and index year) never sits in memory whole.
            return new FlatMappedIterator<>(entries, this::prevalentRows);
        }

        private List<Row> prevalentRows(Row e) {
            List<Row> out = new ArrayList<>();
            LocalDate birth = e.<Date>getAs("date_of_birth").toLocalDate();
            LocalDate diagnosis = e.<Date>getAs("date_of_diagnosis").toLocalDate();
            Integer vitalStatus = e.getAs("vital_status");
            boolean knownAlive = vitalStatus != null && vitalStatus == VitalStatus.ALIVE.code();
            LocalDate end = e.<Date>getAs("end_of_followup").toLocalDate();
            for (int y = Math.max(first, diagnosis.getYear()); y <= last; y++) {
                LocalDate index = indexDate.atYear(y);
                if (Prevalence.prevalent(diagnosis, end, knownAlive, index, Prevalence.COMPLETE)) {
                    int shortest = Prevalence.shortestDuration(diagnosis, index);
                    int age = (int) ChronoUnit.YEARS.between(birth, index);
                    out.add(RowFactory.create(y, e.<String>getAs("site"), e.<Integer>getAs("sex"), e.<String>getAs("region"),
                            AgeGroups.STANDARD.indexOf(Math.max(age, 0)), shortest == Prevalence.COMPLETE ? COMPLETE : shortest));
                }
            }
            return out;
        }
    }

    /** Kernel step 2: age-specific and 'all' rows of one (year, site, sex, region, duration) group. */
    static final class PrevalenceRows implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final StandardPopulation standard;
        private final MonthDay indexDate;
        private final int completeCoverageYears;
        private final int registryStart;
        private final TableRow shape = PrevalenceTables.PREVALENCE.computedRow();

        PrevalenceRows(Options options, int registryStart) {
            this.standard = options.standard();
            this.indexDate = options.indexDate();
            this.completeCoverageYears = options.completeCoverageYears();
            this.registryStart = registryStart;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            List<Row> out = new ArrayList<>();
            List<String> labels = AgeGroups.STANDARD.labels();
            while (groups.hasNext()) {
                Row g = groups.next();
                int year = g.getAs("year");
                int duration = g.getAs("duration");
                // By age index; null where the group has no row of that age group.
                long[] persons = new long[18];
                double[] population = new double[18];
                List<Long> personsByAge = g.getList(g.fieldIndex("persons"));
                for (int a = 0; a < 18; a++) {
                    persons[a] = personsByAge.get(a) == null ? 0 : personsByAge.get(a);
                }
                boolean hasPopulation = !g.isNullAt(g.fieldIndex("population"));
                if (hasPopulation) {
                    List<Double> populationByAge = g.getList(g.fieldIndex("population"));
                    for (int a = 0; a < 18; a++) {
                        population[a] = populationByAge.get(a) == null ? 0 : populationByAge.get(a);
                    }
                }
                String durationLabel = duration == COMPLETE ? "complete" : Integer.toString(duration);
                boolean coverage = duration == COMPLETE ? year - registryStart + 1 >= completeCoverageYears
                        : year - duration + 1 >= registryStart;
                Date index = Date.valueOf(indexDate.atYear(year));
                long total = 0;
                double totalPopulation = 0;
                for (int a = 0; a < 18; a++) {
                    total += persons[a];
                    totalPopulation += population[a];
                    if (persons[a] > 0) {
                        out.add(row(g, index, durationLabel, coverage).set("age_group", labels.get(a))
                                .set("age_lower", AgeGroups.STANDARD.lower(a)).set("persons", persons[a])
                                .set("population", hasPopulation ? population[a] : null)
                                .set("per_100k", per100k(persons[a], population[a], hasPopulation))
                                .set("asr_per_100k", null).set("standard", null).build());
                    }
                }
                Double asr = null;
                if (hasPopulation) {
                    double rate = DirectStandardisation.sums(persons, population, standard.weights()).rate();
                    asr = Double.isNaN(rate) ? null : rate * 100_000;
                }
                out.add(row(g, index, durationLabel, coverage).set("age_group", "all").set("age_lower", null)
                        .set("persons", total).set("population", hasPopulation ? totalPopulation : null)
                        .set("per_100k", per100k(total, totalPopulation, hasPopulation)).set("asr_per_100k", asr)
                        .set("standard", standard.name()).build());
            }
            return out.iterator();
        }

        /** A row of the group (year, site, sex, region) with its index date, duration and coverage. */
        private TableRow.Builder row(Row g, Date index, String duration, boolean coverage) {
            return shape.row().set("index_date", index).set("year", g.getAs("year")).set("site", g.getAs("site"))
                    .set("sex", g.getAs("sex")).set("region", g.getAs("region")).set("duration", duration)
                    .set("coverage_complete", coverage);
        }

        private static Double per100k(long persons, double population, boolean known) {
            return known && population > 0 ? persons / population * 100_000 : null;
        }
    }
}
