package org.cancerstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.report.Chart.Point;
import org.cancerstats.report.Chart.Series;
import org.cancerstats.report.Chart.Variant;
import org.cancerstats.report.ReleaseFigures.Rate;

/** The index page's figures: the headline of the latest year, the most common sites, a small trend per site. */
final class IndexCharts {

    /** The headline group (all sites but non-melanoma skin, as NORDCAN's front page). */
    static final String HEADLINE_SITE = "all_but_nmsc";
    static final int TOP_SITES = 10;
    static final int CHANGE_YEARS = 10;

    /**
     * The latest year's figures of the headline group, both sexes.
     *
     * @param changePct ASR change since {@code sinceYear}, percent; null when either ASR is not published
     */
    record Headline(String site, int year, Long cases, Double asr, String standard, Integer sinceYear, Double changePct) {
    }

    private final ReleaseFigures figures;
    private final Labels labels;
    private final Reasons reasons;
    private final String standard;

    IndexCharts(ReleaseFigures figures, Labels labels, Reasons reasons, String standard) {
        this.figures = figures;
        this.labels = labels;
        this.reasons = reasons;
        this.standard = standard;
    }

    private List<Rate> incidence(String site, String sex) {
        return figures.rates.stream().filter(r -> r.measure().equals(ReleaseFigures.INCIDENCE) && r.site().equals(site)
                && r.sex().equals(sex) && r.standard().equals(standard)).sorted(Comparator.comparingInt(Rate::year)).toList();
    }

    Optional<Headline> headline() {
        List<Rate> rows = incidence(HEADLINE_SITE, "both");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Rate last = rows.get(rows.size() - 1);
        int target = last.year() - CHANGE_YEARS;
        Optional<Rate> before = rows.stream().filter(r -> r.year() >= target && r.year() < last.year()).findFirst();
        Double change = before.isPresent() && before.get().asr() != null && last.asr() != null && before.get().asr() > 0
                ? 100 * (last.asr() / before.get().asr() - 1) : null;
        return Optional.of(new Headline(HEADLINE_SITE, last.year(), last.cases(), last.asr(), standard,
                before.map(Rate::year).orElse(null), change));
    }

    /** New cases of the latest year by sex, for the sites (not groups) most common in both sexes together. */
    Optional<Chart> topSites(SiteCatalogue catalogue) {
        List<Rate> rows = figures.rates.stream().filter(r -> r.measure().equals(ReleaseFigures.INCIDENCE)
                && r.standard().equals(standard) && isSite(catalogue, r.site())).toList();
        Optional<Integer> year = rows.stream().map(Rate::year).max(Comparator.naturalOrder());
        if (year.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> both = rows.stream().filter(r -> r.year() == year.get() && r.sex().equals("both") && r.cases() != null)
                .collect(Collectors.toMap(Rate::site, Rate::cases));
        List<String> top = both.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(TOP_SITES).map(Map.Entry::getKey).toList();
        List<Series> series = new ArrayList<>();
        for (String sex : SiteCharts.SEXES) {
            List<Point> points = new ArrayList<>();
            for (String site : top) {
                rows.stream().filter(r -> r.year() == year.get() && r.sex().equals(sex) && r.site().equals(site)).findFirst()
                        .ifPresent(r -> points.add(r.cases() == null
                                ? new Point(label(catalogue, site), null, null, null, reasons.of(r.flag() == null ? "withheld" : r.flag()))
                                : Point.of(label(catalogue, site), r.cases().doubleValue())));
            }
            series.add(new Series(labels.get("sex." + sex), "solid", points));
        }
        return Optional.of(new Chart("top", labels.get("chart.top", year.get()), "bar", labels.get("axis.site"),
                labels.get("axis.cases"), false, 0, List.of(new Variant(labels.get("variant.year", year.get()), series)),
                labels.get("note.top")));
    }

    /** The incidence ASR of a site by year, both sexes: the index's small trend. */
    Optional<Chart> trend(String site) {
        List<Point> points = incidence(site, "both").stream().map(r -> r.asr() == null || r.flag() != null
                ? new Point(r.year(), null, null, null, reasons.of(r.flag() == null ? "withheld" : r.flag()))
                : Point.of(r.year(), r.asr())).toList();
        if (points.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Chart("trend-" + site, labels.get("chart.trend"), "spark", labels.get("axis.year"),
                labels.get("axis.asr"), false, 1, List.of(new Variant(labels.orSelf("standard.", standard),
                List.of(new Series(labels.get("series.incidence.both"), "solid", points)))), null));
    }

    static boolean isSite(SiteCatalogue catalogue, String code) {
        return catalogue.sites().stream().anyMatch(s -> s.code().equals(code) && !s.group());
    }

    static String label(SiteCatalogue catalogue, String code) {
        return catalogue.sites().stream().filter(s -> s.code().equals(code)).map(SiteCatalogue.Site::label).findFirst()
                .orElse(code);
    }
}
