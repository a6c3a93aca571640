package org.cancerstats.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The report of the sample release in a real browser: Debian's chromium driven by chromedriver (.ci/run installs
 * them). Runs the README's main command on the sample data into a warehouse of its own, so the release is the sample
 * release (threshold rule: suppressed cells), and then a release of the same tables under the rule none (every table,
 * so every chart). Opens the pages from files, as a reader would, and saves screenshots in target/report-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserIT {

    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path WORK = HOME.resolve("target/it-report");
    private static final Path SCREENSHOTS = HOME.resolve("target/report-screenshots");
    private static final String OPEN = "open-data";
    private static final List<String> SITES = List.of("colon", "breast", "all_but_nmsc");

    private String refreshOutput;
    private Path releases;
    private String sampleRelease;
    private ChromeDriver browser;

    @BeforeAll
    void sampleReleaseAndBrowser() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium and chromium-driver (apt-get install chromium "
                + "chromium-driver; .ci/run installs them)").isRegularFile();
        assertThat(Path.of("/usr/bin/chromedriver")).as("Debian's chromium-driver").isRegularFile();
        org.apache.commons.io.FileUtils.deleteDirectory(WORK.toFile());
        Files.createDirectories(SCREENSHOTS);
        List<String> warehouse = List.of("--warehouse", WORK.resolve("warehouse/tables").toString());
        refreshOutput = run(concat(List.of("jobs/cancerstats", "refresh", "--dev", "--landing", "sample-data/landing"), warehouse));
        releases = WORK.resolve("warehouse/releases");
        Matcher m = Pattern.compile("published (r-[0-9a-f]{12})").matcher(refreshOutput);
        assertThat(m.find()).as(refreshOutput).isTrue();
        sampleRelease = m.group(1);
        run(concat(List.of("jobs/cancerstats", "publish", "--release", OPEN, "--conf", "cancerstats.publish.disclosure.rule=none"),
                warehouse));
        run(concat(List.of("jobs/cancerstats", "report", "--release", OPEN), warehouse));

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,2400",
                "--user-data-dir=" + Files.createTempDirectory(WORK, "chromium-"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theMainCommandEndsWithThePathOfTheSampleReport() {
        Path index = releases.resolve(sampleRelease).resolve("report/index.html");
        assertThat(refreshOutput).contains("report: open " + index.toUri());
        assertThat(index).isRegularFile();
    }

    @Test
    void theLauncherKeepsAWholeClassArchiveAndSaysNothingAboutIt() throws IOException {
        // The first of the launcher's runs wrote it (or an earlier build did), the later ones map it.
        try (Stream<Path> files = Files.list(HOME.resolve("target/cds"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("target/cds after three launcher runs")
                    .anyMatch(f -> f.matches("cancerstats-[0-9a-f]{16}\\.jsa")).noneMatch(f -> f.endsWith(".partial"));
        }
        assertThat(refreshOutput).doesNotContain("[cds").doesNotContain("shared archive");
    }

    @Test
    void theIndexAndThreeSitePagesOfTheSampleReleaseDrawEveryChartWithoutConsoleErrors() throws IOException {
        for (String page : pages()) {
            open(sampleRelease, page);
            assertEveryChartDrawn(page);
            screenshot(sampleRelease + "-" + page);
        }
    }

    @Test
    void underTheRuleNoneEverySectionHasItsChart() throws IOException {
        for (String page : pages()) {
            open(OPEN, page);
            assertEveryChartDrawn(page);
            if (page.startsWith("site-")) {
                assertThat(browser.findElements(By.cssSelector("section.missing"))).as(page + ": sections without a chart")
                        .extracting(e -> e.getAttribute("data-chart")).isEmpty();
            }
            screenshot(OPEN + "-" + page);
        }
    }

    @Test
    void theTableUnderTheRatesChartHasTheNumbersOfThePublishedTable() throws IOException {
        for (String release : List.of(sampleRelease, OPEN)) {
            Map<String, CSVRecord> published = publishedAsr(release, "colon", "incidence", "male", "world_segi_1960");
            open(release, "site-colon.html");
            List<List<String>> table = table("asr");
            int column = table.get(0).indexOf("Incidence, males");
            assertThat(column).as("the column of male incidence").isPositive();
            int compared = 0;
            for (List<String> row : table.subList(1, table.size())) {
                CSVRecord r = published.get(row.get(0));
                if (r == null) { // a year of the projections only
                    assertThat(row.get(column)).as(release + ": year " + row.get(0) + " is not observed").isEmpty();
                    continue;
                }
                String expected = r.get("asr").isEmpty() || !r.get("rate_flag").isEmpty() ? "–"
                        : String.format(Locale.ROOT, "%.1f", Double.parseDouble(r.get("asr")));
                assertThat(row.get(column)).as(release + ": year " + row.get(0)).isEqualTo(expected);
                compared++;
            }
            assertThat(compared).isEqualTo(published.size());
        }
    }

    @Test
    void aSuppressedCellIsAGapInTheChartAndTheTableNeverAZero() throws IOException {
        open(sampleRelease, "site-colon.html");
        List<WebElement> gaps = browser.findElements(By.cssSelector("#table-asr td.gap"));
        assertThat(gaps).as("suppressed cells in the colon ASR table").isNotEmpty();
        assertThat(gaps.get(0).getAttribute("title")).startsWith("Suppressed");
        // The drawn series: a gap is '-' (no point), never 0.
        Object drawn = ((JavascriptExecutor) browser).executeScript(
                "var o = echarts.getInstanceByDom(document.getElementById('plot-asr')).getOption();"
                        + "var s = o.series.filter(function (x) { return x.name === 'Incidence, males' && !x.stack; })[0];"
                        + "return s.data.map(function (d) { return Array.isArray(d) ? String(d[1]) : String(d); });");
        List<List<String>> table = table("asr");
        int column = table.get(0).indexOf("Incidence, males");
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) drawn;
        for (int i = 1; i < table.size(); i++) {
            String cell = table.get(i).get(column);
            String value = values.get(i - 1);
            if (cell.equals("–")) {
                assertThat(value).as("year " + table.get(i).get(0) + " is a gap").isEqualTo("-");
            } else {
                assertThat(String.format(Locale.ROOT, "%.1f", Double.parseDouble(value))).as("year " + table.get(i).get(0))
                        .isEqualTo(cell);
            }
        }
    }

    private static List<String> pages() {
        List<String> out = new ArrayList<>(List.of("index.html"));
        SITES.forEach(s -> out.add(ReportJob.page(s)));
        return out;
    }

    private void open(String release, String page) {
        Path file = releases.resolve(release).resolve("report").resolve(page);
        assertThat(file).isRegularFile();
        browser.get(file.toUri().toString());
        browser.manage().logs().get(LogType.BROWSER); // starts each page with an empty log
        browser.navigate().refresh();
    }

    private void assertEveryChartDrawn(String page) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as(page + ": console errors").isEmpty();
        List<WebElement> plots = browser.findElements(By.cssSelector("div.plot"));
        assertThat(plots).as(page + ": charts").isNotEmpty();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-charts-drawn"))
                .isEqualTo(String.valueOf(plots.size()));
        for (WebElement plot : plots) {
            WebElement svg = plot.findElement(By.tagName("svg"));
            boolean spark = plot.findElement(By.xpath("..")).getAttribute("class").contains("spark");
            assertThat(svg.getSize().getWidth()).as(page + " " + plot.getAttribute("id")).isGreaterThan(150);
            assertThat(svg.getSize().getHeight()).as(page + " " + plot.getAttribute("id")).isGreaterThanOrEqualTo(spark ? 40 : 300);
            assertThat(svg.findElements(By.cssSelector("path, rect, text")).size()).as(page + " " + plot.getAttribute("id"))
                    .isGreaterThan(spark ? 1 : 10);
        }
    }

    /** The rows of a chart's table as text (header first); read from the DOM, so the closed details do not matter. */
    @SuppressWarnings("unchecked")
    private List<List<String>> table(String chart) {
        return (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#table-' + arguments[0] + ' tr')).map(function (tr) {"
                        + " return Array.from(tr.children).map(function (c) { return c.textContent; }); });", chart);
    }

    /** The release's national, all-ages, yearly ASRs of one site, measure, sex and standard, by year. */
    private Map<String, CSVRecord> publishedAsr(String release, String site, String measure, String sex, String standard)
            throws IOException {
        Map<String, CSVRecord> out = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(releases.resolve(release).resolve("csv/" + measure + "_rates.csv"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                if (r.get("site").equals(site) && r.get("sex").equals(sex) && r.get("standard").equals(standard)
                        && r.get("region").equals("national") && r.get("education").equals("all")
                        && r.get("age_range").equals("all") && r.get("period_type").equals("year")) {
                    out.put(r.get("period"), r);
                }
            }
        }
        return out;
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name.replace(".html", "") + ".png"), png);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Path log = Files.createTempFile(Files.createDirectories(WORK), "run-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 20 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(command + ":\n" + output).isZero();
        return output;
    }
}
