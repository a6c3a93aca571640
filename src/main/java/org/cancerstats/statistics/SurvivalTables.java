package org.cancerstats.statistics;

import java.util.List;

import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/** Survival tables of SPEC.md section 3. */
public final class SurvivalTables {

    private static final List<TableColumnDef> KEYS = List.of(
            new TableColumnDef("site", "STRING", "Cancer site or summary group (first tumour per person and site)"),
            new TableColumnDef("sex", "STRING", "male, female or both"),
            new TableColumnDef("region", "STRING", "'national', or the region of residence at diagnosis (survival.breakdowns)"),
            new TableColumnDef("stage", "STRING", "'all', or the stage at diagnosis, 'unknown' when not given (survival.breakdowns)"),
            new TableColumnDef("approach", "STRING", "cohort (patients diagnosed in the period) or period (follow-up within the window)"),
            new TableColumnDef("period", "STRING", "Diagnosis period (cohort) or follow-up window (period), e.g. 2019-2023"),
            new TableColumnDef("age_group", "STRING", "ICSS age band, 'all' (ages 0-89, not standardised) or 'standardised' (ICSS)"));

    public static final TableDef SURVIVAL = new TableDef("survival",
            "Observed, Ederer II relative and Pohar Perme net survival at 1, 5 and 10 years, life-table form with monthly "
                    + "intervals, by site, sex, approach, period and age (ICSS age-standardised rows included).",
            RateTables.concat(KEYS, List.of(
                    new TableColumnDef("horizon_years", "INT", "Years since diagnosis"),
                    new TableColumnDef("estimator", "STRING", "pohar_perme (net survival, the default), ederer2 (relative) or observed"),
                    new TableColumnDef("icss_set", "STRING", "ICSS weight set of the site"),
                    new TableColumnDef("patients", "BIGINT", "Patients included (after the exclusions of survival_quality)"),
                    new TableColumnDef("deaths", "BIGINT", "Deaths up to the horizon"),
                    new TableColumnDef("survival", "DOUBLE", "Survival proportion; null when withheld"),
                    new TableColumnDef("se", "DOUBLE", "Standard error"),
                    new TableColumnDef("lower", "DOUBLE", "Lower 95% limit"),
                    new TableColumnDef("upper", "DOUBLE", "Upper 95% limit"),
                    new TableColumnDef("ci_transform", "STRING",
                            "Scale of the interval: log (the default) or log-log (survival.interval-transform)"),
                    new TableColumnDef("withheld_reason", "STRING",
                            "Why an estimate is not reported: S01 fewer than 30 patients, S02 an age band with fewer than 3, "
                                    + "S03 nobody left at risk before the horizon (short follow-up, or every patient exited)"),
                    RateTables.REFRESH)));

    public static final TableDef SURVIVAL_CURVE = new TableDef("survival_curve",
            "Monthly survival curves (all ages 0-89) by site, sex, approach and period, for each estimator.",
            RateTables.concat(KEYS, List.of(
                    new TableColumnDef("month", "INT", "Months since diagnosis"),
                    new TableColumnDef("estimator", "STRING", "pohar_perme, ederer2 or observed"),
                    new TableColumnDef("survival", "DOUBLE", "Survival proportion at the end of the month"),
                    new TableColumnDef("lower", "DOUBLE", "Lower 95% limit"),
                    new TableColumnDef("upper", "DOUBLE", "Upper 95% limit"),
                    RateTables.REFRESH)));

    public static final TableDef SURVIVAL_QUALITY = new TableDef("survival_quality",
            "First tumours per person and site included in and excluded from survival, and counted by each exclusion criterion.",
            List.of(new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("year", "INT", "Year of diagnosis"),
                    new TableColumnDef("reason", "STRING",
                            "included or excluded (every first tumour once in one of the two), or an exclusion criterion: "
                                    + "DCO, autopsy, age 90+ (above survival.max-age), zero or negative follow-up, unknown "
                                    + "vital status, no follow-up row; a patient is counted under every criterion met"),
                    new TableColumnDef("patients", "BIGINT", "First tumours"),
                    RateTables.REFRESH));

    private SurvivalTables() {
    }
}
