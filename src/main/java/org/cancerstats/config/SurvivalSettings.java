package org.cancerstats.config;

import java.util.List;

import com.typesafe.config.ConfigException;

import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.core.stats.IntervalTransform;

/**
 * The {@code cancerstats.survival} section.
 *
 * @param years                 longest follow-up estimated, years (10)
 * @param periodYears           length of the diagnosis periods (blocks back from the closing year) and of the default
 *                              window
 * @param cohorts               cohorts estimated besides the default blocks ("1993-2007")
 * @param periodWindow          the period approach's window, or null for the last periodYears years to the closing year
 * @param intervalTransform     scale of the confidence intervals
 * @param horizons              horizons reported, years
 * @param maxAge                oldest age at diagnosis included (89: "age 90+" excluded)
 * @param minPatientsPerAgeBand fewest patients in every age band for a standardised estimate
 * @param minPatients           fewest patients in the group for a standardised estimate
 * @param byRegion              also by region of residence (breakdowns has region)
 * @param byStage               also by stage at diagnosis (breakdowns has stage)
 */
public record SurvivalSettings(int years, int periodYears, List<YearSpan> cohorts, YearSpan periodWindow,
                               IntervalTransform intervalTransform, int[] horizons, int maxAge, int minPatientsPerAgeBand,
                               int minPatients, boolean byRegion, boolean byStage) {

    public static final String YEARS = "cancerstats.survival.years";
    public static final String PERIOD_YEARS = "cancerstats.survival.period-years";
    public static final String COHORTS = "cancerstats.survival.cohorts";
    public static final String PERIOD_WINDOW = "cancerstats.survival.period-window";
    public static final String INTERVAL_TRANSFORM = "cancerstats.survival.interval-transform";
    public static final String HORIZONS = "cancerstats.survival.horizons";
    public static final String MAX_AGE = "cancerstats.survival.max-age";
    public static final String MIN_PATIENTS_PER_AGE_BAND = "cancerstats.survival.min-patients-per-age-band";
    public static final String MIN_PATIENTS = "cancerstats.survival.min-patients";
    public static final String BREAKDOWNS = "cancerstats.survival.breakdowns";

    public SurvivalSettings {
        cohorts = List.copyOf(cohorts);
        horizons = horizons.clone();
    }

    @Override
    public int[] horizons() {
        return horizons.clone();
    }

    static SurvivalSettings read(ConfigReader c) {
        List<String> breakdowns = c.stringList(BREAKDOWNS);
        for (String v : breakdowns) {
            if (!v.equals("region") && !v.equals("stage")) {
                throw new ConfigException.BadValue(BREAKDOWNS, "'" + v + "' is not region or stage");
            }
        }
        int years = c.positiveInt(YEARS);
        int[] horizons = c.intList(HORIZONS);
        for (int h : horizons) {
            if (h < 1 || h > years) {
                throw new ConfigException.BadValue(HORIZONS, "each horizon must lie in 1.." + years + " (" + YEARS + "); got " + h);
            }
        }
        return new SurvivalSettings(years, c.positiveInt(PERIOD_YEARS), c.yearSpans(COHORTS), c.optionalYearSpan(PERIOD_WINDOW),
                ConfigReader.parsed(INTERVAL_TRANSFORM, c.string(INTERVAL_TRANSFORM), IntervalTransform::named), horizons,
                c.positiveInt(MAX_AGE), c.integer(MIN_PATIENTS_PER_AGE_BAND), c.integer(MIN_PATIENTS),
                breakdowns.contains("region"), breakdowns.contains("stage"));
    }
}
