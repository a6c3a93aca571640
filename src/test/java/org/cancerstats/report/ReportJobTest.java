package org.cancerstats.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.cancerstats.core.reference.SiteCatalogue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from a release written by hand, as the publisher writes one (manifest.json, csv/): what each chart draws,
 * the gaps and their reasons, the sections of withheld tables, and the page's own data. No Spark.
 */
class ReportJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RATES_HEADER = "release_id,period_type,period,period_start,period_end,sex,region,education,site,"
            + "standard,age_range,cases,person_years,crude_rate,crude_lower,crude_upper,asr,asr_se,asr_lower,asr_upper,"
            + "asr_upper_tiwari,cumulative_risk_0_74,cumulative_risk_0_79,excluded_cases,count_flag,rate_flag";
    private static final String AGE_HEADER = "release_id,measure,period_type,period,period_start,period_end,sex,region,site,"
            + "age_group,age_lower,cases,person_years,rate,rate_lower,rate_upper,count_flag,rate_flag";

    @TempDir
    Path releases;
    private SiteCatalogue sites;

    @BeforeEach
    void catalogue() {
        sites = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));
    }

    /** A threshold release of colon and all_but_nmsc, 2014-2023, with one small and one unreliable cell. */
    private void release(String name, String created) throws IOException {
        Path folder = Files.createDirectories(releases.resolve(name).resolve("csv"));
        List<String> rates = new ArrayList<>(List.of(RATES_HEADER));
        List<String> mortality = new ArrayList<>(List.of(RATES_HEADER));
        for (String site : List.of("colon", "all_but_nmsc")) {
            for (String sex : List.of("male", "female", "both")) {
                for (int year = 2014; year <= 2023; year++) {
                    for (String standard : List.of("europe_2013", "world_segi_1960")) {
                        double asr = (site.equals("colon") ? 30 : 300) + year - 2014 + (standard.equals("europe_2013") ? 0.25 : 0);
                        String row = rate(name, year, sex, site, standard, asr);
                        if (site.equals("colon") && sex.equals("male") && year == 2016) {
                            row = name + ",year,2016,2016,2016,male,national,all,colon," + standard
                                    + ",all,,1000.0,,,,,,,,,,,,suppressed_small,suppressed_small";
                        }
                        if (site.equals("colon") && sex.equals("female") && year == 2017) {
                            row = row.substring(0, row.lastIndexOf(',')) + ",unreliable";
                        }
                        rates.add(row);
                        mortality.add(rate(name, year, sex, site, standard, asr / 3));
                    }
                    // a region, another education level and a truncated range: not drawn
                    rates.add(name + ",year," + year + "," + year + "," + year + "," + sex + ",Nord,all," + site
                            + ",world_segi_1960,all,7,100.0,,,,999.0,,,,,,,,,");
                }
            }
        }
        Files.write(folder.resolve("incidence_rates.csv"), rates, StandardCharsets.UTF_8);
        Files.write(folder.resolve("mortality_rates.csv"), mortality, StandardCharsets.UTF_8);
        List<String> ages = new ArrayList<>(List.of(AGE_HEADER));
        for (String period : List.of("2014-2018", "2019-2023")) {
            for (String sex : List.of("male", "female", "both")) {
                for (int lower = 0; lower <= 85; lower += 5) {
                    String group = lower == 85 ? "85+" : lower + "-" + (lower + 4);
                    boolean small = lower == 40 && sex.equals("male");
                    ages.add(name + ",incidence,period," + period + "," + period.substring(0, 4) + "," + period.substring(5) + ","
                            + sex + ",national,colon," + group + "," + lower + "," + (small ? "" : String.valueOf(lower))
                            + ",100000.0," + (small ? "" : String.valueOf(lower)) + ",,," + (small ? "suppressed_small,suppressed_small" : ","));
                }
            }
        }
        Files.write(folder.resolve("age_specific_rates.csv"), ages, StandardCharsets.UTF_8);
        Map<String, Object> manifest = Map.of("release", name, "created", created,
                "rule", Map.of("name", "threshold", "min_count", 3, "min_rate_cases", 10),
                "inputs", Map.of("incidence", 4),
                "tables", Map.of("incidence_rates", Map.of("rows", rates.size() - 1), "mortality_rates", Map.of("rows", 1),
                        "age_specific_rates", Map.of("rows", ages.size() - 1)),
                "withheld_tables", Map.of("survival", "its figures are not protected by the threshold rule yet"));
        JSON.writeValue(releases.resolve(name).resolve(ReleaseFolder.MANIFEST).toFile(), manifest);
    }

    private static String rate(String release, int year, String sex, String site, String standard, double asr) {
        return String.format(Locale.ROOT, "%s,year,%d,%d,%d,%s,national,all,%s,%s,all,%d,100000.0,,,,%.4f,,%.4f,%.4f,,,,0,,",
                release, year, year, year, sex, site, standard, (long) asr * 10, asr, asr - 2, asr + 2);
    }

    private ReportJob.Result report(String release) {
        return new ReportJob().run(new ReportJob.Options(releases, release, sites, "world_segi_1960", Locale.ENGLISH));
    }

    /** The charts a page carries in its JSON. */
    private static JsonNode charts(Path page) throws IOException {
        Matcher m = Pattern.compile("<script id=\"report-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(Files.readString(page));
        assertThat(m.find()).as(page + " has its data").isTrue();
        return JSON.readTree(m.group(1).replace("<\\/", "</")).get("charts");
    }

    private static JsonNode chart(JsonNode charts, String id) {
        for (JsonNode c : charts) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id);
    }

    private static JsonNode series(JsonNode variant, String name) {
        for (JsonNode s : variant.get("series")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no series " + name + " in " + variant);
    }

    private static JsonNode point(JsonNode series, String x) {
        for (JsonNode p : series.get("points")) {
            if (p.get("x").asText().equals(x)) {
                return p;
            }
        }
        throw new AssertionError("no point " + x);
    }

    @Test
    void theRatesChartDrawsTheNationalAsrsOfTheRelease() throws IOException {
        release("r-1", "2026-12-01T10:00:00Z");
        ReportJob.Result r = report("r-1");

        JsonNode asr = chart(charts(r.folder().resolve("site-colon.html")), "asr");
        // the configured standard first, then the others
        assertThat(asr.get("variants").get(0).get("label").asText()).isEqualTo("World (Segi 1960)");
        assertThat(asr.get("variants").get(1).get("label").asText()).isEqualTo("Europe (2013)");
        JsonNode males = series(asr.get("variants").get(0), "Incidence, males");
        assertThat(males.get("style").asText()).isEqualTo("band");
        assertThat(males.get("points")).hasSize(10);
        JsonNode y2020 = point(males, "2020");
        assertThat(y2020.get("y").asDouble()).isEqualTo(36.0);
        assertThat(y2020.get("lower").asDouble()).isEqualTo(34.0);
        assertThat(y2020.get("upper").asDouble()).isEqualTo(38.0);
        assertThat(point(series(asr.get("variants").get(1), "Incidence, males"), "2020").get("y").asDouble()).isEqualTo(36.25);
        // Nord's 999 is a region's, not the nation's
        assertThat(asr.toString()).doesNotContain("999");
        assertThat(series(asr.get("variants").get(0), "Mortality, females").get("points")).hasSize(10);
    }

    @Test
    void suppressedAndUnreliableValuesAreGapsWithTheirReasonNeverZeros() throws IOException {
        release("r-1", "2026-12-01T10:00:00Z");
        JsonNode variant = chart(charts(report("r-1").folder().resolve("site-colon.html")), "asr").get("variants").get(0);
        JsonNode small = point(series(variant, "Incidence, males"), "2016");
        assertThat(small.get("y").isNull()).isTrue();
        assertThat(small.get("reason").asText()).isEqualTo("Suppressed: fewer than 3 cases, and not none (small-cell rule)");
        JsonNode unreliable = point(series(variant, "Incidence, females"), "2017");
        assertThat(unreliable.get("y").isNull()).isTrue();
        assertThat(unreliable.get("lower").isNull()).isTrue();
        assertThat(unreliable.get("reason").asText()).contains("fewer than 10 cases");
        assertThat(point(series(variant, "Incidence, females"), "2018").get("reason").isNull()).isTrue();

        JsonNode age = chart(charts(report("r-1").folder().resolve("site-colon.html")), "age");
        JsonNode males = age.get("variants").get(1);
        assertThat(males.get("label").asText()).isEqualTo("Incidence, males");
        assertThat(point(series(males, "2019-2023"), "40-44").get("reason").asText()).startsWith("Suppressed");
        // a rate of 0 on the log scale is a gap too, said so
        assertThat(point(series(males, "2019-2023"), "0-4").get("reason").asText()).contains("logarithmic");
    }

    @Test
    void aTableTheReleaseWithholdsIsNamedInsteadOfItsChart() throws IOException {
        release("r-1", "2026-12-01T10:00:00Z");
        ReportJob.Result r = report("r-1");
        String page = Files.readString(r.folder().resolve("site-colon.html"));
        assertThat(page).contains("Not in this release: survival (see the methods page).")
                .contains("Not in this release: prevalence (see the methods page).");
        assertThat(r.missing()).containsKey("Not in this release: survival_curve (see the methods page).");
        assertThat(Files.readString(r.folder().resolve("methods.html"))).contains("its figures are not protected by the threshold rule yet");
    }

    @Test
    void theIndexHasTheHeadlineTheMostCommonSitesAndATrendPerSite() throws IOException {
        release("r-1", "2026-12-01T10:00:00Z");
        ReportJob.Result r = report("r-1");
        String index = Files.readString(r.folder().resolve("index.html"));
        // all_but_nmsc, both sexes, 2023: 309 per 100,000, 3,090 cases; 2013 is not in the release, so since 2014
        assertThat(index).contains("3,090").contains("New cases in 2023").contains(">309.0<").contains("Change in the ASR since 2014")
                .contains(String.format(Locale.ENGLISH, "%+.1f %%", 100 * (309.0 / 300.0 - 1)));
        JsonNode charts = charts(r.folder().resolve("index.html"));
        JsonNode top = chart(charts, "top");
        assertThat(series(top.get("variants").get(0), "Males").get("points")).extracting(p -> p.get("x").asText())
                .containsExactly("Colon"); // groups are not sites
        assertThat(chart(charts, "trend-colon").get("kind").asText()).isEqualTo("spark");
        assertThat(index).contains("href=\"site-colon.html\"").contains("href=\"site-all_but_nmsc.html\"");
        assertThat(r.pages()).isEqualTo(4); // index, methods, colon, all_but_nmsc
        assertThat(r.folder().resolve("assets/echarts.min.js")).isRegularFile();
        assertThat(r.folder().resolve("assets/report.js")).isRegularFile();
        assertThat(index).doesNotContain("http://").doesNotContain("https://"); // nothing fetched
    }

    @Test
    void theLatestReleaseIsReportedByDefaultAndARerunReplacesTheReportWhole() throws IOException {
        release("r-old", "2026-11-01T10:00:00Z");
        release("r-new", "2026-12-01T10:00:00Z");
        Files.createDirectories(releases.resolve("r-half")); // a publish killed before its manifest: not a release
        assertThat(ReportJob.latest(releases)).contains("r-new");
        ReportJob.Result first = new ReportJob().run(new ReportJob.Options(releases, null, sites, "world_segi_1960", Locale.ENGLISH));
        assertThat(first.release()).isEqualTo("r-new");
        Files.writeString(first.folder().resolve("stale.html"), "left by an older report");
        Files.createDirectories(releases.resolve("r-new/report.tmp")); // what a killed run left
        ReportJob.Result again = report("r-new");
        assertThat(again.folder().resolve("stale.html")).doesNotExist();
        assertThat(releases.resolve("r-new/report.tmp")).doesNotExist();
        assertThat(releases.resolve("r-new/report.old")).doesNotExist();
        assertThat(ReportJob.exists(releases, "r-new")).isTrue();
        assertThat(ReportJob.exists(releases, "r-old")).isFalse();
        assertThatThrownBy(() -> report("r-none")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no release 'r-none'").hasMessageContaining("r-new");
    }

    @Test
    void everyLabelTheReportUsesIsInTheBundle() throws IOException {
        release("r-1", "2026-12-01T10:00:00Z");
        ReportJob.Result r = report("r-1"); // a missing label would have thrown
        assertThat(r.charts()).isPositive();
        assertThat(Labels.of(Locale.forLanguageTag("nb")).get("report.title")).isEqualTo("Cancer statistics"); // English base
    }
}
