package org.cancerstats.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.cancerstats.core.reference.SiteCatalogue;

/**
 * The web report of a release: a static site in {@code releases/<release>/report/} that opens from the file system
 * with no network. {@code index.html} (the headline of the latest year, the most common sites, a trend per site),
 * one page per site and summary group ({@code site-<code>.html}) and {@code methods.html}, with Apache ECharts
 * (from its WebJar) and {@code report.js} in {@code assets/}.
 *
 * <p>It reads only the release's {@code manifest.json} and CSV files, so it shows nothing the release does not
 * publish: a suppressed or unreliable value is a gap with its reason, and a table the release withholds is named on
 * the page instead of its chart. No Spark: the release is read once, table by table, and the pages are written from
 * typed records. The site is written to a temporary folder and then put in place, so a killed run leaves the previous
 * report whole.
 */
public final class ReportJob {

    /** The ECharts version of the WebJar (pom.xml). */
    static final String ECHARTS = "5.3.1";
    static final String FOLDER = "report";
    private static final List<String> ASSETS = List.of("report.js", "report.css");

    /**
     * @param releasesDir the folder holding one folder per release (a local path)
     * @param release     the release, or null for the latest
     * @param sites       the site catalogue (labels, which codes are summary groups, the order of the pages)
     * @param standard    the standard population shown first
     * @param locale      the language of the labels
     */
    public record Options(Path releasesDir, String release, SiteCatalogue sites, String standard, Locale locale) {
    }

    /**
     * @param release        the release reported
     * @param folder         the report's folder; {@code index.html} opens it
     * @param pages          pages written
     * @param charts         charts drawn on them
     * @param largestPage    the largest page
     * @param largestBytes   its size
     * @param missing        the page sections shown without a chart, by why (e.g. a table the release withholds)
     * @param seconds        time taken
     */
    public record Result(String release, Path folder, int pages, int charts, String largestPage, long largestBytes,
                         Map<String, Integer> missing, double seconds) {
        public Path index() {
            return folder.resolve("index.html");
        }
    }

    public Result run(Options options) {
        long start = System.nanoTime();
        ReleaseFolder release = ReleaseFolder.open(options.releasesDir(), options.release());
        Labels labels = Labels.of(options.locale());
        Reasons reasons = new Reasons(labels, release.rule());
        ReleaseFigures figures = ReleaseFigures.read(release);
        List<String> standards = standards(figures, options.standard());
        String first = standards.isEmpty() ? options.standard() : standards.get(0);
        SiteCharts siteCharts = new SiteCharts(figures, labels, reasons, standards);
        IndexCharts indexCharts = new IndexCharts(figures, labels, reasons, first);
        ReportPages html = new ReportPages(labels, release.release());

        Map<String, String> pages = new LinkedHashMap<>();
        List<SiteCatalogue.Site> sites = sitesWithFigures(options.sites(), figures);
        int charts = 0;
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (SiteCatalogue.Site site : sites) {
            List<Chart> drawn = new ArrayList<>();
            List<SiteCharts.Section> sections = siteCharts.sections(site.code());
            sections.stream().filter(s -> s.chart() == null).forEach(s -> missing.merge(s.missing(), 1, Integer::sum));
            String body = "<p class=\"lead\">" + ReportPages.esc(labels.get(site.group() ? "page.group" : "page.site")) + "</p>\n"
                    + html.sections(sections, drawn);
            charts += drawn.size();
            pages.put(page(site.code()), html.page(site.label(), body, drawn));
        }
        List<Chart> indexDrawn = new ArrayList<>();
        pages.put("index.html", html.page(labels.get("index.title"), index(html, labels, indexCharts, options.sites(), sites,
                indexDrawn), indexDrawn));
        charts += indexDrawn.size();
        pages.put("methods.html", html.page(labels.get("methods.title"), methods(labels, release, first), List.of()));

        Path target = release.folder().resolve(FOLDER);
        Path temporary = release.folder().resolve(FOLDER + ".tmp");
        long largest = 0;
        String largestPage = null;
        try {
            deleteTree(temporary); // what a killed run left
            Files.createDirectories(temporary.resolve("assets"));
            for (Map.Entry<String, String> p : pages.entrySet()) {
                byte[] bytes = p.getValue().getBytes(StandardCharsets.UTF_8);
                Files.write(temporary.resolve(p.getKey()), bytes);
                if (bytes.length > largest) {
                    largest = bytes.length;
                    largestPage = p.getKey();
                }
            }
            copyResource("META-INF/resources/webjars/echarts/" + ECHARTS + "/dist/echarts.min.js", temporary.resolve("assets/echarts.min.js"));
            copyResource("META-INF/resources/webjars/echarts/" + ECHARTS + "/LICENSE", temporary.resolve("assets/echarts-LICENSE.txt"));
            for (String asset : ASSETS) {
                copyResource("org/cancerstats/report/" + asset, temporary.resolve("assets/" + asset));
            }
            Path previous = release.folder().resolve(FOLDER + ".old");
            deleteTree(previous);
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of " + release.release() + " in " + target, e);
        }
        return new Result(release.release(), target, pages.size(), charts, largestPage, largest, missing,
                (System.nanoTime() - start) / 1e9);
    }

    /** The latest release's name, if the folder holds any. */
    public static Optional<String> latest(Path releasesDir) {
        return ReleaseFolder.all(releasesDir).stream().max(Comparator.comparing(ReleaseFolder::created)).map(ReleaseFolder::release);
    }

    /** Whether the release (null: the latest) already has a report (the refresh writes one only when it has not). */
    public static boolean exists(Path releasesDir, String release) {
        return index(releasesDir, release).isPresent();
    }

    /** The index page of the release's report (null: the latest release), when it has one. */
    public static Optional<Path> index(Path releasesDir, String release) {
        if (release == null && latest(releasesDir).isEmpty()) {
            return Optional.empty();
        }
        Path index = ReleaseFolder.open(releasesDir, release).folder().resolve(FOLDER).resolve("index.html");
        return Files.isRegularFile(index) ? Optional.of(index) : Optional.empty();
    }

    static String page(String site) {
        return "site-" + site + ".html";
    }

    /** The standards of the release's ASRs, the configured one first when the release has it. */
    static List<String> standards(ReleaseFigures figures, String preferred) {
        Set<String> found = new LinkedHashSet<>();
        figures.rates.stream().map(ReleaseFigures.Rate::standard).sorted().forEach(found::add);
        List<String> out = new ArrayList<>();
        if (found.remove(preferred)) {
            out.add(preferred);
        }
        out.addAll(found);
        return out;
    }

    /** The catalogue's sites and groups the release has any rate for, in the catalogue's order. */
    private static List<SiteCatalogue.Site> sitesWithFigures(SiteCatalogue catalogue, ReleaseFigures figures) {
        Set<String> present = new LinkedHashSet<>();
        figures.rates.forEach(r -> present.add(r.site()));
        figures.ageRates.forEach(r -> present.add(r.site()));
        return catalogue.sites().stream().filter(s -> present.contains(s.code())).toList();
    }

    private static String index(ReportPages html, Labels labels, IndexCharts index, SiteCatalogue catalogue,
                                List<SiteCatalogue.Site> sites, List<Chart> drawn) {
        StringBuilder b = new StringBuilder();
        index.headline().ifPresentOrElse(h -> b.append(html.headline(h, IndexCharts.label(catalogue, h.site()))),
                () -> b.append("<p class=\"missing\">").append(ReportPages.esc(labels.get("missing.headline"))).append("</p>\n"));
        index.topSites(catalogue).ifPresent(c -> {
            drawn.add(c);
            b.append(html.chart(c, "h2"));
        });
        b.append("<h2>").append(ReportPages.esc(labels.get("index.sites"))).append("</h2>\n<div class=\"trends\">\n");
        for (SiteCatalogue.Site site : sites) {
            Optional<Chart> trend = index.trend(site.code());
            b.append("<div class=\"trend\"><a href=\"").append(page(site.code())).append("\">")
                    .append(ReportPages.esc(site.label())).append("</a>\n");
            trend.ifPresent(c -> {
                drawn.add(c);
                b.append(html.chart(c, "h3"));
            });
            b.append("</div>\n");
        }
        return b.append("</div>\n").toString();
    }

    private static String methods(Labels labels, ReleaseFolder release, String standard) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(labels.get("methods.release"), release.release());
        facts.put(labels.get("methods.created"), release.created());
        facts.put(labels.get("methods.rule"), release.rule());
        facts.put(labels.get("methods.standard"), labels.orSelf("standard.", standard));
        StringBuilder b = new StringBuilder(ReportPages.facts(facts));
        b.append("<p>").append(ReportPages.esc(labels.get("methods.files"))).append(" <a href=\"../dictionary.csv\">dictionary.csv</a>, ")
                .append("<a href=\"../manifest.json\">manifest.json</a>.</p>\n");
        if (!release.withheld().isEmpty()) {
            b.append("<h2>").append(ReportPages.esc(labels.get("methods.withheld"))).append("</h2>\n");
            b.append(ReportPages.facts(release.withheld()));
        }
        b.append("<h2>").append(ReportPages.esc(labels.get("methods.inputs"))).append("</h2>\n").append(ReportPages.facts(release.inputs()));
        for (String key : List.of("asr", "age", "pyramid", "survival", "curve", "prevalence", "comorbidity", "ratios", "gaps")) {
            b.append("<h2>").append(ReportPages.esc(labels.get("methods.h." + key))).append("</h2>\n<p>")
                    .append(ReportPages.esc(labels.get("methods.p." + key))).append("</p>\n");
        }
        return b.toString();
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = ReportJob.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path (the ECharts WebJar, pom.xml)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
