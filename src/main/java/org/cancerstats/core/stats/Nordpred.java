package org.cancerstats.core.stats;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * NORDPRED projections of cancer incidence or mortality: the age-period-cohort model of Møller B et al., Prediction
 * of cancer incidence in the Nordic countries: empirical comparison of different approaches, Stat Med
 * 2003;22:2751–2766, as the R package nordpred (version 1.3, Cancer Registry of Norway) implements it.
 *
 * <p>Input: cases C(a, p) in 18 five-year age groups a = 1..18 (0–4 … 85+) and N observed five-year periods
 * p = 1..N, and person-years y(a, p) for the N observed and F future periods (1 ≤ F ≤ 5). Cohort c = 18 − a + p.
 *
 * <p><b>Fit.</b> Ages a ≥ startEstimateAge, the last P periods. With the power-5 link (default) the expected count
 * is μ = y·η⁵, with the log link μ = y·exp(η), both with Poisson variance ({@link PoissonGlm}):
 * <pre>
 *   η(a, p) = α_a + δ·p + π_p + γ_c
 * </pre>
 * α_a one per age, δ the drift on the absolute period index, π and γ period and cohort deviations that are 0 at the
 * first and last period and the oldest and youngest cohort of the fit (R's treatment contrasts with the two aliased
 * levels dropped: the same fitted values and coefficients as the package).
 *
 * <p><b>Number of periods.</b> From the candidates (default 4, 5, 6), largest first: the power-5 model is fitted
 * and the candidate dropped when the goodness of fit P(χ²(df) ≥ D) &lt; 0.01; the last candidate left is used
 * untested. <b>Recent trend</b>: Poisson models age + δ·p + cohort with and without p²; when the likelihood-ratio
 * p-value is below 0.05 the projected drift is the slope between the last two fitted periods, δ − π_{P−1}.
 *
 * <p><b>Projection</b> for future period j = 1..F, ages a ≥ startUseAge, with the damping m_j = Σ_{i≤j}(1 −
 * cuttrend_i) (default cuttrend 0, .25, .5, .75, .75: m = 1, 1.75, 2.25, 2.5, 2.75):
 * <pre>
 *   η = α_a + δ·N + δ_recent·m_j + γ     (recent)      η = α_a + δ·(N + m_j) + γ     (not recent)
 *   γ = γ_{min(k, k_max)},  k = 18 − a + P + j,  k_max = 18 − startUseAge + P   (cohorts counted from the oldest fitted)
 *   rate = η⁵ (power 5) or exp(η) (log), per person-year;   cases = rate × projected person-years
 * </pre>
 * Cohorts younger than the one in age group startUseAge in the last period take its effect. Ages below startUseAge
 * take the mean of the observed rates of the last two periods (0/0 counts as 0).
 *
 * <p>Edge cases: fewer than 3 observed periods, fewer observed periods than a candidate, an age group count other than
 * 18, person-years of 0 in a fitted cell, or more than 5 future periods are errors naming the value; a negative η
 * under the power-5 link gives a negative rate, as in the package, and is reported by the caller. Reference values:
 * the package vignette on Norwegian colon cancer (test NordpredVignetteTest).
 */
public final class Nordpred {

    /** The age groups of the model: 0–4 … 80–84, 85+. */
    public static final int AGE_GROUPS = 18;
    /** Goodness-of-fit p below which a candidate number of periods is dropped. */
    static final double GOF_LEVEL = 0.01;
    /** Likelihood-ratio p below which the recent trend is projected. */
    static final double RECENT_LEVEL = 0.05;

    /**
     * @param startEstimateAge first age group (1-based) in the fit (5: 20–24)
     * @param startUseAge      first age group whose projection comes from the model (6: 25–29)
     * @param candidatePeriods numbers of periods to try, each at least 3
     * @param cuttrend         share of the drift cut in each future period, at least one per future period
     * @param link             the model's link
     * @param recent           whether to project the recent trend, or null to test for it
     */
    public record Settings(int startEstimateAge, int startUseAge, List<Integer> candidatePeriods, double[] cuttrend,
                           PoissonGlm.Link link, Boolean recent) implements java.io.Serializable {
        public Settings {
            candidatePeriods = List.copyOf(candidatePeriods);
            cuttrend = cuttrend.clone();
            if (startEstimateAge < 1 || startEstimateAge > AGE_GROUPS - 2) {
                throw new IllegalArgumentException("startEstimateAge must lie in 1.." + (AGE_GROUPS - 2) + "; got " + startEstimateAge);
            }
            if (startUseAge < startEstimateAge || startUseAge > AGE_GROUPS) {
                throw new IllegalArgumentException("startUseAge must lie in startEstimateAge (" + startEstimateAge + ").."
                        + AGE_GROUPS + "; got " + startUseAge);
            }
            if (candidatePeriods.isEmpty() || candidatePeriods.stream().anyMatch(n -> n < 3)) {
                throw new IllegalArgumentException("candidate numbers of periods must be 3 or more; got " + candidatePeriods);
            }
            for (double c : cuttrend) {
                if (!(c >= 0 && c <= 1)) {
                    throw new IllegalArgumentException("cuttrend values must lie in [0, 1]; got " + java.util.Arrays.toString(cuttrend));
                }
            }
        }

        /** The package's defaults: 5, 6, 4 to 6 periods, cuttrend 0, .25, .5, .75, .75, power 5, recent tested. */
        public static Settings defaults() {
            return new Settings(5, 6, List.of(4, 5, 6), new double[] {0, .25, .5, .75, .75}, PoissonGlm.Link.POWER5, null);
        }

        @Override
        public double[] cuttrend() {
            return cuttrend.clone();
        }
    }

    /**
     * The model a projection used.
     *
     * @param periods    observed periods in the fit
     * @param link       the link
     * @param gofP       goodness-of-fit p of the fit
     * @param recent     whether the recent trend was projected
     * @param recentP    the recent-trend test's p, or null when {@code recent} was given
     * @param converged  whether the fit converged
     */
    public record Model(int periods, PoissonGlm.Link link, double gofP, boolean recent, Double recentP, boolean converged) {
    }

    /**
     * @param model  the model, or null for the mean of the last two periods' rates at every age
     * @param rates  projected rate per person-year, [age group][future period]
     * @param cases  projected cases, [age group][future period]
     */
    public record Projection(Model model, double[][] rates, double[][] cases) {

        /** Σ_a w_a rate_a × 100,000 in future period j (0-based); weights summing to 1. */
        public double asr(int period, double[] weights) {
            if (weights.length != AGE_GROUPS) {
                throw new IllegalArgumentException("a standard for the projections has 18 age groups; got " + weights.length);
            }
            double asr = 0;
            for (int a = 0; a < AGE_GROUPS; a++) {
                asr += weights[a] * rates[a][period];
            }
            return asr * 100_000;
        }

        /** Projected cases of future period j (0-based), all ages. */
        public double totalCases(int period) {
            double total = 0;
            for (int a = 0; a < AGE_GROUPS; a++) {
                total += cases[a][period];
            }
            return total;
        }
    }

    /**
     * NORDPRED's "changes due to" split of the change in cases from the last observed period N to a future period
     * f (Møller et al. 2002; the CRN script nordpred_changesdueto): with N_pop = Σ_a (C_{a,N} / y_{a,N}) · y_{a,f},
     * the cases the last observed rates would give in the projected population,
     * <pre>
     *   change = N_pred − N_obs = (N_pop − N_obs) + (N_pred − N_pop) = population part + risk part.
     * </pre>
     * An age with no person-years in period N has an observed rate of 0.
     *
     * @param observed   cases in the last observed period, N_obs
     * @param predicted  projected cases, N_pred
     * @param population cases at the last observed rates, N_pop
     */
    public record Change(double observed, double predicted, double population) {

        /** Cases at period N's rates in the future population, for the ages given. */
        public static Change of(double[] observedCases, double[] observedPersonYears, double[] predictedCases,
                                double[] futurePersonYears) {
            double obs = 0;
            double pred = 0;
            double pop = 0;
            for (int a = 0; a < observedCases.length; a++) {
                obs += observedCases[a];
                pred += predictedCases[a];
                pop += rate(observedCases[a], observedPersonYears[a]) * futurePersonYears[a];
            }
            return new Change(obs, pred, pop);
        }

        public double change() {
            return predicted - observed;
        }

        /** Due to the size and age structure of the population: N_pop − N_obs. */
        public double populationPart() {
            return population - observed;
        }

        /** Due to the change in risk: N_pred − N_pop. */
        public double riskPart() {
            return predicted - population;
        }
    }

    private Nordpred() {
    }

    /**
     * The NORDPRED projection.
     *
     * @param cases       [18][N] observed cases
     * @param personYears [18][N + F] observed then projected person-years
     */
    public static Projection project(double[][] cases, double[][] personYears, Settings settings) {
        int observed = observedPeriods(cases, personYears);
        int future = personYears[0].length - observed;
        if (settings.cuttrend().length < future) {
            throw new IllegalArgumentException("cuttrend has " + settings.cuttrend().length + " values for " + future
                    + " future periods");
        }
        List<Integer> candidates = new ArrayList<>(settings.candidatePeriods().stream().sorted().distinct().toList());
        if (candidates.get(candidates.size() - 1) > observed) {
            throw new IllegalArgumentException("a candidate of " + candidates.get(candidates.size() - 1) + " periods needs as "
                    + "many observed periods; there are " + observed);
        }
        // Largest first: a candidate whose power-5 fit is poor (p < 0.01) gives way to the next smaller one.
        while (candidates.size() > 1) {
            int periods = candidates.get(candidates.size() - 1);
            if (fit(cases, personYears, observed, periods, settings.startEstimateAge(), PoissonGlm.Link.POWER5)
                    .goodnessOfFitP() >= GOF_LEVEL) {
                break;
            }
            candidates.remove(candidates.size() - 1);
        }
        int periods = candidates.get(candidates.size() - 1);
        Design design = new Design(observed, periods, settings.startEstimateAge());
        PoissonGlm.Fit fit = fit(cases, personYears, observed, periods, settings.startEstimateAge(), settings.link());
        boolean recent;
        Double recentP = null;
        if (settings.recent() != null) {
            recent = settings.recent();
        } else {
            recentP = recentTrendP(cases, personYears, design);
            recent = recentP < RECENT_LEVEL;
        }
        Model model = new Model(periods, settings.link(), fit.goodnessOfFitP(), recent, recentP, fit.converged());
        double[] beta = fit.coefficients();
        double drift = beta[design.driftColumn()];
        double recentDrift = drift - design.period(beta, periods - 1);
        double[][] rates = lastTwoPeriodsMean(cases, personYears, observed, future);
        double[] cut = settings.cuttrend();
        double damping = 0;
        for (int j = 1; j <= future; j++) {
            damping += 1 - cut[j - 1];
            for (int a = settings.startUseAge(); a <= AGE_GROUPS; a++) {
                int k = Math.min(AGE_GROUPS - a + periods + j, AGE_GROUPS - settings.startUseAge() + periods);
                double eta = beta[design.ageColumn(a)] + design.cohort(beta, k)
                        + (recent ? drift * observed + recentDrift * damping : drift * (observed + damping));
                rates[a - 1][j - 1] = settings.link().rate(eta);
            }
        }
        return new Projection(model, rates, casesOf(rates, personYears, observed));
    }

    /**
     * The fallback for too few cases: every age at the mean of the observed rates of the last two periods, times the
     * projected person-years (Møller et al., Eur J Cancer Prev 2002;11 Suppl 1, for sites with few cases).
     */
    public static Projection lastTwoPeriods(double[][] cases, double[][] personYears) {
        int observed = observedPeriods(cases, personYears);
        double[][] rates = lastTwoPeriodsMean(cases, personYears, observed, personYears[0].length - observed);
        return new Projection(null, rates, casesOf(rates, personYears, observed));
    }

    private static int observedPeriods(double[][] cases, double[][] personYears) {
        if (cases.length != AGE_GROUPS || personYears.length != AGE_GROUPS) {
            throw new IllegalArgumentException("NORDPRED needs 18 age groups; got " + cases.length + " of cases and "
                    + personYears.length + " of person-years");
        }
        int observed = cases[0].length;
        int future = personYears[0].length - observed;
        if (observed < 3) {
            throw new IllegalArgumentException("NORDPRED needs at least 3 observed periods; got " + observed);
        }
        if (future < 1 || future > 5) {
            throw new IllegalArgumentException("NORDPRED projects 1 to 5 periods; the person-years give " + future);
        }
        return observed;
    }

    /** The rates of the last two observed periods, averaged, for every age and future period. */
    private static double[][] lastTwoPeriodsMean(double[][] cases, double[][] personYears, int observed, int future) {
        double[][] rates = new double[AGE_GROUPS][future];
        for (int a = 0; a < AGE_GROUPS; a++) {
            double mean = (rate(cases[a][observed - 2], personYears[a][observed - 2])
                    + rate(cases[a][observed - 1], personYears[a][observed - 1])) / 2;
            java.util.Arrays.fill(rates[a], mean);
        }
        return rates;
    }

    private static double rate(double cases, double personYears) {
        return personYears > 0 ? cases / personYears : 0;
    }

    private static double[][] casesOf(double[][] rates, double[][] personYears, int observed) {
        double[][] out = new double[AGE_GROUPS][rates[0].length];
        for (int a = 0; a < AGE_GROUPS; a++) {
            for (int j = 0; j < rates[0].length; j++) {
                out[a][j] = rates[a][j] * personYears[a][observed + j];
            }
        }
        return out;
    }

    private static PoissonGlm.Fit fit(double[][] cases, double[][] personYears, int observed, int periods, int startAge,
                                      PoissonGlm.Link link) {
        Design design = new Design(observed, periods, startAge);
        return PoissonGlm.fit(design.matrix(true, false), design.values(cases), design.values(personYears), link);
    }

    /** The likelihood-ratio p of adding p² to the Poisson model age + δ·p + cohort. */
    private static double recentTrendP(double[][] cases, double[][] personYears, Design design) {
        double[] c = design.values(cases);
        double[] y = design.values(personYears);
        PoissonGlm.Fit linear = PoissonGlm.fit(design.matrix(false, false), c, y, PoissonGlm.Link.LOG);
        PoissonGlm.Fit quadratic = PoissonGlm.fit(design.matrix(false, true), c, y, PoissonGlm.Link.LOG);
        double change = Math.max(0, linear.deviance() - quadratic.deviance());
        return ChiSquaredDistribution.of(linear.residualDf() - quadratic.residualDf()).survivalProbability(change);
    }

    /**
     * The cells and columns of the fit. Cells: ages startAge..18 × the last {@code periods} of {@code observed}
     * periods. Columns: one per age; the absolute period index (the drift); period deviations for the 2nd to the
     * next-to-last fitted period; cohort deviations for the 2nd to the next-to-last cohort (the first and last of
     * each are 0, R's aliased levels).
     */
    private record Design(int observed, int periods, int startAge) {

        int ages() {
            return AGE_GROUPS - startAge + 1;
        }

        int cohorts() {
            return AGE_GROUPS - startAge + periods;
        }

        int firstPeriod() {
            return observed - periods + 1;
        }

        int ageColumn(int age) {
            return age - startAge;
        }

        int driftColumn() {
            return ages();
        }

        /** π of fitted period level {@code level} (1..periods). */
        double period(double[] beta, int level) {
            return level == 1 || level == periods ? 0 : beta[ages() + 1 + level - 2];
        }

        /** γ of cohort level {@code level} (1 the oldest fitted .. cohorts()). */
        double cohort(double[] beta, int level) {
            return level <= 1 || level >= cohorts() ? 0 : beta[ages() + 1 + (periods - 2) + level - 2];
        }

        /** The cells' values of an [age][period] table, ages then periods. */
        double[] values(double[][] table) {
            double[] out = new double[ages() * periods];
            int i = 0;
            for (int a = startAge; a <= AGE_GROUPS; a++) {
                for (int p = firstPeriod(); p <= observed; p++) {
                    out[i++] = table[a - 1][p - 1];
                }
            }
            return out;
        }

        /**
         * @param periodDeviations with the period deviations (the projection model) or without (the recent test)
         * @param quadratic        with p² (the recent test's second model)
         */
        double[][] matrix(boolean periodDeviations, boolean quadratic) {
            int columns = ages() + 1 + (periodDeviations ? periods - 2 : 0) + (cohorts() - 2) + (quadratic ? 1 : 0);
            double[][] x = new double[ages() * periods][columns];
            int i = 0;
            for (int a = startAge; a <= AGE_GROUPS; a++) {
                for (int p = firstPeriod(); p <= observed; p++) {
                    double[] row = x[i++];
                    row[ageColumn(a)] = 1;
                    row[driftColumn()] = p;
                    int at = ages() + 1;
                    int level = p - firstPeriod() + 1;
                    if (periodDeviations) {
                        if (level > 1 && level < periods) {
                            row[at + level - 2] = 1;
                        }
                        at += periods - 2;
                    }
                    int cohort = AGE_GROUPS - a + p - firstPeriod() + 1;
                    if (cohort > 1 && cohort < cohorts()) {
                        row[at + cohort - 2] = 1;
                    }
                    at += cohorts() - 2;
                    if (quadratic) {
                        row[at] = (double) p * p;
                    }
                }
            }
            return x;
        }
    }
}
