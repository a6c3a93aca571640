package org.cancerstats.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.CellSuppression;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.disclosure.LinkedCounts;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;

/**
 * The protected tables under a rule: for each measure, the distinct counts of its counts table, age-specific rates
 * and rates are collected (one per key: the rates' standards share their counts) and protected as one
 * {@link RateRelease} cube on the driver; the status of every key with a figure withheld goes back to Spark as a
 * table, and each table's rows are left-joined to it and get their suppressed figures set to null and flagged. The
 * keys are those of the same tables' rows, so every row has one; a key without a status is published whole.
 */
final class ProtectedRows {

    static final String UNRELIABLE = "unreliable";
    /** The status of a figure shown, in the status table (a flag column shows it as null). */
    private static final String PUBLISHED = "published";
    /** Rows of the status table per partition sent to the executors (a few MB each). */
    private static final int STATUS_ROWS_PER_SLICE = 10_000;
    /**
     * Statuses up to which every task gets all of them (a broadcast join: the table's rows are not shuffled and sorted
     * by their seven keys; about 15 MB per 100,000 statuses); above, a sort-merge join (a national release has 1.7
     * million).
     */
    static final int BROADCAST_STATUSES = 300_000;
    private static final List<String> MEASURES = List.of("incidence", "mortality");
    static final String[] KEY = {"k_measure", "k_time", "k_sex", "k_region", "k_education", "k_age", "k_site"};

    private static final List<String> CRUDE = List.of("crude_rate", "crude_lower", "crude_upper");
    private static final List<String> STANDARDISED = List.of("asr", "asr_se", "asr_lower", "asr_upper", "asr_upper_tiwari",
            "cumulative_risk_0_74", "cumulative_risk_0_79");
    private static final List<String> AGE_SPECIFIC = List.of("rate", "rate_lower", "rate_upper");

    /**
     * The published rows of each protected table, each measure's protection, and the kept statuses the rows are
     * joined to (to be unpersisted once the tables are written).
     */
    record Outcome(Map<String, Dataset<Row>> tables, Map<String, CellSuppression.Protection> protections,
                   Dataset<Row> statuses, int statusRows) {
    }

    private ProtectedRows() {
    }

    static Outcome protect(SparkSession spark, RegistryCatalog catalog, DisclosureRule rule, SiteCatalogue sites) {
        // One measure after the other: a national cube takes about a gigabyte of the driver's heap (two at once ran
        // a 4 GB driver out of memory, docs/benchmarks.md).
        List<Row> statuses = new ArrayList<>();
        Map<String, CellSuppression.Protection> protections = new LinkedHashMap<>();
        for (String measure : MEASURES) {
            Measure m = protectMeasure(catalog, measure, rule, sites);
            protections.put(m.measure(), m.protection());
            statuses.addAll(m.statuses());
        }
        StructType schema = new StructType();
        for (String k : KEY) {
            schema = schema.add(k, DataTypes.StringType, false);
        }
        schema = schema.add("count_status", DataTypes.StringType, false).add("standardised_status", DataTypes.StringType, false);
        Dataset<Row> status = statusTable(spark, statuses, schema);
        Dataset<Row> joined = joinable(status, statuses.size());
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        for (String measure : MEASURES) {
            out.put(counts(measure).name(), published(joined, keyed(catalog, counts(measure), measure), counts(measure), rule));
            out.put(rates(measure).name(), published(joined, keyed(catalog, rates(measure), measure), rates(measure), rule));
        }
        out.put(RateTables.AGE_SPECIFIC_RATES.name(), published(joined, keyed(catalog, RateTables.AGE_SPECIFIC_RATES, "incidence")
                .unionByName(keyed(catalog, RateTables.AGE_SPECIFIC_RATES, "mortality")), RateTables.AGE_SPECIFIC_RATES, rule));
        return new Outcome(out, protections, status, statuses.size());
    }

    /**
     * The statuses the driver decided, as a kept table for the rows to be joined to. From an RDD, not a local list: a
     * local relation of a few hundred thousand rows sits inside the query plan, where every analyser and optimiser
     * rule walks it (most of the driver's time, docs/benchmarks.md) and every task that scans it carries all of it.
     * Kept, so that its rows are sent to the executors once; unpersist it once the tables are written.
     */
    static Dataset<Row> statusTable(SparkSession spark, List<Row> statuses, StructType schema) {
        int slices = Math.max(spark.sparkContext().defaultParallelism(), statuses.size() / STATUS_ROWS_PER_SLICE + 1);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(statuses, slices), schema).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * The all-ages period rows of both rate tables that {@code where} keeps, keyed as the cube keys them (one row per
     * key: the rates tables hold one per standard), with their counts and, left-joined, their statuses: what a table
     * judged by the rate release ({@link InequalityRows}, {@link RegionalRatioRows}) is shown by.
     */
    static Dataset<Row> periodCells(RegistryCatalog catalog, Dataset<Row> statuses, Column where) {
        Dataset<Row> keyed = null;
        for (String measure : MEASURES) {
            Dataset<Row> m = catalog.spark().table(catalog.qualified(rates(measure).name()))
                    .where(col("age_range").equalTo(RateRelease.ALL).and(col("period_type").equalTo("period")).and(where))
                    .select(lit(measure).as("k_measure"), col("period").as("k_time"), col("sex").as("k_sex"),
                            col("region").as("k_region"), col("education").as("k_education"), lit(RateRelease.ALL).as("k_age"),
                            col("site").as("k_site"), col("cases"))
                    .distinct();
            keyed = keyed == null ? m : keyed.unionByName(m);
        }
        return keyed.join(statuses, scala.jdk.javaapi.CollectionConverters.asScala(List.of(KEY)).toSeq(), "left");
    }

    /** The status table as the right side of a join: broadcast when it holds few rows. */
    static Dataset<Row> joinable(Dataset<Row> status, int rows) {
        return rows <= BROADCAST_STATUSES ? functions.broadcast(status) : status;
    }

    /**
     * A key's count status and standardised status, as the status table holds them; null when the key is published
     * whole (a key not listed in the status table is).
     */
    static String[] statuses(CellStatus count, boolean standardisedWithheld) {
        String standardised = count.suppressed() ? count.flag()
                : standardisedWithheld ? CellStatus.SUPPRESSED_COMPLEMENTARY.flag() : PUBLISHED;
        if (!count.suppressed() && standardised.equals(PUBLISHED)) {
            return null;
        }
        return new String[] {count.suppressed() ? count.flag() : PUBLISHED, standardised};
    }

    /** What a release's {@code count_flag} says of its count (null: published). */
    static CellStatus shown(String countFlag) {
        return countFlag == null ? CellStatus.PUBLISHED : countFlag.equals(CellStatus.SUPPRESSED_SMALL.flag())
                ? CellStatus.SUPPRESSED_SMALL : CellStatus.SUPPRESSED_COMPLEMENTARY;
    }

    /** One measure protected: its protection, and the status rows of its keys with a figure withheld. */
    private record Measure(String measure, CellSuppression.Protection protection, List<Row> statuses) {
    }

    /** The counts of one measure's tables as one cube, protected. */
    private static Measure protectMeasure(RegistryCatalog catalog, String measure, DisclosureRule rule, SiteCatalogue sites) {
        RateRelease release = new RateRelease();
        List<String> conflicts = new ArrayList<>();
        for (TableDef def : List.of(counts(measure), RateTables.AGE_SPECIFIC_RATES, rates(measure))) {
            conflicts.addAll(addCounts(release, keyed(catalog, def, measure), false));
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException(measure + " " + conflicts.get(0) + " (" + conflicts.size() + " such count(s)): "
                    + "the rate tables disagree; recompute them (cancerstats rates) before publishing");
        }
        CellSuppression.Protection protection = release.protect(rule, sites);
        List<Row> statuses = new ArrayList<>();
        for (RateRelease.Key k : release.keys()) {
            String[] s = statuses(release.status(k), release.standardisedWithheld(k));
            if (s != null) {
                statuses.add(RowFactory.create(measure, k.time(), k.sex(), k.region(), k.education(), k.age(), k.site(),
                        s[0], s[1]));
            }
        }
        return new Measure(measure, protection, statuses);
    }

    /**
     * Adds the distinct counts of one keyed table to {@code release}: each key's count ({@link LinkedCounts#UNKNOWN}
     * where it is null, as in a release), its age group or truncated range, the periods and, with {@code readFlags},
     * what the release shows of it (its {@code count_flag}). Returns the keys given two different counts.
     */
    static List<String> addCounts(RateRelease release, Dataset<Row> keyed, boolean readFlags) {
        List<String> columns = List.of(keyed.columns());
        boolean withAges = columns.contains("age_lower");
        List<String> conflicts = new ArrayList<>();
        // streamed a partition at a time: the driver keeps the keys, never all the rows at once
        Iterator<Row> rows = keyed.select(col("k_time"), col("k_sex"), col("k_region"), col("k_education"), col("k_age"),
                col("k_site"), col("cases"), readFlags ? col(PublicTables.COUNT_FLAG) : lit(null).cast("string"),
                withAges ? col("age_lower") : lit(null).cast("int")).distinct().toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            RateRelease.Key key = key(release, r);
            if (withAges) {
                release.ageGroup(key.age(), r.getInt(8));
            } else {
                release.truncatedRange(key.age());
            }
            long value = r.isNullAt(6) ? LinkedCounts.UNKNOWN : r.getLong(6);
            Long other = release.offer(key, value);
            if (other != null) {
                conflicts.add(String.format(java.util.Locale.ROOT, "%s: shown as %s in one table and as %s in another", key.list(),
                        other == LinkedCounts.UNKNOWN ? "suppressed" : other, value == LinkedCounts.UNKNOWN ? "suppressed" : value));
            }
            if (readFlags) {
                release.shown(key, shown(r.getString(7)));
            }
        }
        if (columns.contains("period_type")) {
            for (Row r : keyed.where(col("period_type").equalTo("period")).select("period", "period_start", "period_end")
                    .distinct().collectAsList()) {
                release.period(r.getString(0), r.getInt(1), r.getInt(2));
            }
        }
        return conflicts;
    }

    static TableDef counts(String measure) {
        return measure.equals("incidence") ? RateTables.INCIDENCE_COUNTS : RateTables.MORTALITY_COUNTS;
    }

    static TableDef rates(String measure) {
        return measure.equals("incidence") ? RateTables.INCIDENCE_RATES : RateTables.MORTALITY_RATES;
    }

    /** The key in {@code release} of a row whose first six fields are k_time ... k_site. */
    static RateRelease.Key key(RateRelease release, Row r) {
        return release.key(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5));
    }

    /** The table's rows of one measure with their cube key (k_ columns) beside them. */
    private static Dataset<Row> keyed(RegistryCatalog catalog, TableDef def, String measure) {
        return keyed(catalog.spark().table(catalog.qualified(def.name())).drop(TableDef.REFRESH_ID), def, measure);
    }

    /** {@link #keyed(RegistryCatalog, TableDef, String)} of rows read elsewhere (a release's files, for its audit). */
    static Dataset<Row> keyed(Dataset<Row> rows, TableDef def, String measure) {
        Dataset<Row> t = rows.withColumn("k_measure", lit(measure));
        if (def.equals(RateTables.AGE_SPECIFIC_RATES)) {
            t = t.where(col("measure").equalTo(measure));
        }
        if (def.columnNames().contains("year")) { // a counts table: one row per year, sex 1/2
            return t.withColumn("k_time", col("year").cast("string"))
                    .withColumn("k_sex", when(col("sex").equalTo(1), "male").otherwise("female"))
                    .withColumn("k_region", col("region")).withColumn("k_education", lit(RateRelease.ALL))
                    .withColumn("k_age", col("age_group")).withColumn("k_site", col("site"));
        }
        return t.withColumn("k_time", col("period")).withColumn("k_sex", col("sex")).withColumn("k_region", col("region"))
                .withColumn("k_education", def.columnNames().contains("education") ? col("education") : lit(RateRelease.ALL))
                .withColumn("k_age", def.columnNames().contains("age_range") ? col("age_range") : col("age_group"))
                .withColumn("k_site", col("site"));
    }

    /**
     * The rows joined to their status, figures nulled and flagged, in the published columns (without the ends). A
     * row whose key has no status is published whole; the statuses are one per key (a left join: rows in = rows out).
     */
    private static Dataset<Row> published(Dataset<Row> status, Dataset<Row> keyed, TableDef statistic, DisclosureRule rule) {
        Dataset<Row> joined = keyed.join(status, scala.jdk.javaapi.CollectionConverters.asScala(List.of(KEY)).toSeq(), "left");
        Column countFlag = flag("count_status");
        Column unreliable = lit(rule.protects()).and(col("cases").lt(rule.minRateCases()));
        Map<String, Column> replaced = new LinkedHashMap<>();
        replaced.put("cases", when(countFlag.isNull(), col("cases")));
        replaced.put(PublicTables.COUNT_FLAG, countFlag);
        if (PublicTables.hasRates(statistic)) {
            boolean standardised = statistic.columnNames().contains("asr");
            Column rateFlag = standardised ? flag("standardised_status") : countFlag;
            Column shown = rule.flagUnreliable() ? lit(true) : unreliable.isNull().or(unreliable.unary_$bang());
            for (String f : standardised ? CRUDE : AGE_SPECIFIC) {
                replaced.put(f, when(countFlag.isNull().and(shown), col(f)));
            }
            if (standardised) {
                for (String f : STANDARDISED) {
                    replaced.put(f, when(rateFlag.isNull().and(shown), col(f)));
                }
                replaced.put("excluded_cases", when(lit(!rule.protects()).or(col("excluded_cases").equalTo(0))
                        .or(col("excluded_cases").geq(rule.minCount())), col("excluded_cases")));
            }
            replaced.put(PublicTables.RATE_FLAG, coalesce(rateFlag, when(unreliable, lit(UNRELIABLE))));
        }
        return PublicTables.select(joined, statistic, replaced);
    }

    /** The flag column of a status column: null when published, else the status. */
    static Column flag(String status) {
        return when(col(status).notEqual(PUBLISHED), col(status));
    }
}
