package org.cancerstats.statistics;

import java.util.ArrayList;
import java.util.List;

import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/** The rate tables of SPEC.md section 3, with the comments analysts see in DESCRIBE TABLE. */
public final class RateTables {

    static final TableColumnDef REFRESH = new TableColumnDef("refresh_id", "STRING", "The run that wrote this row");

    private static final List<TableColumnDef> PERIOD = List.of(
            new TableColumnDef("period_type", "STRING", "'year' for one calendar year, 'period' for a multi-year period"),
            new TableColumnDef("period", "STRING", "The year (2023) or the period (2019-2023)"),
            new TableColumnDef("period_start", "INT", "First calendar year"),
            new TableColumnDef("period_end", "INT", "Last calendar year"),
            new TableColumnDef("sex", "STRING", "male, female or both"),
            new TableColumnDef("region", "STRING", "Region, or 'national' (all regions, including cases whose region is unknown)"));

    public static final TableDef INCIDENCE_COUNTS = counts("incidence_counts", "New cases");
    public static final TableDef MORTALITY_COUNTS = counts("mortality_counts", "Deaths (underlying cause)");
    public static final TableDef INCIDENCE_RATES = rates("incidence_rates", "incidence");
    public static final TableDef MORTALITY_RATES = rates("mortality_rates", "mortality");

    public static final TableDef AGE_SPECIFIC_RATES = new TableDef("age_specific_rates",
            "Age-specific incidence and mortality rates per 100,000 person-years with exact Poisson 95% intervals.",
            concat(List.of(new TableColumnDef("measure", "STRING", "incidence or mortality")), PERIOD, List.of(
                    new TableColumnDef("site", "STRING", "Cancer site or summary group (conf/sites.csv, conf/site_groups.csv)"),
                    new TableColumnDef("age_group", "STRING", "Age group: 0-4 ... 80-84, 85+"),
                    new TableColumnDef("age_lower", "INT", "Lowest age of the group, for sorting"),
                    new TableColumnDef("cases", "BIGINT", "Cases (or deaths) in the group"),
                    new TableColumnDef("person_years", "DOUBLE", "Person-years (sum of mid-year populations)"),
                    new TableColumnDef("rate", "DOUBLE", "Cases per 100,000 person-years; null without person-years"),
                    new TableColumnDef("rate_lower", "DOUBLE", "Exact Poisson lower 95% limit, per 100,000"),
                    new TableColumnDef("rate_upper", "DOUBLE", "Exact Poisson upper 95% limit, per 100,000"),
                    REFRESH)));

    public static final TableDef DATA_QUALITY = new TableDef("data_quality",
            "Data-quality indicators by extract, site, sex and period (NORDCAN/IARC style): shares in percent.",
            List.of(new TableColumnDef("extract", "STRING", "incidence, mortality (written by rates) or followup (by survival)"),
                    new TableColumnDef("site", "STRING", "Site or group; '(basal cell)' and '(outside statistics)' hold records counted in no site"),
                    new TableColumnDef("sex", "STRING", "male, female or both"),
                    new TableColumnDef("period_type", "STRING", "'year' or 'period'"),
                    new TableColumnDef("period", "STRING", "The year or the period"),
                    new TableColumnDef("records", "BIGINT", "Tumours (incidence) or deaths (mortality)"),
                    new TableColumnDef("mv_pct", "DOUBLE", "Microscopically verified: basis 5, 6 or 7, percent (incidence)"),
                    new TableColumnDef("dco_pct", "DOUBLE", "Death certificate only: basis 0, percent (incidence)"),
                    new TableColumnDef("unknown_basis_pct", "DOUBLE", "Basis of diagnosis unknown (9), percent (incidence)"),
                    new TableColumnDef("unknown_age_pct", "DOUBLE", "Age at diagnosis or death not computable, percent"),
                    new TableColumnDef("unknown_region_pct", "DOUBLE", "Region not in the population extract, percent"),
                    new TableColumnDef("excluded_pct", "DOUBLE",
                            "Records left out of the rates: counted in no site, or in a stratum without person-years, percent"),
                    new TableColumnDef("mi_ratio", "DOUBLE", "Mortality:incidence ratio, deaths / new cases (incidence rows)"),
                    new TableColumnDef("vital_conflict_pct", "DOUBLE", "Follow-up rows (first tumours of survival patients) "
                            + "whose vital status or end date contradicts the cause-of-death register, percent (followup rows)"),
                    REFRESH));

    private RateTables() {
    }

    /** Fails, naming {@code statistic}, when the rates' counts it starts from are not there yet. */
    static void requireCounts(org.cancerstats.tables.RegistryCatalog catalog, String statistic) {
        if (!catalog.exists(INCIDENCE_COUNTS.name())) {
            throw new IllegalStateException(statistic + " start from incidence_counts, which the rates write: run rates "
                    + "first (the refresh does)");
        }
    }

    private static TableDef counts(String name, String what) {
        return new TableDef(name, what + " by year, sex, region, age group and site, zero-filled over the grid of "
                + "years and regions present.",
                List.of(new TableColumnDef("year", "INT", "Calendar year of diagnosis or death"),
                        new TableColumnDef("sex", "INT", "1 male, 2 female"),
                        new TableColumnDef("region", "STRING", "Region as delivered (one not in the population still counts nationally)"),
                        new TableColumnDef("age_group", "STRING", "Age group: 0-4 ... 80-84, 85+"),
                        new TableColumnDef("age_lower", "INT", "Lowest age of the group, for sorting"),
                        new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                        new TableColumnDef("cases", "BIGINT", what),
                        REFRESH));
    }

    private static TableDef rates(String name, String measure) {
        return new TableDef(name, "Crude and age-standardised " + measure + " rates per 100,000 person-years with 95% "
                + "intervals and cumulative risk, by period, sex, region, education, site and standard population.",
                concat(PERIOD, List.of(
                        new TableColumnDef("education", "STRING", "'all', or an education level where both cases and population carry it"),
                        new TableColumnDef("site", "STRING", "Cancer site or summary group"),
                        new TableColumnDef("standard", "STRING", "Standard population (conf/standards/<standard>.csv)"),
                        new TableColumnDef("age_range", "STRING", "'all' or the truncated range (35-64) the ASR covers"),
                        new TableColumnDef("cases", "BIGINT", "Cases (or deaths) in the age range, in strata with person-years"),
                        new TableColumnDef("person_years", "DOUBLE", "Person-years in the age range"),
                        new TableColumnDef("crude_rate", "DOUBLE", "Cases per 100,000 person-years"),
                        new TableColumnDef("crude_lower", "DOUBLE", "Exact Poisson lower 95% limit of the crude rate"),
                        new TableColumnDef("crude_upper", "DOUBLE", "Exact Poisson upper 95% limit of the crude rate"),
                        new TableColumnDef("asr", "DOUBLE", "Directly age-standardised rate per 100,000"),
                        new TableColumnDef("asr_se", "DOUBLE", "Standard error of the ASR, per 100,000"),
                        new TableColumnDef("asr_lower", "DOUBLE", "Lower 95% limit, Fay-Feuer gamma method (Tiwari's is the same)"),
                        new TableColumnDef("asr_upper", "DOUBLE", "Upper 95% limit, Fay-Feuer gamma method"),
                        new TableColumnDef("asr_upper_tiwari", "DOUBLE", "Upper 95% limit, Tiwari et al. (2006) modification"),
                        new TableColumnDef("cumulative_risk_0_74", "DOUBLE", "Cumulative risk 0-74, percent (null for a truncated range)"),
                        new TableColumnDef("cumulative_risk_0_79", "DOUBLE", "Cumulative risk 0-79, percent (null for a truncated range)"),
                        new TableColumnDef("excluded_cases", "BIGINT", "Cases in age groups without person-years, left out (flagged)"),
                        REFRESH)));
    }

    @SafeVarargs
    static List<TableColumnDef> concat(List<TableColumnDef>... parts) {
        List<TableColumnDef> out = new ArrayList<>();
        for (List<TableColumnDef> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
