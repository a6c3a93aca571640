package org.cancerstats.statistics;

import java.util.List;

import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/** Prevalence and comorbidity tables of SPEC.md section 3. */
public final class PrevalenceTables {

    public static final TableDef PREVALENCE = new TableDef("prevalence",
            "People alive at an index date (a year end) after a cancer diagnosis, once per site and summary group, by "
                    + "duration since diagnosis (1, 3, 5, 10 years, complete), current age, sex and region.",
            List.of(new TableColumnDef("index_date", "DATE", "The index date (31 December of year by default)"),
                    new TableColumnDef("year", "INT", "Year of the index date"),
                    new TableColumnDef("site", "STRING", "Cancer site or summary group; a person counts once in each"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("region", "STRING", "Region at the first diagnosis in the site, or 'national'"),
                    new TableColumnDef("age_group", "STRING", "Current age group at the index date (0-4 ... 85+), or 'all'"),
                    new TableColumnDef("age_lower", "INT", "Lowest age of the group; null for 'all'"),
                    new TableColumnDef("duration", "STRING", "1, 3, 5, 10 (diagnosed less than that many years before) or complete"),
                    new TableColumnDef("persons", "BIGINT", "Prevalent persons"),
                    new TableColumnDef("population", "DOUBLE", "Population of the index year in the same stratum (mid-year)"),
                    new TableColumnDef("per_100k", "DOUBLE", "Prevalent persons per 100,000 population"),
                    new TableColumnDef("asr_per_100k", "DOUBLE", "Age-standardised proportion per 100,000 ('all' rows only)"),
                    new TableColumnDef("standard", "STRING", "Standard population of asr_per_100k"),
                    new TableColumnDef("coverage_complete", "BOOLEAN",
                            "Whether the registry covers the whole window; false marks an underestimate, not complete prevalence"),
                    RateTables.REFRESH));

    public static final TableDef COMORBIDITY_AT_DIAGNOSIS = new TableDef("comorbidity_at_diagnosis",
            "New cancer patients (first tumour per person and site) with chronic conditions recorded on or before the "
                    + "diagnosis date, by year or pooled period of diagnosis, site, sex and age group (RUKS groups).",
            List.of(new TableColumnDef("year", "INT", "Year of diagnosis; null on the rows of a pooled period"),
                    new TableColumnDef("period_type", "STRING", "'year', or 'period' for pooled years (comorbidity.period-years, "
                            + "comorbidity.periods)"),
                    new TableColumnDef("period", "STRING", "The year, or the period such as 2021-2023"),
                    new TableColumnDef("period_start", "INT", "First year"),
                    new TableColumnDef("period_end", "INT", "Last year"),
                    new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("age_group", "STRING", "Age at diagnosis: 0-44, 45-59, 60-74, 75+, or 'all'"),
                    new TableColumnDef("patients", "BIGINT", "New patients"),
                    new TableColumnDef("with_1plus", "BIGINT", "Patients with at least one condition at diagnosis"),
                    new TableColumnDef("with_2plus", "BIGINT", "Patients with two or more conditions at diagnosis"),
                    new TableColumnDef("pct_1plus", "DOUBLE", "Share with at least one, percent"),
                    new TableColumnDef("pct_2plus", "DOUBLE", "Share with two or more, percent"),
                    new TableColumnDef("by_condition", "MAP<STRING, BIGINT>", "Patients with each condition at diagnosis"),
                    RateTables.REFRESH));

    public static final TableDef COMORBIDITY_PREVALENCE_RATIOS = new TableDef("comorbidity_prevalence_ratios",
            "Standardised prevalence ratios: patients with a condition at diagnosis (observed) against the number "
                    + "expected from the general population's prevalence of the same age and sex, with exact 95% intervals.",
            List.of(new TableColumnDef("condition", "STRING", "Chronic condition"),
                    new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("period_type", "STRING", "'year' or 'period'"),
                    new TableColumnDef("period", "STRING", "The year or the period of diagnosis"),
                    new TableColumnDef("period_start", "INT", "First year"),
                    new TableColumnDef("period_end", "INT", "Last year"),
                    new TableColumnDef("patients", "BIGINT", "New patients whose year, sex and age a reference band covers"),
                    new TableColumnDef("patients_no_reference", "BIGINT",
                            "New patients whose year, sex and age no condition_prevalence band covers: in neither observed nor expected"),
                    new TableColumnDef("observed", "BIGINT", "Patients with the condition at diagnosis"),
                    new TableColumnDef("expected", "DOUBLE", "Σ patients × population prevalence of the reference band holding "
                            + "their age (persons in the band / population of the band), by year and sex"),
                    new TableColumnDef("ratio", "DOUBLE", "Standardised prevalence ratio, observed / expected"),
                    new TableColumnDef("ratio_lower", "DOUBLE", "Exact Poisson lower 95% limit"),
                    new TableColumnDef("ratio_upper", "DOUBLE", "Exact Poisson upper 95% limit"),
                    new TableColumnDef("asp_patients", "DOUBLE", "Age-standardised prevalence among patients, percent"),
                    new TableColumnDef("asp_population", "DOUBLE", "Age-standardised prevalence in the population, percent"),
                    new TableColumnDef("asp_ratio", "DOUBLE", "asp_patients / asp_population"),
                    new TableColumnDef("standard", "STRING", "Standard population of the age-standardised prevalences"),
                    RateTables.REFRESH));

    private PrevalenceTables() {
    }
}
