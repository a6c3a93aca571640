package org.cancerstats.statistics;

import java.util.List;

import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/** The comparison tables (docs/methods.md, "Regions against the nation"), with their catalog comments. */
public final class ComparisonTables {

    public static final TableDef REGIONAL_RATIOS = new TableDef("regional_ratios",
            "Indirectly standardised incidence (SIR) and mortality (SMR) ratios of each region against the nation, with "
                    + "exact 95% intervals, the exact Poisson test of ratio 1 and the 95% and 99.8% funnel limits.",
            List.of(new TableColumnDef("measure", "STRING", "incidence (SIR) or mortality (SMR)"),
                    new TableColumnDef("ratio_type", "STRING", "SIR or SMR"),
                    new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                    new TableColumnDef("sex", "STRING", "male, female or both (observed and expected summed over the sexes)"),
                    new TableColumnDef("period", "STRING", "A 5-year period (2019-2023) or the whole span of the data"),
                    new TableColumnDef("period_start", "INT", "First calendar year"),
                    new TableColumnDef("period_end", "INT", "Last calendar year"),
                    new TableColumnDef("whole_span", "BOOLEAN", "Whether the period is the whole span of the data"),
                    new TableColumnDef("region", "STRING", "Region (of the population)"),
                    new TableColumnDef("observed", "BIGINT", "Cases (or deaths) of the region"),
                    new TableColumnDef("expected", "DOUBLE", "National age-specific rates of the period x the region's person-years"),
                    new TableColumnDef("ratio", "DOUBLE", "observed / expected; null without expectation"),
                    new TableColumnDef("ratio_lower", "DOUBLE", "Exact Poisson lower 95% limit of the ratio"),
                    new TableColumnDef("ratio_upper", "DOUBLE", "Exact Poisson upper 95% limit of the ratio"),
                    new TableColumnDef("p_value", "DOUBLE", "Exact two-sided Poisson test of ratio = 1 (as R's poisson.test)"),
                    new TableColumnDef("funnel_lower_95", "DOUBLE", "Funnel limit: 2.5% quantile of the ratio at this expected count"),
                    new TableColumnDef("funnel_upper_95", "DOUBLE", "Funnel limit: 97.5% quantile"),
                    new TableColumnDef("funnel_lower_998", "DOUBLE", "Funnel limit: 0.1% quantile"),
                    new TableColumnDef("funnel_upper_998", "DOUBLE", "Funnel limit: 99.9% quantile"),
                    new TableColumnDef("outside_95", "BOOLEAN", "The ratio lies outside the 95% funnel limits"),
                    new TableColumnDef("outside_998", "BOOLEAN", "The ratio lies outside the 99.8% limits: flagged as divergent"),
                    RateTables.REFRESH));

    public static final TableDef INEQUALITY = new TableDef("inequality",
            "Inequality by education, nationally: age-standardised rates per level with 95% intervals, the rate ratio "
                    + "of low against high education, the slope and relative index of inequality (SII, RII) with 95% intervals.",
            List.of(new TableColumnDef("measure", "STRING", "incidence or mortality"),
                    new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("period", "STRING", "The period (rates' periods)"),
                    new TableColumnDef("period_start", "INT", "First calendar year"),
                    new TableColumnDef("period_end", "INT", "Last calendar year"),
                    new TableColumnDef("standard", "STRING", "Standard population of the ASRs"),
                    new TableColumnDef("asr_high", "DOUBLE", "ASR per 100,000 of high education"),
                    new TableColumnDef("asr_high_lower", "DOUBLE", "Its lower 95% limit (Fay-Feuer)"),
                    new TableColumnDef("asr_high_upper", "DOUBLE", "Its upper 95% limit"),
                    new TableColumnDef("asr_medium", "DOUBLE", "ASR per 100,000 of medium education"),
                    new TableColumnDef("asr_medium_lower", "DOUBLE", "Its lower 95% limit"),
                    new TableColumnDef("asr_medium_upper", "DOUBLE", "Its upper 95% limit"),
                    new TableColumnDef("asr_low", "DOUBLE", "ASR per 100,000 of low education"),
                    new TableColumnDef("asr_low_lower", "DOUBLE", "Its lower 95% limit"),
                    new TableColumnDef("asr_low_upper", "DOUBLE", "Its upper 95% limit"),
                    new TableColumnDef("rate_ratio", "DOUBLE", "ASR of low over ASR of high education"),
                    new TableColumnDef("rate_ratio_lower", "DOUBLE", "Lower 95% limit (log scale, from the ASRs' SEs)"),
                    new TableColumnDef("rate_ratio_upper", "DOUBLE", "Upper 95% limit"),
                    new TableColumnDef("sii", "DOUBLE", "Slope index of inequality, per 100,000 (fitted rate at the bottom minus the top)"),
                    new TableColumnDef("sii_lower", "DOUBLE", "Lower 95% limit (delta method)"),
                    new TableColumnDef("sii_upper", "DOUBLE", "Upper 95% limit"),
                    new TableColumnDef("rii", "DOUBLE", "Relative index of inequality: fitted rate at the bottom over the top"),
                    new TableColumnDef("rii_lower", "DOUBLE", "Lower 95% limit (delta method, log scale)"),
                    new TableColumnDef("rii_upper", "DOUBLE", "Upper 95% limit"),
                    new TableColumnDef("cases", "BIGINT", "All cases of the stratum, any education"),
                    new TableColumnDef("cases_unknown_education", "BIGINT", "Cases whose education is unknown or missing"),
                    new TableColumnDef("unknown_education_share", "DOUBLE", "cases_unknown_education / cases"),
                    new TableColumnDef("unknown_education_flag", "BOOLEAN",
                            "The unknown share exceeds comparisons.unknown-education-limit: read the indices with care"),
                    RateTables.REFRESH));

    public static final TableDef SURVIVAL_DIFFERENCES = new TableDef("survival_differences",
            "Age-standardised (ICSS) 5-year net survival of each region minus the nation's, with a 95% interval.",
            List.of(new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("approach", "STRING", "cohort or period, as in survival"),
                    new TableColumnDef("period", "STRING", "Diagnosis period or follow-up window"),
                    new TableColumnDef("region", "STRING", "Region of residence at diagnosis"),
                    new TableColumnDef("horizon_years", "INT", "Years since diagnosis (5)"),
                    new TableColumnDef("patients", "BIGINT", "Patients of the region"),
                    new TableColumnDef("national_patients", "BIGINT", "Patients of the nation"),
                    new TableColumnDef("survival", "DOUBLE", "The region's age-standardised net survival (Pohar Perme)"),
                    new TableColumnDef("national_survival", "DOUBLE", "The nation's"),
                    new TableColumnDef("difference", "DOUBLE", "survival - national_survival; null when either is withheld"),
                    new TableColumnDef("difference_lower", "DOUBLE",
                            "Lower 95% limit: the region being part of the nation, var = se_r^2 + se_n^2 - 2 w se_r^2, w its patient share"),
                    new TableColumnDef("difference_upper", "DOUBLE", "Upper 95% limit"),
                    new TableColumnDef("withheld_reason", "STRING", "The survival table's reason when either estimate is withheld"),
                    RateTables.REFRESH));

    private ComparisonTables() {
    }
}
