package org.cancerstats.publish;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.LinkedCounts;
import org.cancerstats.core.disclosure.SuppressionAudit;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.tables.TableDef;

/**
 * An outsider's check of a release, from its files only ({@code manifest.json} and {@code csv/}): for every
 * suppressed count, the tightest interval the published counts allow (linear programs, {@link SuppressionAudit}),
 * over the same sums the publisher protects (the catalogue's sites and groups are public). A finding is:
 * <ul>
 *   <li>a count flagged {@code suppressed_small} whose interval is narrower than k;</li>
 *   <li>a published rate with published person-years whose implied count ({@code rate × person-years / 100,000})
 *       rounds to 1 … k−1;</li>
 *   <li>a published ASR (or cumulative risk) over an age group whose count is suppressed (the ASR is a weighted sum
 *       of those counts);</li>
 *   <li>a count shown in one table and suppressed in another;</li>
 *   <li>in prevalence, the same for its persons and proportions, and a difference between two nested durations that
 *       the release shows to be small ({@link #auditPrevalence}).</li>
 * </ul>
 */
public final class ReleaseAudit {

    /** What the audit found; empty when the release is protected as its rule asks. */
    public record Result(String release, String rule, long suppressed, long programs, List<String> findings) {
        public boolean passed() {
            return findings.isEmpty();
        }
    }

    private ReleaseAudit() {
    }

    public static Result run(SparkSession spark, String releasesDir, String release, SiteCatalogue sites) {
        ReleaseFiles files = new ReleaseFiles(spark.sparkContext().hadoopConfiguration(), releasesDir, release);
        Map<String, Object> manifest = files.manifest();
        if (manifest == null) {
            throw new IllegalArgumentException("no release " + release + " in " + releasesDir + " (no manifest.json)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) manifest.get("rule");
        int k = ((Number) rule.get("min_count")).intValue();
        @SuppressWarnings("unchecked")
        Map<String, Object> tables = (Map<String, Object>) manifest.get("tables");
        List<String> findings = new ArrayList<>();
        long suppressed = 0;
        long[] programs = new long[1];
        if (!"threshold".equals(rule.get("name"))) {
            return new Result(release, String.valueOf(rule.get("describe")), 0, 0, findings);
        }
        // Each file is parsed once, its columns the checks read kept while they need them (each table is scanned
        // three or four times: the implied counts, the cube's counts, the periods, the ASRs); the age-specific rates
        // hold both measures.
        Dataset<Row> ageSpecific = tables.containsKey(RateTables.AGE_SPECIFIC_RATES.name())
                ? readKept(spark, files, RateTables.AGE_SPECIFIC_RATES) : null;
        Dataset<Row> inequality = tables.containsKey(ComparisonTables.INEQUALITY.name())
                ? readKept(spark, files, ComparisonTables.INEQUALITY) : null;
        Dataset<Row> ratios = tables.containsKey(ComparisonTables.REGIONAL_RATIOS.name())
                ? readKept(spark, files, ComparisonTables.REGIONAL_RATIOS) : null;
        try {
            for (String measure : List.of("incidence", "mortality")) {
                RateRelease cube = readMeasure(spark, files, tables.keySet(), ageSpecific, inequality, ratios, measure, k,
                        findings);
                List<RateRelease.Key> keys = cube.keys();
                LinkedCounts counts = cube.cube(sites).build();
                boolean[] hidden = new boolean[counts.size()];
                boolean[] sensitive = new boolean[counts.size()];
                for (int c = 0; c < counts.size(); c++) {
                    hidden[c] = counts.value(c) == LinkedCounts.UNKNOWN;
                    sensitive[c] = cube.status(keys.get(c)) == CellStatus.SUPPRESSED_SMALL;
                    suppressed += hidden[c] ? 1 : 0;
                }
                for (SuppressionAudit.Interval i : SuppressionAudit.exposed(counts, hidden, sensitive, null, k, programs)) {
                    findings.add(String.format(Locale.ROOT, "%s %s: suppressed_small but confined to [%.2f, %.2f], narrower than k = %d",
                            measure, i.label(), i.lower(), i.upper(), k));
                }
            }
        } finally {
            for (Dataset<Row> kept : java.util.Arrays.asList(ageSpecific, inequality, ratios)) {
                if (kept != null) {
                    kept.unpersist();
                }
            }
        }
        if (tables.containsKey(PrevalenceTables.PREVALENCE.name())) {
            suppressed += auditPrevalence(spark, files, k, findings, programs);
        }
        return new Result(release, String.valueOf(rule.get("describe")), suppressed, programs[0], findings);
    }

    /**
     * One measure's part of the release, read: its cube of counts as the release shows them, with the findings of the
     * checks that read the rows (the implied counts, counts shown differently in two tables, ASRs over suppressed
     * counts) added to {@code findings}. The measure's own files are kept only while these checks run: the linear
     * programs on the cube that follow need the driver's heap.
     */
    private static RateRelease readMeasure(SparkSession spark, ReleaseFiles files, java.util.Set<String> published,
                                           Dataset<Row> ageSpecific, Dataset<Row> inequality, Dataset<Row> ratios,
                                           String measure, int k, List<String> findings) {
        Map<TableDef, Dataset<Row>> keyed = new LinkedHashMap<>();
        List<Dataset<Row>> kept = new ArrayList<>();
        RateRelease cube = new RateRelease();
        try {
            for (TableDef def : List.of(ProtectedRows.counts(measure), RateTables.AGE_SPECIFIC_RATES, ProtectedRows.rates(measure))) {
                if (!published.contains(def.name())) {
                    continue;
                }
                Dataset<Row> rows;
                if (def.equals(RateTables.AGE_SPECIFIC_RATES)) {
                    rows = ageSpecific;
                } else {
                    rows = readKept(spark, files, def);
                    kept.add(rows);
                }
                keyed.put(def, ProtectedRows.keyed(rows, def, measure));
                recomputableFromRates(rows, def, measure, k, findings);
            }
            for (Dataset<Row> t : keyed.values()) {
                ProtectedRows.addCounts(cube, t, true).forEach(c -> findings.add(measure + " " + c));
            }
            if (inequality != null) {
                auditInequality(cube, inequality.where(col("measure").equalTo(measure)), measure, findings);
            }
            if (ratios != null) {
                auditRegionalRatios(cube, ratios.where(col("measure").equalTo(measure)), measure, findings);
            }
            Dataset<Row> rates = keyed.get(ProtectedRows.rates(measure));
            if (rates != null) {
                // streamed a partition at a time, as the counts are: the driver never holds every key's row at once
                Iterator<Row> withAsr = rates.where(col("asr").isNotNull())
                        .select("k_time", "k_sex", "k_region", "k_education", "k_age", "k_site").distinct().toLocalIterator();
                while (withAsr.hasNext()) {
                    RateRelease.Key key = ProtectedRows.key(cube, withAsr.next());
                    if (cube.standardisedWithheld(key)) {
                        findings.add(measure + " " + key.list() + ": an ASR is published over a suppressed count");
                    }
                }
            }
            return cube;
        } finally {
            kept.forEach(Dataset::unpersist);
        }
    }

    /**
     * The inequality file's checks, after the rate tables' counts are in the cube: its two counts are cells of that
     * cube (a count it shows that the rate tables suppress, or shows otherwise, is named); a level's ASR it shows
     * must be one the rate tables could show (no suppressed count under it); the unknown share and the indices are
     * shown only with every figure they are made of.
     */
    private static void auditInequality(RateRelease cube, Dataset<Row> rows, String measure, List<String> findings) {
        ProtectedRows.addCounts(cube, cubeCells(InequalityRows.keyedCounts(rows)), true)
                .forEach(c -> findings.add(measure + " inequality " + c));
        for (String level : InequalityRows.LEVELS) {
            Iterator<Row> withAsr = rows.where(col("asr_" + level).isNotNull()).select("period", "sex", "site").distinct()
                    .toLocalIterator();
            while (withAsr.hasNext()) {
                Row r = withAsr.next();
                RateRelease.Key key = cube.key(r.getString(0), r.getString(1), RateRelease.NATIONAL, level, RateRelease.ALL,
                        r.getString(2));
                if (!cube.holds(key)) {
                    findings.add(measure + " inequality " + key.list() + ": an ASR is published of a count no rate table lists");
                } else if (cube.standardisedWithheld(key)) {
                    findings.add(measure + " inequality " + key.list() + ": an ASR is published over a suppressed count");
                }
            }
        }
        madeOfWithheld(rows, measure + " inequality", List.of(
                new Derived("unknown_education_share", col("cases").isNull().or(col("cases_unknown_education").isNull())),
                new Derived("rate_ratio", col("asr_low").isNull().or(col("asr_high").isNull())),
                new Derived("sii", col("asr_low").isNull().or(col("asr_medium").isNull()).or(col("asr_high").isNull())),
                new Derived("rii", col("asr_low").isNull().or(col("asr_medium").isNull()).or(col("asr_high").isNull()))),
                List.of("period", "sex", "site"), findings);
    }

    /** A published figure made of others, and when one of those is withheld. */
    private record Derived(String column, Column withheld) {
    }

    /** Names the rows (at most 20) that publish a figure made of one the release withholds. */
    private static void madeOfWithheld(Dataset<Row> rows, String table, List<Derived> derived, List<String> key,
                                       List<String> findings) {
        for (Derived d : derived) {
            for (Row r : rows.where(col(d.column()).isNotNull().and(d.withheld())).select(key.stream().map(c -> col(c))
                    .toArray(Column[]::new)).distinct().limit(20).collectAsList()) {
                findings.add(table + " " + r.mkString(" ") + ": " + d.column() + " is published, made of a withheld figure");
            }
        }
    }

    /** The keyed counts a release says are cells of the rate cube: all but those flagged {@code not_published}. */
    private static Dataset<Row> cubeCells(Dataset<Row> keyed) {
        return keyed.where(col(PublicTables.COUNT_FLAG).isNull().or(col(PublicTables.COUNT_FLAG).notEqual(SurvivalRows.NOT_PUBLISHED)));
    }

    /**
     * The regional ratios file's checks, after the rate tables' counts are in the cube: an observed count it shows must
     * be a cell of that cube shown with the same count (a sum the rate tables never publish, such as the whole span of
     * the data, is named); an expected count it shows must be one whose national age-group counts, of each sex it
     * is made of, are all shown (it is an ASR's equation between them); the ratio, its limits and the p-value are
     * shown only with both.
     */
    private static void auditRegionalRatios(RateRelease cube, Dataset<Row> rows, String measure, List<String> findings) {
        Dataset<Row> keyed = RegionalRatioRows.keyedCounts(rows);
        Iterator<Row> shown = keyed.where(col("cases").isNotNull()).select("k_time", "k_sex", "k_region", "k_education", "k_age",
                "k_site").distinct().toLocalIterator();
        while (shown.hasNext()) {
            RateRelease.Key key = ProtectedRows.key(cube, shown.next());
            if (!cube.holds(key)) {
                findings.add(measure + " regional_ratios " + key.list() + ": observed is published, a count no rate table lists");
            }
        }
        ProtectedRows.addCounts(cube, cubeCells(keyed), true).forEach(c -> findings.add(measure + " regional_ratios " + c));
        Iterator<Row> expected = rows.where(col("expected").isNotNull()).select("period", "sex", "site").distinct()
                .toLocalIterator();
        while (expected.hasNext()) {
            Row r = expected.next();
            List<String> sexes = r.getString(1).equals(RateRelease.BOTH) ? List.of("male", "female") : List.of(r.getString(1));
            for (String sex : sexes) {
                RateRelease.Key key = cube.key(r.getString(0), sex, RateRelease.NATIONAL, RateRelease.ALL, RateRelease.ALL,
                        r.getString(2));
                if (!cube.holds(key) || cube.standardisedWithheld(key)) {
                    findings.add(measure + " regional_ratios " + r.getString(0) + " " + r.getString(1) + " " + r.getString(2)
                            + ": expected is published over a suppressed national count of " + sex);
                }
            }
        }
        Column either = col("observed").isNull().or(col("expected").isNull());
        madeOfWithheld(rows, measure + " regional_ratios", List.of(new Derived("ratio", either),
                new Derived("ratio_lower", either), new Derived("ratio_upper", either), new Derived("p_value", either)),
                List.of("period", "sex", "region", "site"), findings);
    }

    /**
     * The prevalence file's checks: a count flagged {@code suppressed_small} narrower than k; a difference between two
     * nested durations that the release shows to be small (both shown and 1 … k−1 apart, or, with one of them
     * suppressed, confined to an interval narrower than k that holds no 0 and starts below k); a published proportion
     * whose count is suppressed or whose persons, population × proportion, come to 1 … k−1; a published ASR over a
     * suppressed age group. Returns the number of suppressed counts.
     */
    private static long auditPrevalence(SparkSession spark, ReleaseFiles files, int k, List<String> findings, long[] programs) {
        Dataset<Row> rows = readKept(spark, files, PrevalenceTables.PREVALENCE);
        PrevalenceRelease release = new PrevalenceRelease();
        try {
            PrevalenceRows.addCounts(release, rows, true);
            List<Row> implied = rows.where(col("per_100k").isNotNull().and(col("population").isNotNull()))
                    .withColumn("implied", functions.round(col("per_100k").multiply(col("population")).divide(100000.0)))
                    .where(col("persons").isNull().or(col("implied").geq(1).and(col("implied").lt(k)))).limit(20).collectAsList();
            for (Row r : implied) {
                findings.add("prevalence " + r.getAs("year") + " " + r.getAs("sex") + " " + r.getAs("region") + " " + r.getAs("age_group")
                        + " " + r.getAs("site") + " " + r.getAs("duration") + ": per_100k published, giving " + r.getAs("implied")
                        + " persons");
            }
            Iterator<Row> withAsr = rows.where(col("asr_per_100k").isNotNull())
                    .select(col("year").cast("string"), col("sex"), col("region"), col("age_group"), col("site"), col("duration"))
                    .toLocalIterator();
            while (withAsr.hasNext()) {
                Row r = withAsr.next();
                PrevalenceRelease.Key key = release.key(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5));
                if (release.standardisedWithheld(key)) {
                    findings.add("prevalence " + key.list() + ": an ASR is published over a suppressed count");
                }
            }
        } finally {
            rows.unpersist();
        }
        LinkedCounts counts = release.cube().build();
        List<PrevalenceRelease.Key> keys = release.keys(); // with the bands the cube added
        release.smallKnownBands(k).forEach(b -> findings.add("prevalence " + b.list()
                + ": the published durations around this band differ by 1 to " + (k - 1) + " persons"));
        boolean[] hidden = new boolean[counts.size()];
        boolean[] sensitive = new boolean[counts.size()];
        long suppressed = 0;
        for (int c = 0; c < counts.size(); c++) {
            hidden[c] = counts.value(c) == LinkedCounts.UNKNOWN;
            boolean band = keys.get(c).isBand();
            // a band the release does not tell exactly is checked as if it were small: the outsider cannot tell
            sensitive[c] = band ? hidden[c] : release.status(keys.get(c)) == CellStatus.SUPPRESSED_SMALL;
            suppressed += hidden[c] && !band ? 1 : 0;
        }
        for (SuppressionAudit.Interval i : SuppressionAudit.exposed(counts, hidden, sensitive, null, k, programs)) {
            boolean band = keys.get(i.cell()).isBand();
            if (!band) {
                findings.add(String.format(Locale.ROOT, "prevalence %s: suppressed_small but confined to [%.2f, %.2f], narrower than k = %d",
                        i.label(), i.lower(), i.upper(), k));
            } else if (i.lowestCount() >= 1 && i.lowestCount() < k) { // known not to be 0, and possibly 1 to k−1
                findings.add(String.format(Locale.ROOT, "prevalence %s: this difference between durations is confined to "
                        + "[%.2f, %.2f], narrower than k = %d and possibly small", i.label(), i.lower(), i.upper(), k));
            }
        }
        return suppressed;
    }

    /** The columns of a release's tables that the checks read; the others (intervals, other flags) are not parsed. */
    private static final List<String> READ = List.of("measure", "year", "period_type", "period", "period_start", "period_end",
            "sex", "region", "education", "site", "age_group", "age_range", "age_lower", "cases", PublicTables.COUNT_FLAG,
            "person_years", "crude_rate", "rate", "asr", "duration", "persons", "population", "per_100k", "asr_per_100k",
            "cases_unknown_education", InequalityRows.UNKNOWN_COUNT_FLAG, "unknown_education_share", "asr_high", "asr_medium",
            "asr_low", "rate_ratio", "sii", "rii", "observed", "expected", "ratio", "ratio_lower", "ratio_upper", "p_value");

    /** One table read from its CSV file, as an outsider would, in the columns the checks read, kept until unpersisted. */
    private static Dataset<Row> readKept(SparkSession spark, ReleaseFiles files, TableDef def) {
        Dataset<Row> rows = spark.read().option("header", true).schema(PublicTables.of(def).schemaWithout(TableDef.REFRESH_ID))
                .csv(files.folder() + "/csv/" + def.name() + ".csv");
        List<String> columns = List.of(rows.columns());
        return rows.select(READ.stream().filter(columns::contains).map(c -> col("`" + c + "`")).toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Published rates with published person-years whose implied count is 1 … k−1. */
    private static void recomputableFromRates(Dataset<Row> rows, TableDef def, String measure, int k, List<String> findings) {
        String rate = def.columnNames().contains("crude_rate") ? "crude_rate" : def.columnNames().contains("rate") ? "rate" : null;
        if (rate == null) {
            return;
        }
        Dataset<Row> t = def.equals(RateTables.AGE_SPECIFIC_RATES) ? rows.where(col("measure").equalTo(measure)) : rows;
        List<Row> bad = t.where(col(rate).isNotNull().and(col("person_years").isNotNull()))
                .withColumn("implied", org.apache.spark.sql.functions.round(col(rate).multiply(col("person_years")).divide(100000.0)))
                .where(col("implied").geq(1).and(col("implied").lt(k))).limit(20).collectAsList();
        for (Row r : bad) {
            findings.add(measure + " " + def.name() + " " + r.getAs("period") + " " + r.getAs("sex") + " " + r.getAs("region") + " "
                    + r.getAs("site") + ": the published " + rate + " times person-years gives " + r.getAs("implied") + " cases");
        }
    }
}
