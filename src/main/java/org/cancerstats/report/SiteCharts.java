package org.cancerstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cancerstats.report.Chart.Point;
import org.cancerstats.report.Chart.Series;
import org.cancerstats.report.Chart.Variant;
import org.cancerstats.report.ReleaseFigures.AgeRate;
import org.cancerstats.report.ReleaseFigures.Comorbidity;
import org.cancerstats.report.ReleaseFigures.CurvePoint;
import org.cancerstats.report.ReleaseFigures.Prevalence;
import org.cancerstats.report.ReleaseFigures.Projection;
import org.cancerstats.report.ReleaseFigures.Rate;
import org.cancerstats.report.ReleaseFigures.Ratio;
import org.cancerstats.report.ReleaseFigures.Survival;

/**
 * The charts of one site's page, from the release's figures. A chart whose table the release does not have, or that
 * has no figure for the site, is not made; the page says why instead ({@link #missing}).
 */
final class SiteCharts {

    static final List<String> SEXES = List.of("male", "female");
    static final List<String> ALL_SEXES = List.of("male", "female", "both");
    private static final List<String> MEASURES = List.of(ReleaseFigures.INCIDENCE, ReleaseFigures.MORTALITY);
    /** Horizons of the survival-by-period chart. */
    static final List<Integer> HORIZONS = List.of(1, 5, 10);
    /** Durations of the prevalence chart, in the order drawn. */
    static final List<String> DURATIONS = List.of("1", "3", "5", "10", "complete");
    /** The comorbidity table's four age groups at diagnosis. */
    static final List<String> COMORBIDITY_AGES = List.of("0-44", "45-59", "60-74", "75+");

    /** The reason of a value the release leaves out without a flag. */
    private static final String WITHHELD = "withheld";

    private final ReleaseFigures figures;
    private final Labels labels;
    private final Reasons reasons;
    private final List<String> standards;

    /** @param standards the standards to offer, the one shown first first */
    SiteCharts(ReleaseFigures figures, Labels labels, Reasons reasons, List<String> standards) {
        this.figures = figures;
        this.labels = labels;
        this.reasons = reasons;
        this.standards = standards;
    }

    /** One section of a page: its chart, or why it has none. */
    record Section(String key, Chart chart, String missing) {
    }

    List<Section> sections(String site) {
        List<Section> out = new ArrayList<>();
        out.add(section("asr", List.of("incidence_rates", "mortality_rates"), asr(site)));
        out.add(section("age", List.of("age_specific_rates"), ageCurves(site)));
        out.add(section("pyramid", List.of("age_specific_rates"), pyramid(site)));
        out.add(section("survival", List.of("survival"), survivalByPeriod(site)));
        out.add(section("curve", List.of("survival_curve"), survivalCurve(site)));
        out.add(section("prevalence", List.of("prevalence"), prevalence(site)));
        out.add(section("comorbidity", List.of("comorbidity_at_diagnosis"), comorbidity(site)));
        out.add(section("ratios", List.of("comorbidity_prevalence_ratios"), ratios(site)));
        return out;
    }

    private Section section(String key, List<String> tables, Optional<Chart> chart) {
        if (chart.isPresent() && !chart.get().empty()) {
            return new Section(key, chart.get(), null);
        }
        List<String> absent = tables.stream().filter(t -> !figures.tables.getOrDefault(t, false)).toList();
        return new Section(key, null, absent.isEmpty() ? labels.get("missing.no_rows")
                : labels.get("missing.not_published", String.join(", ", absent)));
    }

    /** ASR by year and sex, incidence and mortality, bands of their 95% intervals, projections dashed; per standard. */
    Optional<Chart> asr(String site) {
        List<Rate> rates = figures.rates.stream().filter(r -> r.site().equals(site) && SEXES.contains(r.sex())).toList();
        List<Projection> projected = figures.projections.stream().filter(p -> p.site().equals(site) && SEXES.contains(p.sex()))
                .toList();
        List<Variant> variants = new ArrayList<>();
        for (String standard : standards) {
            List<Series> series = new ArrayList<>();
            for (String measure : MEASURES) {
                for (String sex : SEXES) {
                    List<Point> points = rates.stream().filter(r -> r.measure().equals(measure) && r.sex().equals(sex)
                            && r.standard().equals(standard)).sorted(Comparator.comparingInt(Rate::year))
                            .map(r -> gap(r.year(), r.asr(), r.lower(), r.upper(), r.flag())).toList();
                    if (!points.isEmpty()) {
                        series.add(new Series(labels.get("series." + measure + "." + sex), "band", points));
                    }
                    List<Point> future = projected.stream().filter(p -> p.measure().equals(measure) && p.sex().equals(sex)
                            && p.standard().equals(standard)).sorted(Comparator.comparingInt(Projection::periodStart))
                            .map(p -> Point.of(midYear(p.periodStart(), p.periodEnd()), p.asr())).toList();
                    if (!future.isEmpty()) {
                        series.add(new Series(labels.get("series.projected", labels.get("series." + measure + "." + sex)),
                                "dashed", future));
                    }
                }
            }
            if (!series.isEmpty()) {
                variants.add(new Variant(labels.orSelf("standard.", standard), series));
            }
        }
        return chart("asr", "line", labels.get("axis.year"), labels.get("axis.asr"), false, 1, variants,
                labels.get("note.asr"));
    }

    /** Age-specific rates, one curve per 5-year period, log scale; per measure and sex. */
    Optional<Chart> ageCurves(String site) {
        List<AgeRate> rows = figures.ageRates.stream().filter(r -> r.site().equals(site)).toList();
        List<Variant> variants = new ArrayList<>();
        for (String measure : MEASURES) {
            for (String sex : List.of("both", "male", "female")) {
                Map<String, List<AgeRate>> byPeriod = rows.stream().filter(r -> r.measure().equals(measure) && r.sex().equals(sex))
                        .collect(Collectors.groupingBy(AgeRate::period, TreeMap::new, Collectors.toList()));
                List<Series> series = byPeriod.entrySet().stream().map(e -> new Series(e.getKey(), "solid", e.getValue().stream()
                        .sorted(Comparator.comparingInt(AgeRate::ageLower))
                        .map(r -> gap(r.ageGroup(), positive(r.rate(), r.flag()), null, null, zeroOr(r.rate(), r.flag())))
                        .toList())).toList();
                if (!series.isEmpty()) {
                    variants.add(new Variant(labels.get("series." + measure + "." + sex), series));
                }
            }
        }
        return chart("age", "category", labels.get("axis.age"), labels.get("axis.rate"), true, 1, variants,
                labels.get("note.age"));
    }

    /** Cases (and deaths) by age group and sex in the latest 5-year period. */
    Optional<Chart> pyramid(String site) {
        List<AgeRate> rows = figures.ageRates.stream().filter(r -> r.site().equals(site) && SEXES.contains(r.sex())).toList();
        List<Variant> variants = new ArrayList<>();
        for (String measure : MEASURES) {
            Optional<String> latest = rows.stream().filter(r -> r.measure().equals(measure)).map(AgeRate::period)
                    .max(Comparator.naturalOrder());
            if (latest.isEmpty()) {
                continue;
            }
            List<Series> series = SEXES.stream().map(sex -> new Series(labels.get("sex." + sex), "solid", rows.stream()
                    .filter(r -> r.measure().equals(measure) && r.sex().equals(sex) && r.period().equals(latest.get()))
                    .sorted(Comparator.comparingInt(AgeRate::ageLower))
                    .map(r -> gap(r.ageGroup(), r.cases() == null ? null : r.cases().doubleValue(), null, null,
                            r.cases() == null ? r.flag() : null))
                    .toList())).filter(s -> !s.points().isEmpty()).toList();
            variants.add(new Variant(labels.get("variant.pyramid." + measure, latest.get()), series));
        }
        return chart("pyramid", "pyramid", labels.get("axis.cases"), labels.get("axis.age"), false, 0, variants,
                labels.get("note.pyramid"));
    }

    /** Net survival (Pohar Perme) at 1, 5 and 10 years by period; age-standardised where the release has it. */
    Optional<Chart> survivalByPeriod(String site) {
        List<Survival> rows = preferStandardised(figures.survival.stream().filter(s -> s.site().equals(site)
                && s.sex().equals("both")).toList(), Survival::ageGroup,
                s -> s.approach() + "|" + s.period() + "|" + s.horizon());
        List<Variant> variants = new ArrayList<>();
        for (String approach : distinct(rows.stream().map(Survival::approach).sorted().toList())) {
            List<Series> series = new ArrayList<>();
            for (int horizon : HORIZONS) {
                List<Point> points = rows.stream().filter(s -> s.approach().equals(approach) && s.horizon() == horizon)
                        .sorted(Comparator.comparing(Survival::period))
                        .map(s -> gap(s.period(), percent(s.survival()), percent(s.lower()), percent(s.upper()), s.reason()))
                        .toList();
                if (!points.isEmpty()) {
                    series.add(new Series(labels.get("series.horizon", horizon), "band", points));
                }
            }
            variants.add(new Variant(labels.get("variant.approach." + approach, ageNote(rows, approach)), series));
        }
        return chart("survival", "category", labels.get("axis.period"), labels.get("axis.survival"), false, 1, variants,
                labels.get("note.survival"));
    }

    /** The net survival curve of the latest period, with its band. */
    Optional<Chart> survivalCurve(String site) {
        List<CurvePoint> rows = preferStandardised(figures.curves.stream().filter(c -> c.site().equals(site)
                && c.sex().equals("both")).toList(), CurvePoint::ageGroup, c -> c.approach() + "|" + c.period() + "|" + c.month());
        List<Variant> variants = new ArrayList<>();
        for (String approach : distinct(rows.stream().map(CurvePoint::approach).sorted().toList())) {
            Optional<String> latest = rows.stream().filter(c -> c.approach().equals(approach)).map(CurvePoint::period)
                    .max(Comparator.naturalOrder());
            List<Point> points = rows.stream().filter(c -> c.approach().equals(approach) && c.period().equals(latest.orElseThrow()))
                    .sorted(Comparator.comparingInt(CurvePoint::month))
                    .map(c -> gap(c.month(), percent(c.survival()), percent(c.lower()), percent(c.upper()),
                            c.reason() != null ? c.reason() : c.survival() == null ? WITHHELD : null)).toList();
            variants.add(new Variant(labels.get("variant.curve", labels.get("variant.approach." + approach, ""), latest.get()),
                    List.of(new Series(labels.get("series.net_survival"), "band", points))));
        }
        return chart("curve", "line", labels.get("axis.months_since"), labels.get("axis.survival"), false, 1, variants,
                labels.get("note.curve"));
    }

    /** Prevalent persons by duration at the latest index date, by sex. */
    Optional<Chart> prevalence(String site) {
        List<Prevalence> rows = figures.prevalence.stream().filter(p -> p.site().equals(site)).toList();
        Optional<Integer> latest = rows.stream().map(Prevalence::year).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        List<Series> series = ALL_SEXES.stream().map(sex -> new Series(labels.get("sex." + sex), "solid", DURATIONS.stream()
                .flatMap(d -> rows.stream().filter(p -> p.year() == latest.get() && p.sex().equals(sex) && p.duration().equals(d)))
                .map(p -> gap(labels.get("duration." + p.duration()), p.persons() == null ? null : p.persons().doubleValue(),
                        null, null, p.persons() == null ? WITHHELD : null))
                .toList())).filter(s -> !s.points().isEmpty()).toList();
        return chart("prevalence", "bar", labels.get("axis.duration"), labels.get("axis.persons"), false, 0,
                List.of(new Variant(labels.get("variant.prevalence", latest.get()), series)), labels.get("note.prevalence"));
    }

    /** The share of new patients with one or more, and two or more, conditions, by age at diagnosis. */
    Optional<Chart> comorbidity(String site) {
        List<Comorbidity> rows = latestPeriod(figures.comorbidity.stream().filter(c -> c.site().equals(site)
                && c.sex().equals("both")).toList(), Comorbidity::pooled, Comorbidity::periodEnd);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Series> series = List.of("pct1", "pct2").stream().map(which -> new Series(labels.get("series." + which), "solid",
                COMORBIDITY_AGES.stream().flatMap(a -> rows.stream().filter(c -> c.ageGroup().equals(a)))
                        .map(c -> {
                            Double v = which.equals("pct1") ? c.pct1() : c.pct2();
                            return gap(c.ageGroup(), v, null, null, v == null ? WITHHELD : null);
                        }).toList())).toList();
        return chart("comorbidity", "bar", labels.get("axis.age_at_diagnosis"), labels.get("axis.percent"), false, 1,
                List.of(new Variant(labels.get("variant.period", rows.get(0).period()), series)), labels.get("note.comorbidity"));
    }

    /** The standardised prevalence ratio of each condition, with its 95% interval. */
    Optional<Chart> ratios(String site) {
        List<Ratio> rows = latestPeriod(figures.ratios.stream().filter(r -> r.site().equals(site) && r.sex().equals("both"))
                .toList(), Ratio::pooled, Ratio::periodEnd);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Point> points = rows.stream().sorted(Comparator.comparing(Ratio::condition))
                .map(r -> gap(labels.orSelf("condition.", r.condition()), r.ratio(), r.lower(), r.upper(),
                        r.ratio() == null ? WITHHELD : null)).toList();
        return chart("ratios", "interval", labels.get("axis.condition"), labels.get("axis.ratio"), false, 2,
                List.of(new Variant(labels.get("variant.period", rows.get(0).period()),
                        List.of(new Series(labels.get("series.ratio"), "solid", points)))), labels.get("note.ratios"));
    }

    private Optional<Chart> chart(String id, String kind, String x, String y, boolean log, int digits, List<Variant> variants,
                                  String note) {
        List<Variant> drawn = variants.stream().filter(v -> !v.series().isEmpty()).toList();
        return drawn.isEmpty() ? Optional.empty()
                : Optional.of(new Chart(id, labels.get("chart." + id), kind, x, y, log, digits, drawn, note));
    }

    /** A point; when its value is null or flagged it is a gap with the reason (an unreliable value too is not drawn). */
    private Point gap(Object x, Double y, Double lower, Double upper, String flag) {
        if (flag == null) {
            return new Point(x, y, lower, upper, null);
        }
        return new Point(x, null, null, null, reasons.of(flag));
    }

    /** On a log scale a rate of 0 cannot be drawn: it is a gap, said so. */
    private static Double positive(Double rate, String flag) {
        return flag == null && rate != null && rate > 0 ? rate : null;
    }

    private static String zeroOr(Double rate, String flag) {
        return flag != null ? flag : rate != null && rate == 0 ? "zero" : null;
    }

    private static Double percent(Double proportion) {
        return proportion == null ? null : proportion * 100;
    }

    private static double midYear(int start, int end) {
        return (start + end) / 2.0;
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private String ageNote(List<Survival> rows, String approach) {
        boolean standardised = rows.stream().anyMatch(s -> s.approach().equals(approach) && s.ageGroup().equals("standardised"));
        return labels.get(standardised ? "variant.standardised" : "variant.all_ages");
    }

    /** Keeps, for each key, the age-standardised row where there is one, else the all-ages one. */
    private static <T> List<T> preferStandardised(List<T> rows, Function<T, String> age, Function<T, String> key) {
        Map<String, T> kept = new LinkedHashMap<>();
        for (T row : rows) {
            T seen = kept.get(key.apply(row));
            if (seen == null || age.apply(row).equals("standardised") && !age.apply(seen).equals("standardised")) {
                kept.put(key.apply(row), row);
            }
        }
        return List.copyOf(kept.values());
    }

    /** The rows of the latest pooled period where there is one, else of the latest year. */
    private static <T> List<T> latestPeriod(List<T> rows, Function<T, Boolean> pooled, Function<T, Integer> end) {
        Set<Boolean> kinds = rows.stream().map(pooled).collect(Collectors.toSet());
        boolean usePooled = kinds.contains(true);
        Optional<Integer> last = rows.stream().filter(r -> pooled.apply(r) == usePooled).map(end).max(Comparator.naturalOrder());
        return last.map(l -> rows.stream().filter(r -> pooled.apply(r) == usePooled && end.apply(r).equals(l)).toList())
                .orElse(List.of());
    }
}
