package org.cancerstats.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerstats.publish.PublicTables;

/**
 * The rows of a release the report draws, read once per table from its CSV files and kept as typed records: the
 * national figures of every site (regions, education levels and truncated age ranges are left to the tables).
 */
final class ReleaseFigures {

    static final String NATIONAL = "national";
    static final String INCIDENCE = "incidence";
    static final String MORTALITY = "mortality";

    /** An ASR of one year (incidence_rates and mortality_rates: national, every education level, all ages). */
    record Rate(String measure, String site, String sex, String standard, int year, Long cases, Double asr, Double lower,
                Double upper, String flag) {
    }

    /** An age-specific rate of a 5-year period (age_specific_rates, national). */
    record AgeRate(String measure, String site, String sex, String period, int ageLower, String ageGroup, Long cases,
                   Double rate, String flag) {
    }

    /** A projected ASR of a future period (incidence_projections and mortality_projections, national, all ages). */
    record Projection(String measure, String site, String sex, String standard, int periodStart, int periodEnd, Double asr) {
    }

    /** Net survival at a horizon (survival: national, all stages, Pohar Perme). */
    record Survival(String site, String sex, String approach, String period, String ageGroup, int horizon, Double survival,
                    Double lower, Double upper, String reason) {
    }

    /** A month of a survival curve (survival_curve: national, all stages, Pohar Perme). */
    record CurvePoint(String site, String sex, String approach, String period, String ageGroup, int month, Double survival,
                      Double lower, Double upper, String reason) {
    }

    /** Prevalent persons by duration (prevalence: national, all ages). */
    record Prevalence(String site, String sex, int year, String duration, Long persons, Double per100k) {
    }

    /** The share of new patients with comorbidity (comorbidity_at_diagnosis). */
    record Comorbidity(String site, String sex, String period, int periodEnd, boolean pooled, String ageGroup, Double pct1,
                       Double pct2) {
    }

    /** A standardised prevalence ratio of a condition (comorbidity_prevalence_ratios). */
    record Ratio(String site, String sex, String period, int periodEnd, boolean pooled, String condition, Double ratio,
                 Double lower, Double upper) {
    }

    final List<Rate> rates = new ArrayList<>();
    final List<AgeRate> ageRates = new ArrayList<>();
    final List<Projection> projections = new ArrayList<>();
    final List<Survival> survival = new ArrayList<>();
    final List<CurvePoint> curves = new ArrayList<>();
    final List<Prevalence> prevalence = new ArrayList<>();
    final List<Comorbidity> comorbidity = new ArrayList<>();
    final List<Ratio> ratios = new ArrayList<>();
    /** The tables each part of a page comes from, and whether the release has them. */
    final Map<String, Boolean> tables = new LinkedHashMap<>();

    private ReleaseFigures() {
    }

    static ReleaseFigures read(ReleaseFolder release) {
        ReleaseFigures f = new ReleaseFigures();
        for (String measure : List.of(INCIDENCE, MORTALITY)) {
            String table = measure + "_rates";
            f.tables.put(table, release.has(table));
            release.rows(table, r -> {
                if (r.is("region", NATIONAL) && r.is("education", "all") && r.is("age_range", "all") && r.is("period_type", "year")) {
                    Double asr = r.number("asr");
                    f.rates.add(new Rate(measure, r.text("site"), r.text("sex"), r.text("standard"), r.integer("period_start"),
                            longOf(r.number("cases")), asr, r.number("asr_lower"), r.number("asr_upper"),
                            flag(r.text(PublicTables.RATE_FLAG), r.text(PublicTables.COUNT_FLAG))));
                }
            });
            String projected = measure + "_projections";
            f.tables.put(projected, release.has(projected));
            release.rows(projected, r -> {
                if (r.is("region", NATIONAL) && r.is("age_group", "all") && r.text("standard") != null) {
                    f.projections.add(new Projection(measure, r.text("site"), r.text("sex"), r.text("standard"),
                            r.integer("period_start"), r.integer("period_end"), r.number("asr")));
                }
            });
        }
        f.tables.put("age_specific_rates", release.has("age_specific_rates"));
        release.rows("age_specific_rates", r -> {
            if (r.is("region", NATIONAL) && r.is("period_type", "period")) {
                f.ageRates.add(new AgeRate(r.text("measure"), r.text("site"), r.text("sex"), r.text("period"),
                        r.integer("age_lower"), r.text("age_group"), longOf(r.number("cases")), r.number("rate"),
                        flag(r.text(PublicTables.RATE_FLAG), r.text(PublicTables.COUNT_FLAG))));
            }
        });
        Set<String> survivalAges = Set.of("standardised", "all");
        f.tables.put("survival", release.has("survival"));
        release.rows("survival", r -> {
            if (r.is("region", NATIONAL) && r.is("stage", "all") && r.is("estimator", "pohar_perme")
                    && survivalAges.contains(r.text("age_group"))) {
                f.survival.add(new Survival(r.text("site"), r.text("sex"), r.text("approach"), r.text("period"),
                        r.text("age_group"), r.integer("horizon_years"), r.number("survival"), r.number("lower"),
                        r.number("upper"), estimateFlag(r)));
            }
        });
        f.tables.put("survival_curve", release.has("survival_curve"));
        release.rows("survival_curve", r -> {
            if (r.is("region", NATIONAL) && r.is("stage", "all") && r.is("estimator", "pohar_perme")
                    && survivalAges.contains(r.text("age_group"))) {
                f.curves.add(new CurvePoint(r.text("site"), r.text("sex"), r.text("approach"), r.text("period"),
                        r.text("age_group"), r.integer("month"), r.number("survival"), r.number("lower"), r.number("upper"),
                        estimateFlag(r)));
            }
        });
        f.tables.put("prevalence", release.has("prevalence"));
        release.rows("prevalence", r -> {
            if (r.is("region", NATIONAL) && r.is("age_group", "all")) {
                f.prevalence.add(new Prevalence(r.text("site"), r.text("sex"), r.integer("year"), r.text("duration"),
                        longOf(r.number("persons")), r.number("per_100k")));
            }
        });
        f.tables.put("comorbidity_at_diagnosis", release.has("comorbidity_at_diagnosis"));
        release.rows("comorbidity_at_diagnosis", r -> f.comorbidity.add(new Comorbidity(r.text("site"), r.text("sex"),
                r.text("period"), r.integer("period_end"), r.is("period_type", "period"), r.text("age_group"),
                r.number("pct_1plus"), r.number("pct_2plus"))));
        f.tables.put("comorbidity_prevalence_ratios", release.has("comorbidity_prevalence_ratios"));
        release.rows("comorbidity_prevalence_ratios", r -> f.ratios.add(new Ratio(r.text("site"), r.text("sex"),
                r.text("period"), r.integer("period_end"), r.is("period_type", "period"), r.text("condition"),
                r.number("ratio"), r.number("ratio_lower"), r.number("ratio_upper"))));
        return f;
    }

    /**
     * Why a survival estimate is a gap: the release's flag (suppressed_small, unreliable, not_published), else the
     * statistic's own reason when it withheld the estimate (S01 ...), else none. The curve has only the flag.
     */
    private static String estimateFlag(ReleaseFolder.CsvRow r) {
        String flag = r.text(PublicTables.ESTIMATE_FLAG);
        if (flag != null) {
            return flag;
        }
        return r.number("survival") == null ? r.has("withheld_reason") && r.text("withheld_reason") != null
                ? r.text("withheld_reason") : "withheld" : null;
    }

    /** The rate's flag when it has one, else the count's: why a figure is a gap. */
    private static String flag(String rateFlag, String countFlag) {
        return rateFlag != null ? rateFlag : countFlag;
    }

    private static Long longOf(Double v) {
        return v == null ? null : Math.round(v);
    }
}
