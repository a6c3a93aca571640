package org.cancerstats.config;

import java.util.List;

import com.typesafe.config.ConfigException;

/**
 * The {@code cancerstats.projections} section (NORDPRED, docs/methods.md).
 *
 * @param periods          future 5-year periods projected, 1 to 5
 * @param link             {@code power5} (NORDPRED's default) or {@code poisson}
 * @param candidatePeriods numbers of observed periods tried for the fit, each at least 3 (4, 5, 6)
 * @param startEstimateAge first age group in the fit, 1-based (5: 20-24)
 * @param startUseAge      first age group projected from the model (6: 25-29); younger ones take recent rates
 * @param cuttrend         share of the drift cut in each future period (0, .25, .5, .75, .75)
 * @param minCases         fewest cases in the last observed period for the model; fewer take recent rates
 * @param byRegion         also project each region, besides the nation
 * @param scenario         the population projection's scenario used
 */
public record ProjectionsSettings(int periods, String link, List<Integer> candidatePeriods, int startEstimateAge,
                                  int startUseAge, double[] cuttrend, int minCases, boolean byRegion, String scenario) {

    public static final String PERIODS = "cancerstats.projections.periods";
    public static final String LINK = "cancerstats.projections.link";
    public static final String CANDIDATE_PERIODS = "cancerstats.projections.candidate-periods";
    public static final String START_ESTIMATE_AGE = "cancerstats.projections.start-estimate-age";
    public static final String START_USE_AGE = "cancerstats.projections.start-use-age";
    public static final String CUTTREND = "cancerstats.projections.cuttrend";
    public static final String MIN_CASES = "cancerstats.projections.min-cases";
    public static final String BY_REGION = "cancerstats.projections.by-region";
    public static final String SCENARIO = "cancerstats.projections.scenario";

    public ProjectionsSettings {
        candidatePeriods = List.copyOf(candidatePeriods);
        cuttrend = cuttrend.clone();
    }

    @Override
    public double[] cuttrend() {
        return cuttrend.clone();
    }

    static ProjectionsSettings read(ConfigReader c) {
        int periods = c.integer(PERIODS);
        if (periods < 1 || periods > 5) {
            throw new ConfigException.BadValue(PERIODS, "NORDPRED projects 1 to 5 periods; got " + periods);
        }
        String link = c.string(LINK);
        if (!link.equals("power5") && !link.equals("poisson")) {
            throw new ConfigException.BadValue(LINK, "expected power5 or poisson; got " + link);
        }
        List<Integer> candidates = c.stringList(CANDIDATE_PERIODS).stream()
                .map(v -> ConfigReader.parsed(CANDIDATE_PERIODS, v, Integer::valueOf)).toList();
        if (candidates.isEmpty() || candidates.stream().anyMatch(n -> n < 3)) {
            throw new ConfigException.BadValue(CANDIDATE_PERIODS, "expected numbers of periods of 3 or more; got " + candidates);
        }
        int estimate = c.integer(START_ESTIMATE_AGE);
        int use = c.integer(START_USE_AGE);
        if (estimate < 1 || estimate > 16) {
            throw new ConfigException.BadValue(START_ESTIMATE_AGE, "expected an age group 1..16; got " + estimate);
        }
        if (use < estimate || use > 18) {
            throw new ConfigException.BadValue(START_USE_AGE, "expected an age group from start-estimate-age (" + estimate
                    + ") to 18; got " + use);
        }
        double[] cuttrend = c.stringList(CUTTREND).stream()
                .mapToDouble(v -> ConfigReader.parsed(CUTTREND, v, Double::valueOf)).toArray();
        if (cuttrend.length < periods) {
            throw new ConfigException.BadValue(CUTTREND, "needs a value for each of the " + periods + " periods; got "
                    + cuttrend.length);
        }
        for (double v : cuttrend) {
            if (!(v >= 0 && v <= 1)) {
                throw new ConfigException.BadValue(CUTTREND, "values must lie in [0, 1]; got " + v);
            }
        }
        int minCases = c.integer(MIN_CASES);
        if (minCases < 0) {
            throw new ConfigException.BadValue(MIN_CASES, "must be 0 or more; got " + minCases);
        }
        String scenario = c.string(SCENARIO);
        return new ProjectionsSettings(periods, link, candidates, estimate, use, cuttrend, minCases, c.bool(BY_REGION),
                scenario.isEmpty() ? "main" : scenario);
    }
}
