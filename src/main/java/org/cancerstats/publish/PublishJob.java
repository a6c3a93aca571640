package org.cancerstats.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.CellSuppression;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.spark.DriverCalls;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;

/**
 * Writes a release: every statistic table the rule can publish, as a table of the public database (each row with
 * its {@code release_id}), a CSV file, a Parquet file, a data dictionary and, last, {@code manifest.json} (release,
 * time, the Delta version of every input, the rule and its parameters, row counts, the SHA-256 of every file).
 *
 * <p>A release is never changed once its manifest is written: the same inputs and rule under the same name are a
 * no-op, and a different content under an existing name is refused. A folder without a manifest is what a killed
 * publish left; it is removed and the release made again (its rows in the public tables are replaced, by release
 * id, in one Delta commit per table).
 *
 * <p>Under {@code none} every statistic table is published. Under {@code threshold} the counts, age-specific rates
 * and rates of incidence and mortality are published protected ({@link ProtectedRows}), with the inequality and
 * regional ratio tables judged by them ({@link InequalityRows}, {@link RegionalRatioRows}); the survival estimates and
 * the regions' survival differences by their patient counts ({@link SurvivalRows}) and prevalence by its person
 * counts ({@link PrevalenceRows}); the other statistic tables
 * are left out of the release, and the manifest says so and why: their figures are not yet protected
 * (docs/publishing.md).
 */
public final class PublishJob {

    /** Bumped when what a release holds for the same inputs changes, so that such a release is not taken as the same. */
    static final int FORMAT = 3;

    /**
     * @param release   release name, or null for one made from the content ({@code r-} and 12 hex digits)
     * @param rule      the disclosure rule set
     * @param database  the public catalog database
     * @param releasesDir folder of the release folders
     * @param refreshId the run
     * @param sites     the site catalogue, for the sums between sites and groups
     */
    public record Options(String release, DisclosureRule rule, String database, String releasesDir, String refreshId,
                          SiteCatalogue sites) {
        public Options {
            if (release != null && !release.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("a release name is letters, digits, '.', '_' and '-' (at most 64), "
                        + "starting with a letter or digit; got '" + release + "'");
            }
        }
    }

    /**
     * @param release       the release id
     * @param written       false when the release already existed with the same content (nothing written)
     * @param rows          rows of each published table
     * @param withheld      tables left out, with the reason
     * @param tableVersions Delta versions of the public tables written
     * @param folder        the release folder
     * @param summary       one line for the log
     * @param notes         what the protection did and how long each part took
     */
    public record Result(String release, boolean written, Map<String, Long> rows, Map<String, String> withheld,
                         Map<String, Long> tableVersions, String folder, String summary, List<String> notes) {
    }

    /** Tables written at once. */
    static final int WRITERS = 2;

    /** One table of the release as written: its rows, the Delta version of its public table, its files' SHA-256. */
    private record Written(String table, long rows, long version, Map<String, String> sha256) {
    }

    private final SparkSession spark;
    private final RegistryCatalog catalog;

    public PublishJob(SparkSession spark, RegistryCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    public Result run(Options options) {
        Map<String, Long> inputs = catalog.dataVersions(PublicTables.STATISTICS.stream().map(TableDef::name).toList());
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no statistic table to publish in " + catalog.database() + ": run the refresh first");
        }
        DisclosureRule rule = options.rule();
        String content = DigestUtils.sha256Hex(("format " + FORMAT + "\ndatabase " + catalog.database() + "\nrule "
                + rule.describe() + "\ninputs " + inputs)
                .getBytes(StandardCharsets.UTF_8));
        String release = options.release() != null ? options.release() : "r-" + content.substring(0, 12);
        ReleaseFiles files = new ReleaseFiles(spark.sparkContext().hadoopConfiguration(), options.releasesDir(), release);
        Map<String, Object> existing = files.manifest();
        if (existing != null) {
            if (content.equals(existing.get("content_id"))) {
                return new Result(release, false, Map.of(), Map.of(), Map.of(), files.folder().toString(),
                        "release " + release + " exists with the same inputs and rule: nothing written", List.of());
            }
            throw new IllegalStateException("release " + release + " exists with other content (" + existing.get("inputs")
                    + ", " + existing.get("rule") + "); a release is never changed: publish under another name");
        }
        files.clearUnfinished();

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<String, String> withheld = new LinkedHashMap<>();
        Map<String, CellSuppression.Protection> protections = Map.of();
        ProtectedRows.Outcome protectedRows = null;
        boolean protectedAll = PublicTables.PROTECTED.stream().allMatch(t -> inputs.containsKey(t.name()));
        List<String> notes = new ArrayList<>();
        if (rule.protects() && protectedAll) {
            long start = System.nanoTime();
            protectedRows = ProtectedRows.protect(spark, catalog, rule, options.sites());
            tables.putAll(protectedRows.tables());
            protections = protectedRows.protections();
            protectedRows.protections().forEach((measure, p) -> notes.add(String.format(java.util.Locale.ROOT,
                    "%s: %d counts, %d suppressed as small, %d complementary", measure, p.status().length,
                    p.count(CellStatus.SUPPRESSED_SMALL), p.count(CellStatus.SUPPRESSED_COMPLEMENTARY))));
            notes.add(String.format(java.util.Locale.ROOT, "protected in %.1f s; %d keys with a figure withheld",
                    (System.nanoTime() - start) / 1e9, protectedRows.statusRows()));
        }
        if (rule.protects() && PublicTables.SURVIVAL_ESTIMATES.stream().allMatch(t -> inputs.containsKey(t.name()))) {
            tables.putAll(SurvivalRows.protect(spark, catalog, rule));
        }
        if (protectedRows != null && inputs.containsKey(ComparisonTables.INEQUALITY.name())) {
            tables.put(ComparisonTables.INEQUALITY.name(), InequalityRows.protect(spark, catalog, rule, protectedRows.statuses()));
        }
        if (protectedRows != null && inputs.containsKey(ComparisonTables.REGIONAL_RATIOS.name())) {
            tables.put(ComparisonTables.REGIONAL_RATIOS.name(),
                    RegionalRatioRows.protect(spark, catalog, rule, protectedRows.statuses()));
        }
        if (rule.protects() && inputs.containsKey(ComparisonTables.SURVIVAL_DIFFERENCES.name())) {
            tables.put(ComparisonTables.SURVIVAL_DIFFERENCES.name(), SurvivalRows.protectDifferences(spark, catalog, rule));
        }
        PrevalenceRows.Outcome prevalence = null;
        if (rule.protects() && inputs.containsKey(PrevalenceTables.PREVALENCE.name())) {
            long start = System.nanoTime();
            prevalence = PrevalenceRows.protect(spark, catalog, rule);
            tables.put(PrevalenceTables.PREVALENCE.name(), prevalence.rows());
            CellSuppression.Protection p = prevalence.protection();
            protections = new LinkedHashMap<>(protections);
            protections.put("prevalence", p);
            notes.add(String.format(java.util.Locale.ROOT, "prevalence: %d counts, %d suppressed as small, %d complementary; "
                    + "%d of %d differences between durations small; protected in %.1f s", p.status().length,
                    p.count(CellStatus.SUPPRESSED_SMALL), p.count(CellStatus.SUPPRESSED_COMPLEMENTARY), prevalence.smallBands(),
                    prevalence.bands(), (System.nanoTime() - start) / 1e9));
        }
        long writing = System.nanoTime();
        for (TableDef t : PublicTables.STATISTICS) {
            if (!inputs.containsKey(t.name()) || tables.containsKey(t.name())) {
                continue;
            }
            if (rule.protects()) {
                withheld.put(t.name(), PublicTables.PROTECTED.contains(t)
                        ? "the rate tables are protected together and not all of them exist"
                        : t.equals(ComparisonTables.INEQUALITY) || t.equals(ComparisonTables.REGIONAL_RATIOS)
                        ? "it is published as judged by the protected rate tables, and not all of them exist"
                        : "its figures are not protected by the threshold rule yet (docs/publishing.md)");
                continue;
            }
            Dataset<Row> rows = spark.table(catalog.qualified(t.name())).drop(TableDef.REFRESH_ID);
            for (String flag : PublicTables.flags(t)) {
                rows = rows.withColumn(flag, lit(null).cast("string"));
            }
            tables.put(t.name(), rows);
        }

        RegistryCatalog published = new RegistryCatalog(spark, options.database());
        List<TableDef> defs = tables.keySet().stream().map(name -> PublicTables.of(PublicTables.STATISTICS.stream()
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow())).toList();
        // Two tables at a time: each file is written by one task, so one table's files leave a core to the other's
        // joins and Delta write.
        List<Written> written;
        try {
            written = DriverCalls.map(defs, WRITERS, def -> write(def, tables.get(def.name()), release, files, published, options));
        } finally {
            if (protectedRows != null) {
                protectedRows.statuses().unpersist(); // also when a write fails: a test JVM runs many publishes
            }
            if (prevalence != null) {
                prevalence.statuses().unpersist();
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, Object> tableEntries = new LinkedHashMap<>();
        for (Written w : written) {
            rows.put(w.table(), w.rows());
            versions.put(options.database() + "." + w.table(), w.version());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rows", w.rows());
            entry.put("files", w.sha256());
            tableEntries.put(w.table(), entry);
        }
        String dictionary = files.writeDictionary(defs);
        files.clearParts();
        notes.add(String.format(java.util.Locale.ROOT, "tables and files written in %.1f s", (System.nanoTime() - writing) / 1e9));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("release", release);
        manifest.put("created", Instant.now().toString());
        manifest.put("content_id", content);
        manifest.put("refresh_id", options.refreshId());
        manifest.put("database", catalog.database());
        manifest.put("public_database", options.database());
        manifest.put("inputs", inputs);
        Map<String, Object> ruleEntry = new LinkedHashMap<>();
        ruleEntry.put("name", rule.name());
        ruleEntry.put("min_count", rule.minCount());
        ruleEntry.put("min_rate_cases", rule.minRateCases());
        ruleEntry.put("show_zeros", rule.showZeros());
        ruleEntry.put("unreliable", rule.flagUnreliable() ? "flag" : "suppress");
        ruleEntry.put("describe", rule.describe());
        manifest.put("rule", ruleEntry);
        Map<String, Object> suppression = new LinkedHashMap<>();
        protections.forEach((measure, p) -> suppression.put(measure, Map.of(
                "counts", p.status().length,
                CellStatus.SUPPRESSED_SMALL.flag(), p.count(CellStatus.SUPPRESSED_SMALL),
                CellStatus.SUPPRESSED_COMPLEMENTARY.flag(), p.count(CellStatus.SUPPRESSED_COMPLEMENTARY))));
        manifest.put("suppression", suppression);
        manifest.put("tables", tableEntries);
        manifest.put("withheld_tables", withheld);
        manifest.put("dictionary", Map.of(dictionary, files.sha256(dictionary)));
        RegistryCatalog.committing("write manifest " + release);
        files.writeManifest(manifest);
        String summary = "release " + release + ": " + rows.size() + " table(s), " + rows.values().stream().mapToLong(Long::longValue).sum()
                + " row(s), rule " + rule.describe() + (withheld.isEmpty() ? "" : "; not published: " + withheld.keySet());
        return new Result(release, true, rows, withheld, versions, files.folder().toString(), summary, notes);
    }

    /**
     * Writes one table's rows to the public database and then its CSV and Parquet files from what that commit wrote:
     * the protected rows are computed once, by the Delta write, and the files read the committed Parquet back (cheaper
     * than keeping the rows in memory, and the files hold exactly what the public table holds).
     */
    private Written write(TableDef def, Dataset<Row> rows, String release, ReleaseFiles files, RegistryCatalog published,
                          Options options) {
        Column[] columns = def.columnNames().stream().filter(c -> !c.equals(TableDef.REFRESH_ID)).map(c -> col("`" + c + "`"))
                .toArray(Column[]::new);
        published.overwriteWhere(def, rows.withColumn(PublicTables.RELEASE_ID, lit(release)).select(columns), options.refreshId(),
                col(PublicTables.RELEASE_ID).equalTo(release));
        long version = published.version(def.name());
        Dataset<Row> committed = spark.read().option("versionAsOf", version).table(published.qualified(def.name()))
                .where(col(PublicTables.RELEASE_ID).equalTo(release)).select(columns);
        List<String> paths = files.write(def.name(), committed);
        Map<String, String> sums = new LinkedHashMap<>();
        paths.forEach(f -> sums.put(f, files.sha256(f)));
        return new Written(def.name(), committed.count(), version, sums);
    }
}
