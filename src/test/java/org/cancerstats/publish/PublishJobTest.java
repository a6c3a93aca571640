package org.cancerstats.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.statistics.ComparisonsJob;
import org.cancerstats.statistics.PrevalenceJob;
import org.cancerstats.statistics.RatesJob;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.TableDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Releases of a small generated registry with many small cells (4,000 persons, 3 years, 3 regions): protected
 * releases for k = 3, 5 and 10 pass the audit from their files; a release with one complementary suppression undone
 * fails it, naming the small count; rates do not give small counts back; nothing person-level is published; a
 * release is immutable, publishing again is a no-op, and a killed publish leaves no half release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishJobTest {

    private static final String DB = "publish_generated";
    private static final String PUBLIC = "publish_generated_public";
    private final SparkSession spark = SharedSpark.get();
    private RegistryCatalog catalog;
    private SiteCatalogue sites;
    private Path releases;

    @BeforeAll
    void generateIngestRates() throws IOException {
        Path landing = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "publish-landing-");
        SyntheticRegistry.write(new GeneratorOptions(landing, 4_000, 2021, 2023, 17, List.of("Nord", "Syd", "Vest")));
        for (String unused : List.of("comorbidity", "condition_prevalence", "lifetable", "population_projection")) {
            try (Stream<Path> files = Files.walk(landing.resolve(unused))) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        catalog = new RegistryCatalog(spark, DB);
        IngestJob.Result ingest = new IngestJob(spark, SharedSpark.settings(DB), PseudonymKey.resolve(null, Map.of(), true), catalog)
                .run(new IngestJob.Options(LandingFolder.scan(spark.sparkContext().hadoopConfiguration(), landing.toString()), "t"));
        assertThat(ingest.anyRejected()).as(ingest.files().toString()).isFalse();
        sites = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));
        new RatesJob(spark, catalog).run(new RatesJob.Options("t", StandardPopulation.readAll(Path.of("conf/standards")), sites,
                new int[] {35, 64}, 0.95, 3)); // 3-year periods: the three years make one, which inequality is made of
        new PrevalenceJob(spark, catalog).run(new PrevalenceJob.Options("t", sites,
                StandardPopulation.read(Path.of("conf/standards/world_segi_1960.csv")), MonthDay.of(12, 31), 3, null, 60));
        new ComparisonsJob(spark, catalog).run(new ComparisonsJob.Options("t", 0.95, 3, 0.1));
        releases = Files.createTempDirectory(Path.of("target"), "releases-");
        // the k = 3 release, the one most tests read, is first killed before its manifest and then made again
        RegistryCatalog.beforeCommit = what -> {
            if (what.startsWith("write manifest")) {
                throw new IllegalStateException("killed at " + what);
            }
        };
        try {
            assertThatThrownBy(() -> publish("k3", THREE)).hasMessageContaining("killed at write manifest");
        } finally {
            RegistryCatalog.beforeCommit = what -> { };
        }
        killedLeftNoManifest = !Files.exists(releases.resolve("k3/manifest.json"));
        k3 = publish("k3", THREE);
    }

    private static final DisclosureRule THREE = DisclosureRule.threshold(3, 10, true, true);
    private boolean killedLeftNoManifest;
    private PublishJob.Result k3;

    private PublishJob.Result publish(String name, DisclosureRule rule) {
        return new PublishJob(spark, catalog).run(new PublishJob.Options(name, rule, PUBLIC, releases.toString(), "p-" + name, sites));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void everyProtectedReleasePassesTheAuditFromItsFiles(int k) throws IOException {
        PublishJob.Result r = k == 3 ? k3 : publish("k" + k, DisclosureRule.threshold(k, 10, true, true));
        assertThat(r.written()).isTrue();
        List<String> published = new ArrayList<>(PublicTables.PROTECTED.stream().map(TableDef::name).toList());
        published.addAll(List.of("prevalence", "inequality", "regional_ratios", "survival_differences"));
        assertThat(r.rows()).containsOnlyKeys(published.toArray(String[]::new));
        assertThat(r.withheld()).containsOnlyKeys("data_quality");
        // every small count is null and flagged, never a zero and never a dropped row
        for (String table : List.of("incidence_counts", "mortality_counts")) {
            assertThat(r.rows().get(table)).isEqualTo(spark.table(DB + "." + table).count());
            List<Row> small = spark.sql("SELECT p.cases, p.count_flag FROM " + DB + "." + table + " s JOIN " + PUBLIC + "." + table
                    + " p USING (year, sex, region, age_group, site) WHERE p.release_id = 'k" + k + "' AND s.cases BETWEEN 1 AND "
                    + (k - 1)).collectAsList();
            assertThat(small).as("%s has small counts", table).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.isNullAt(0) && "suppressed_small".equals(row.getString(1))).isTrue());
        }
        // prevalent persons too, and their proportions with them
        assertThat(r.rows().get("prevalence")).isEqualTo(spark.table(DB + ".prevalence").count());
        List<Row> smallPrevalence = spark.sql("SELECT p.persons, p.count_flag, p.per_100k FROM " + DB + ".prevalence s JOIN " + PUBLIC
                + ".prevalence p USING (year, sex, region, age_group, site, duration) WHERE p.release_id = 'k" + k
                + "' AND s.persons BETWEEN 1 AND " + (k - 1)).collectAsList();
        assertThat(smallPrevalence).as("prevalence has small counts").isNotEmpty().allSatisfy(row -> assertThat(
                row.isNullAt(0) && row.isNullAt(2) && "suppressed_small".equals(row.getString(1))).isTrue());
        // the inequality table's counts as the rate tables show them, never a small one
        assertThat(r.rows().get("inequality")).isEqualTo(spark.table(DB + ".inequality").count()).isPositive();
        List<Row> smallInequality = spark.sql("SELECT p.cases, p.count_flag, p.cases_unknown_education, p.unknown_count_flag, "
                + "p.unknown_education_share, s.cases BETWEEN 1 AND " + (k - 1) + " AS small_all, s.cases_unknown_education "
                + "BETWEEN 1 AND " + (k - 1) + " AS small_unknown FROM " + DB + ".inequality s JOIN " + PUBLIC + ".inequality p "
                + "USING (measure, site, sex, period, standard) WHERE p.release_id = 'k" + k + "' AND (s.cases BETWEEN 1 AND " + (k - 1)
                + " OR s.cases_unknown_education BETWEEN 1 AND " + (k - 1) + ")").collectAsList();
        assertThat(smallInequality).as("inequality has small counts").isNotEmpty().allSatisfy(row -> {
            assertThat(row.isNullAt(4)).as("the unknown share").isTrue();
            if (row.getBoolean(5)) {
                assertThat(row.isNullAt(0) && "suppressed_small".equals(row.getString(1))).isTrue();
            }
            if (row.getBoolean(6)) {
                assertThat(row.isNullAt(2) && "suppressed_small".equals(row.getString(3))).isTrue();
            }
        });
        assertThat(spark.sql("SELECT count(*) FROM " + PUBLIC + ".inequality WHERE release_id = 'k" + k + "' AND rate_ratio IS NOT NULL "
                + "AND (asr_low IS NULL OR asr_high IS NULL)").head().getLong(0)).as("a ratio without its two ASRs").isZero();
        // and the regional ratios' observed counts, with the ratios made of them
        List<Row> smallRatios = spark.sql("SELECT p.observed, p.count_flag, p.ratio, p.p_value FROM " + DB + ".regional_ratios s JOIN "
                + PUBLIC + ".regional_ratios p USING (measure, period, sex, region, site, whole_span) WHERE p.release_id = 'k" + k
                + "' AND s.observed BETWEEN 1 AND " + (k - 1)).collectAsList();
        assertThat(smallRatios).as("regional ratios have small counts").isNotEmpty().allSatisfy(row -> assertThat(
                row.isNullAt(0) && row.isNullAt(2) && row.isNullAt(3) && "suppressed_small".equals(row.getString(1))).isTrue());
        ReleaseAudit.Result audit = ReleaseAudit.run(spark, releases.toString(), "k" + k, sites);
        assertThat(audit.suppressed()).isPositive();
        assertThat(audit.findings()).as("k = %d", k).isEmpty();
        assertThat(impliedSmallCounts(releases.resolve("k" + k), k)).as("counts recomputed from rates").isEmpty();
    }

    /** Rows whose published rate × published person-years / 100,000 is 1 … k−1, read from the CSV files. */
    private List<String> impliedSmallCounts(Path release, int k) {
        List<String> out = new ArrayList<>();
        for (String table : List.of("incidence_rates", "mortality_rates", "age_specific_rates")) {
            String rate = table.equals("age_specific_rates") ? "rate" : "crude_rate";
            spark.read().option("header", true).option("inferSchema", true).csv(release.resolve("csv/" + table + ".csv").toString())
                    .selectExpr("round(" + rate + " * person_years / 100000) AS implied", "period", "sex", "region", "site")
                    .where("implied >= 1 AND implied < " + k).limit(5).collectAsList().forEach(row -> out.add(table + " " + row));
        }
        return out;
    }

    @Test
    void undoingOneComplementarySuppressionIsCaughtNamingTheCell() throws IOException {
        // a copy of the k = 3 release, with a rates key where of male, female and both one count is small, one
        // complementary and one published: showing the complementary one gives the small one away (both = male +
        // female). Only the rates show such a key (all ages or a truncated range), one row per standard population.
        Path copy = releases.resolve("undo");
        try (Stream<Path> files = Files.walk(releases.resolve("k3"))) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(releases.resolve("k3").relativize(p).toString()));
            }
        }
        List<Row> found = spark.sql("SELECT period, region, site, m.count_flag, f.count_flag, b.count_flag, education, age_range FROM "
                + PUBLIC
                + ".incidence_rates m JOIN " + PUBLIC + ".incidence_rates f USING (release_id, period, region, education, site, "
                + "age_range, standard) JOIN " + PUBLIC + ".incidence_rates b USING (release_id, period, region, education, site, "
                + "age_range, standard) WHERE release_id = 'k3' "
                + "AND standard = 'world_segi_1960' AND m.sex = 'male' AND f.sex = 'female' AND b.sex = 'both' "
                + "AND size(filter(array(m.count_flag, f.count_flag, b.count_flag), x -> x = 'suppressed_small')) = 1 "
                + "AND size(filter(array(m.count_flag, f.count_flag, b.count_flag), x -> x = 'suppressed_complementary')) = 1 "
                + "ORDER BY education != 'all', age_range != 'all', period, region, site, education, age_range LIMIT 1").collectAsList();
        assertThat(found).as("a key to undo").hasSize(1);
        Row triple = found.get(0);
        List<String> sexes = List.of("male", "female", "both");
        List<String> flags = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            flags.add(triple.isNullAt(i) ? "" : triple.getString(i));
        }
        Row f = org.apache.spark.sql.RowFactory.create(triple.getString(0), triple.getString(1), triple.getString(2),
                sexes.get(flags.indexOf("suppressed_complementary")), sexes.get(flags.indexOf("suppressed_small")),
                triple.getString(6), triple.getString(7));
        long truth = spark.sql("SELECT DISTINCT cases FROM " + DB + ".incidence_rates WHERE period = '" + f.getString(0)
                + "' AND region = '" + f.getString(1) + "' AND site = '" + f.getString(2) + "' AND sex = '" + f.getString(3)
                + "' AND education = '" + f.getString(5) + "' AND age_range = '" + f.getString(6) + "'").head().getLong(0);
        Path csv = copy.resolve("csv/incidence_rates.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int undone = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] v = lines.get(i).split(",", -1);
            if (v[header.indexOf("period")].equals(f.getString(0)) && v[header.indexOf("region")].equals(f.getString(1))
                    && v[header.indexOf("site")].equals(f.getString(2)) && v[header.indexOf("sex")].equals(f.getString(3))
                    && v[header.indexOf("education")].equals(f.getString(5)) && v[header.indexOf("age_range")].equals(f.getString(6))) {
                v[header.indexOf("cases")] = Long.toString(truth);
                v[header.indexOf(PublicTables.COUNT_FLAG)] = "";
                lines.set(i, String.join(",", v));
                undone++;
            }
        }
        assertThat(undone).as("one row per standard").isPositive();
        // and, on another row whose count is small, an ASR and a crude rate that gives the count back (1 case)
        String[] leak = null;
        for (int i = 1; i < lines.size() && leak == null; i++) {
            String[] v = lines.get(i).split(",", -1);
            if (v[header.indexOf(PublicTables.COUNT_FLAG)].equals("suppressed_small") && !v[header.indexOf("person_years")].isEmpty()
                    && Double.parseDouble(v[header.indexOf("person_years")]) > 0 && !v[header.indexOf("sex")].equals(f.getString(3))) {
                v[header.indexOf("asr")] = "1.5";
                v[header.indexOf("crude_rate")] = Double.toString(100_000.0 / Double.parseDouble(v[header.indexOf("person_years")]));
                lines.set(i, String.join(",", v));
                leak = v;
            }
        }
        assertThat(leak).as("a small count's row").isNotNull();
        // and a prevalence proportion shown beside its suppressed small count (with the population it gives the count)
        Row smallPrevalence = showASmallCount(copy.resolve("csv/prevalence.csv"), "SELECT year, sex, region, age_group, site, "
                + "duration, per_100k FROM " + DB + ".prevalence WHERE persons = 1 AND population > 0 "
                + "ORDER BY year, sex, region, age_group, site, duration LIMIT 1", "per_100k", PublicTables.COUNT_FLAG, false);
        // and an inequality count (unknown education) that the rate tables suppress as small, shown
        Row smallInequality = showASmallCount(copy.resolve("csv/inequality.csv"), "SELECT measure, period, sex, site, "
                + "cases_unknown_education FROM " + DB + ".inequality WHERE cases_unknown_education BETWEEN 1 AND 2 "
                + "ORDER BY measure, period, sex, site LIMIT 1", "cases_unknown_education", InequalityRows.UNKNOWN_COUNT_FLAG, true);
        // and a rate ratio beside a withheld ASR of low education (with the ASR of high, it gives the withheld one)
        String ratioShown = showBesideAWithheld(copy.resolve("csv/inequality.csv"), "asr_low", "rate_ratio",
                List.of("measure", "period", "sex", "site"));
        // and a region's observed count in the regional ratios, the same
        Row smallRatio = showASmallCount(copy.resolve("csv/regional_ratios.csv"), "SELECT measure, period, sex, region, site, "
                + "observed FROM " + DB + ".regional_ratios WHERE observed BETWEEN 1 AND 2 "
                + "ORDER BY measure, period, sex, region, site LIMIT 1", "observed", PublicTables.COUNT_FLAG, true);
        String period = leak[header.indexOf("period")];
        String sex = leak[header.indexOf("sex")];
        String region = leak[header.indexOf("region")];
        Files.write(csv, lines, StandardCharsets.UTF_8);
        ReleaseAudit.Result audit = ReleaseAudit.run(spark, releases.toString(), "undo", sites);
        assertThat(audit.findings()).as("the audit names the small count").anySatisfy(finding -> assertThat(finding)
                .contains(f.getString(0) + " | " + f.getString(4) + " | " + f.getString(1) + " | " + f.getString(5) + " | "
                        + f.getString(6) + " | " + f.getString(2))
                .contains("narrower than k = 3"));
        assertThat(audit.findings()).as("the ASR over a small count").anySatisfy(finding -> assertThat(finding)
                .contains("[" + period + ", " + sex + ", " + region + ", ").contains("an ASR is published over a suppressed count"));
        assertThat(audit.findings()).as("the prevalence proportion that gives the count").anySatisfy(finding -> assertThat(finding)
                .contains("prevalence " + smallPrevalence.get(0) + " " + smallPrevalence.get(1) + " " + smallPrevalence.get(2))
                .contains("per_100k published, giving 1.0 persons"));
        assertThat(audit.findings()).as("the inequality count the rate tables suppress").anySatisfy(finding -> assertThat(finding)
                .contains(smallInequality.getString(0) + " inequality [" + smallInequality.getString(1) + ", "
                        + smallInequality.getString(2) + ", national, unknown, all, " + smallInequality.getString(3) + "]")
                .contains("shown as suppressed in one table and as " + smallInequality.getLong(4)));
        assertThat(audit.findings()).as("the regional ratio's count the rate tables suppress").anySatisfy(finding -> assertThat(finding)
                .contains(smallRatio.getString(0) + " regional_ratios [" + smallRatio.getString(1) + ", " + smallRatio.getString(2)
                        + ", " + smallRatio.getString(3) + ", all, all, " + smallRatio.getString(4) + "]")
                .contains("shown as suppressed in one table and as " + smallRatio.getLong(5)));
        assertThat(audit.findings()).as("the rate ratio made of a withheld ASR").anySatisfy(finding -> assertThat(finding)
                .isEqualTo(ratioShown + ": rate_ratio is published, made of a withheld figure"));
        assertThat(audit.findings()).as("the crude rate that gives the count").anySatisfy(finding -> assertThat(finding)
                .contains("incidence_rates " + period + " " + sex + " " + region)
                .contains("times person-years gives 1.0 cases"));
    }

    /**
     * Shows, in a release's CSV file, the true value of a figure a query finds (its key columns first, the figure
     * last) on rows whose count the release suppresses as small, the flag cleared when {@code clearFlag}; returns the
     * query's row.
     */
    private Row showASmallCount(Path csv, String query, String valueColumn, String flagColumn, boolean clearFlag)
            throws IOException {
        Row small = spark.sql(query).head();
        int keys = small.length() - 1;
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int shown = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] v = lines.get(i).split(",", -1);
            boolean same = true;
            for (int c = 0; c < keys; c++) {
                same &= v[header.indexOf(small.schema().fieldNames()[c])].equals(String.valueOf(small.get(c)));
            }
            if (same) {
                assertThat(v[header.indexOf(flagColumn)]).isEqualTo("suppressed_small");
                v[header.indexOf(valueColumn)] = String.valueOf(small.get(keys));
                if (clearFlag) {
                    v[header.indexOf(flagColumn)] = "";
                }
                lines.set(i, String.join(",", v));
                shown++;
            }
        }
        assertThat(shown).as("the small count's rows in %s", csv.getFileName()).isPositive();
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return small;
    }

    /**
     * Fills in {@code column} (with 1.5) on the first row of a release's CSV file where {@code withheld} is null;
     * returns that row's key, its first column then " inequality " (or the table's name) and the others.
     */
    private String showBesideAWithheld(Path csv, String withheld, String column, List<String> key) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (int i = 1; i < lines.size(); i++) {
            String[] v = lines.get(i).split(",", -1);
            if (v[header.indexOf(withheld)].isEmpty() && v[header.indexOf(column)].isEmpty()) {
                v[header.indexOf(column)] = "1.5";
                lines.set(i, String.join(",", v));
                Files.write(csv, lines, StandardCharsets.UTF_8);
                String table = csv.getFileName().toString().replace(".csv", "");
                return v[header.indexOf(key.get(0))] + " " + table + " " + key.subList(1, key.size()).stream()
                        .map(c -> v[header.indexOf(c)]).collect(java.util.stream.Collectors.joining(" "));
            }
        }
        throw new AssertionError("no row of " + csv + " withholds " + withheld);
    }

    @Test
    void noneRulePublishesEveryStatisticTableUnflagged() {
        PublishJob.Result r = publish("everything", DisclosureRule.none());
        for (String table : r.rows().keySet()) {
            assertThat(r.rows().get(table)).as(table).isEqualTo(spark.table(DB + "." + table).count());
        }
        assertThat(r.withheld()).isEmpty();
        assertThat(spark.sql("SELECT count(*) FROM " + PUBLIC + ".incidence_counts WHERE release_id = 'everything' "
                + "AND (cases IS NULL OR count_flag IS NOT NULL)").head().getLong(0)).isZero();
    }

    @Test
    void noPublishedColumnOrValueIsPersonLevel() throws IOException {
        PublishJob.Result r = k3;
        Set<String> personColumns = new HashSet<>();
        for (Extract e : Extract.values()) {
            if (!RegistryTables.extract(e).columnNames().contains("person_key")) {
                continue; // an aggregate delivery (population, a condition's prevalence): its counts are not person-level
            }
            for (var c : RegistryTables.extract(e).columns()) {
                if (c.name().contains("person") || c.name().contains("birth") || c.name().endsWith("_date")
                        || c.name().endsWith("_id") && !c.name().equals(TableDef.REFRESH_ID)) {
                    personColumns.add(c.name());
                }
            }
        }
        assertThat(personColumns).contains("person_key", "date_of_birth");
        Set<String> keys = new HashSet<>();
        spark.sql("SELECT DISTINCT person_key FROM " + DB + ".incidence").collectAsList().forEach(row -> keys.add(row.getString(0)));
        try (Stream<Path> files = Files.walk(Path.of(r.folder()))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                List<String> header = List.of(lines.get(0).split(","));
                if (!f.getFileName().toString().equals(ReleaseFiles.DICTIONARY)) {
                    assertThat(header).as(f.toString()).doesNotContainAnyElementsOf(personColumns);
                }
                for (String line : lines) {
                    for (String value : line.split(",")) {
                        assertThat(keys).as("%s holds a person key", f).doesNotContain(value);
                    }
                }
            }
        }
        for (String table : r.rows().keySet()) {
            assertThat(spark.table(PUBLIC + "." + table).columns()).as(table).doesNotContainAnyElementsOf(personColumns);
        }
        for (Path p : List.of(Path.of(r.folder(), "parquet"))) {
            try (Stream<Path> files = Files.list(p)) {
                for (Path f : files.toList()) {
                    assertThat(spark.read().parquet(f.toString()).columns()).as(f.toString()).doesNotContainAnyElementsOf(personColumns);
                }
            }
        }
    }

    @Test
    void aReleaseIsImmutablePublishingAgainIsANoOpAndAKilledPublishIsRedone() throws IOException {
        assertThat(killedLeftNoManifest).as("the killed publish left no manifest").isTrue();
        assertThat(k3.written()).isTrue();
        long rows = spark.sql("SELECT count(*) FROM " + PUBLIC + ".incidence_counts WHERE release_id = 'k3'").head().getLong(0);
        assertThat(rows).as("the killed attempt's rows were replaced, not doubled").isEqualTo(k3.rows().get("incidence_counts"));
        String manifest = Files.readString(releases.resolve("k3/manifest.json"));
        long version = catalogVersion("incidence_counts");

        PublishJob.Result again = publish("k3", THREE);
        assertThat(again.written()).isFalse();
        assertThat(Files.readString(releases.resolve("k3/manifest.json"))).isEqualTo(manifest);
        assertThat(catalogVersion("incidence_counts")).as("nothing written").isEqualTo(version);

        assertThatThrownBy(() -> publish("k3", DisclosureRule.threshold(4, 10, true, true)))
                .hasMessageContaining("release k3 exists with other content");
        assertThatThrownBy(() -> publish("../escape", THREE)).hasMessageContaining("a release name is");
    }

    private long catalogVersion(String table) {
        return new RegistryCatalog(spark, PUBLIC).version(table);
    }
}
