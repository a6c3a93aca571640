package org.cancerstats.config;

import java.time.MonthDay;

/**
 * The {@code cancerstats.prevalence} section.
 *
 * @param indexDate             the day of the year prevalence is counted on (12-31)
 * @param indexYears            index years counted back from the last complete one
 * @param registryStart         the first registry year, or null to take the first year with diagnoses
 * @param completeCoverageYears years of registration after which 'complete' prevalence is not flagged partial
 * @param standard              name of the standard population of the age-standardised prevalences
 */
public record PrevalenceSettings(MonthDay indexDate, int indexYears, Integer registryStart, int completeCoverageYears,
                                 String standard) {

    public static final String INDEX_DATE = "cancerstats.prevalence.index-date";
    public static final String INDEX_YEARS = "cancerstats.prevalence.index-years";
    public static final String REGISTRY_START = "cancerstats.prevalence.registry-start";
    public static final String COMPLETE_COVERAGE_YEARS = "cancerstats.prevalence.complete-coverage-years";
    public static final String STANDARD = "cancerstats.prevalence.standard";

    static PrevalenceSettings read(ConfigReader c) {
        return new PrevalenceSettings(ConfigReader.parsed(INDEX_DATE, "--" + c.string(INDEX_DATE), MonthDay::parse),
                c.positiveInt(INDEX_YEARS), c.optionalInt(REGISTRY_START), c.positiveInt(COMPLETE_COVERAGE_YEARS),
                c.string(STANDARD));
    }
}
