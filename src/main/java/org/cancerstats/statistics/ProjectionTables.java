package org.cancerstats.statistics;

import java.util.List;

import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/** The NORDPRED projection tables (docs/methods.md), one per measure, with their catalog comments. */
public final class ProjectionTables {

    public static final TableDef INCIDENCE_PROJECTIONS = projections("incidence_projections", "cases");
    public static final TableDef MORTALITY_PROJECTIONS = projections("mortality_projections", "deaths");

    private ProjectionTables() {
    }

    /** The projection table of a measure. */
    static TableDef of(Measure measure) {
        return measure == Measure.INCIDENCE ? INCIDENCE_PROJECTIONS : MORTALITY_PROJECTIONS;
    }

    private static TableDef projections(String name, String what) {
        return new TableDef(name, "NORDPRED projections of " + what + " by future 5-year period, site, sex, region and age "
                + "group, with the change from the last observed period split into population and risk. One row per age "
                + "group (standard null) and, for all ages, one row per standard population (its ASR).",
                List.of(new TableColumnDef("period", "STRING", "Future 5-year period, e.g. 2024-2028"),
                        new TableColumnDef("period_start", "INT", "First calendar year of the period"),
                        new TableColumnDef("period_end", "INT", "Last calendar year of the period"),
                        new TableColumnDef("periods_ahead", "INT", "1 for the period after the last observed one, up to 5"),
                        new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                        new TableColumnDef("sex", "STRING", "male, female or both (the sum of the two projections)"),
                        new TableColumnDef("region", "STRING", "'national', or a region (projections.by-region)"),
                        new TableColumnDef("age_group", "STRING", "Age group 0-4 ... 85+, or 'all'"),
                        new TableColumnDef("age_lower", "INT", "Lowest age of the group; null for 'all'"),
                        new TableColumnDef("person_years", "DOUBLE", "Projected person-years of the period (5 x the mid-year population)"),
                        new TableColumnDef("cases", "DOUBLE", "Projected " + what + " in the 5-year period"),
                        new TableColumnDef("rate", "DOUBLE", "Projected rate per 100,000 person-years (crude for 'all')"),
                        new TableColumnDef("standard", "STRING", "Standard population of the ASR ('all' rows only; null otherwise)"),
                        new TableColumnDef("asr", "DOUBLE", "Age-standardised rate per 100,000 with this standard"),
                        new TableColumnDef("observed_cases", "DOUBLE", "Observed " + what + " in the last observed 5-year period"),
                        new TableColumnDef("change", "DOUBLE", "cases - observed_cases"),
                        new TableColumnDef("change_population", "DOUBLE",
                                "Part of the change due to population size and age structure: the last observed rates "
                                        + "times the projected person-years, minus observed_cases"),
                        new TableColumnDef("change_risk", "DOUBLE", "Part due to the change in risk: change - change_population"),
                        new TableColumnDef("method", "STRING", "nordpred (the age-period-cohort model), recent_rates (the mean "
                                + "rate of the last two observed periods times the projected person-years) or sum_of_sexes"),
                        new TableColumnDef("link", "STRING", "power5 or poisson (nordpred only)"),
                        new TableColumnDef("fit_periods", "INT", "Observed 5-year periods in the fit"),
                        new TableColumnDef("recent", "BOOLEAN", "Whether the drift of the last two observed periods was projected"),
                        new TableColumnDef("recent_p", "DOUBLE", "p-value of the recent-trend test (likelihood ratio of a period² term)"),
                        new TableColumnDef("gof_p", "DOUBLE", "Goodness-of-fit p-value of the model used"),
                        new TableColumnDef("fallback_reason", "STRING", "Why recent_rates were used instead of the model; null otherwise"),
                        RateTables.REFRESH));
    }
}
