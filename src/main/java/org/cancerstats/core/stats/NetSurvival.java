package org.cancerstats.core.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Life-table estimators of survival in equal intervals from diagnosis: observed (all-cause), Ederer II relative
 * survival and the Pohar Perme net survival estimator, accumulated patient by patient so that Spark can fill one
 * accumulator per partition and {@link #merge(NetSurvival) merge} them.
 *
 * <p>In interval k of length L, for patient i at risk: p_i the life-table one-year survival at the attained age
 * and calendar year at the interval's start; expected interval survival p_i^L; S*_i(t) the patient's cumulative
 * expected survival from diagnosis; weight w_i = 1/S*_i(mid-interval); exposure y_i = time at risk in the interval
 * (from entry, or the interval's start, to its end), halved when the patient exits within it; expected deaths
 * d*_i = −ln(p_i)·y_i. With D_w = Σ w d, D*_w = Σ w d*, Y_w = Σ w y:
 * <pre>
 *   Pohar Perme   S_PP(t) = Π exp(−L·(D_w − D*_w)/Y_w),   SE = S·sqrt(Σ L²·Σ w² d / Y_w²)
 *   observed      S_O(t)  = Π exp(−L·d/py),               SE = S·sqrt(Σ L²·d / py²)
 *   Ederer II     S_E2(t) = Π exp(−L·d/py) / mean_i(p_i^L), SE as observed
 * </pre>
 * where py is the actual person-time at risk (not halved) and the mean runs over the patients at risk. Intervals
 * are log-scale, S·exp(±z·SE/S), or log-log ({@link IntervalTransform}). (Hazards are per year; L·hazard is the
 * interval's cumulative hazard.)
 *
 * <p>Interval k is (k·L, (k+1)·L]: a patient who exits at time t is at risk in every interval that starts before t.
 * A death at t is a death of the interval with a &lt; t ≤ b, with halved exposure, so a death exactly on a boundary,
 * such as 487 days = 16 months of 365.25/12 days, is a death of the interval it closes (SPEC.md section 4). A
 * censoring strictly inside an interval halves its exposure; one exactly at its end has survived it (full exposure,
 * as the life table counts withdrawals at a boundary, and as SPEC.md's reference, censored at 2.0 years, requires).
 *
 * <p>Entry may be later than diagnosis (left truncation, for the period approach): the patient is at risk from
 * entry only, while S* and the weights still count from diagnosis.
 *
 * <p>References: Pohar Perme M, Stare J, Estève J. On estimation in relative survival. Biometrics 2012;68:113–120.
 * Ederer F, Heise H. Instructions to IBM 650 programmers in processing survival computations, 1959. SPEC.md
 * section 4 gives the reference values this class reproduces: Pohar Perme 0.834975 (SE 0.238564) and 0.562709
 * (0.324050), Ederer II 0.834975 and 0.515185.
 *
 * <p>Edge cases: an interval nobody is at risk in ends the estimate (later horizons are NaN); no deaths and
 * expected survival 1 give survival 1.
 */
public final class NetSurvival implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double length;
    private final int intervals;
    private long patients;
    private final double[] deaths;
    private final double[] atRisk;
    private final double[] personTime;
    private final double[] expectedIntervalSum;
    private final double[] weightedDeaths;
    private final double[] weightedSquaredDeaths;
    private final double[] weightedExpectedDeaths;
    private final double[] weightedExposure;

    private NetSurvival(double length, int intervals) {
        this.length = length;
        this.intervals = intervals;
        deaths = new double[intervals];
        atRisk = new double[intervals];
        personTime = new double[intervals];
        expectedIntervalSum = new double[intervals];
        weightedDeaths = new double[intervals];
        weightedSquaredDeaths = new double[intervals];
        weightedExpectedDeaths = new double[intervals];
        weightedExposure = new double[intervals];
    }

    /**
     * An empty accumulator.
     *
     * @param length    interval length in years (1/12 for the monthly intervals NORDCAN uses)
     * @param intervals how many intervals (120 months for 10 years)
     */
    public static NetSurvival of(double length, int intervals) {
        if (!(length > 0) || intervals < 1) {
            throw new IllegalArgumentException("need a positive interval length and at least one interval; got " + length
                    + " and " + intervals);
        }
        return new NetSurvival(length, intervals);
    }

    /** Monthly intervals up to {@code years}. */
    public static NetSurvival monthly(int years) {
        return of(1.0 / 12, 12 * years);
    }

    /**
     * Adds one patient.
     *
     * @param entry     time from diagnosis the patient is at risk from (0, or later with left truncation), years
     * @param exit      time from diagnosis to death or censoring, years; must exceed {@code entry}
     * @param died      whether the exit is a death
     * @param sex       1 or 2, for the life table
     * @param ageAtDiagnosis exact age at diagnosis, years
     * @param yearAtDiagnosis exact calendar time of diagnosis (2015.45)
     * @param expected  the life table
     */
    public void add(double entry, double exit, boolean died, int sex, double ageAtDiagnosis, double yearAtDiagnosis,
                    ExpectedSurvival expected) {
        add(contribution(entry, exit, died, sex, ageAtDiagnosis, yearAtDiagnosis, expected));
    }

    /**
     * One patient's terms in each interval, computed once so that the patient can be added to several accumulators
     * (sex and both sexes, age band and all ages) at the cost of additions. Arguments as {@link #add}.
     */
    public Contribution contribution(double entry, double exit, boolean died, int sex, double ageAtDiagnosis,
                                     double yearAtDiagnosis, ExpectedSurvival expected) {
        if (!(exit > entry) || entry < 0) {
            throw new IllegalArgumentException("exit must follow entry >= 0; got entry " + entry + ", exit " + exit);
        }
        // Interval k is (k·L, (k+1)·L]: the patient is in intervals first..last-1, and exits in interval last-1
        // (SPEC section 4: a death at time t is counted in (a, b] when a < t <= b). Boundaries are compared with a
        // tolerance, since a death at 487 days (16 months of 365.25/12 days) lands on one only up to rounding.
        int last = 0;
        while (last < intervals && boundary(last) < exit - BOUNDARY_TOLERANCE) {
            last++;
        }
        int first = 0;
        while (first < last && boundary(first + 1) <= entry + BOUNDARY_TOLERANCE) {
            first++;
        }
        Contribution c = new Contribution(first, last, length, intervals);
        double cumulativeExpected = 1;
        // p changes with attained age and calendar year, about once a year: reuse its powers and logarithm.
        double p = Double.NaN;
        double intervalExpected = 0;
        double halfExpected = 0;
        double logP = 0;
        // The life table is looked up only when the attained age or the calendar year changes.
        int attainedAge = Integer.MIN_VALUE;
        int calendarYear = Integer.MIN_VALUE;
        for (int k = 0; k < last; k++) {
            double start = boundary(k);
            double end = boundary(k + 1);
            int age = (int) Math.floor(ageAtDiagnosis + start);
            int year = (int) Math.floor(yearAtDiagnosis + start);
            if (age != attainedAge || year != calendarYear) {
                attainedAge = age;
                calendarYear = year;
                double next = expected.oneYear(sex, age, year);
                if (next != p) {
                    p = next;
                    intervalExpected = Math.pow(p, length);
                    halfExpected = Math.pow(p, length / 2);
                    logP = Math.log(p);
                }
            }
            if (end > entry) {
                double from = Math.max(entry, start);
                // Exits in this interval: a death up to and including its end; a censoring before its end (one at
                // the end survived the interval, as the life table counts withdrawals at a boundary).
                boolean exits = k == last - 1 && (died ? exit <= end + BOUNDARY_TOLERANCE : exit < end - BOUNDARY_TOLERANCE);
                double exposure = (end - from) * (exits ? 0.5 : 1);
                double weight = 1 / (cumulativeExpected * halfExpected);
                double dead = exits && died ? 1 : 0;
                int i = k - first;
                c.personTime[i] = Math.min(exit, end) - from;
                c.expectedInterval[i] = intervalExpected;
                c.deaths[i] = dead;
                c.weightedDeaths[i] = weight * dead;
                c.weightedSquaredDeaths[i] = weight * weight * dead;
                c.weightedExpectedDeaths[i] = weight * -logP * exposure;
                c.weightedExposure[i] = weight * exposure;
            }
            cumulativeExpected *= intervalExpected;
        }
        return c;
    }

    /** Times closer than this (years, about 0.03 s) count as equal when placed against an interval boundary. */
    static final double BOUNDARY_TOLERANCE = 1e-9;

    /** The end of interval k-1 and start of interval k, in years. */
    private double boundary(int k) {
        return k * length;
    }

    /** Adds a patient's precomputed terms. */
    public void add(Contribution c) {
        if (c.length != length || c.intervals != intervals) {
            throw new IllegalArgumentException("contribution made for other intervals");
        }
        patients++;
        for (int i = 0; i < c.deaths.length; i++) {
            int k = c.first + i;
            atRisk[k]++;
            personTime[k] += c.personTime[i];
            expectedIntervalSum[k] += c.expectedInterval[i];
            deaths[k] += c.deaths[i];
            weightedDeaths[k] += c.weightedDeaths[i];
            weightedSquaredDeaths[k] += c.weightedSquaredDeaths[i];
            weightedExpectedDeaths[k] += c.weightedExpectedDeaths[i];
            weightedExposure[k] += c.weightedExposure[i];
        }
    }

    /** One patient's terms in the intervals [first, last) they are at risk in. */
    public static final class Contribution {
        private final int first;
        private final double length;
        private final int intervals;
        private final double[] personTime;
        private final double[] expectedInterval;
        private final double[] deaths;
        private final double[] weightedDeaths;
        private final double[] weightedSquaredDeaths;
        private final double[] weightedExpectedDeaths;
        private final double[] weightedExposure;

        private Contribution(int first, int last, double length, int intervals) {
            this.first = first;
            this.length = length;
            this.intervals = intervals;
            int n = last - first;
            personTime = new double[n];
            expectedInterval = new double[n];
            deaths = new double[n];
            weightedDeaths = new double[n];
            weightedSquaredDeaths = new double[n];
            weightedExpectedDeaths = new double[n];
            weightedExposure = new double[n];
        }
    }

    /** Adds another accumulator's patients (same intervals). */
    public NetSurvival merge(NetSurvival other) {
        if (other.intervals != intervals || other.length != length) {
            throw new IllegalArgumentException("cannot merge accumulators of different intervals");
        }
        patients += other.patients;
        for (int k = 0; k < intervals; k++) {
            deaths[k] += other.deaths[k];
            atRisk[k] += other.atRisk[k];
            personTime[k] += other.personTime[k];
            expectedIntervalSum[k] += other.expectedIntervalSum[k];
            weightedDeaths[k] += other.weightedDeaths[k];
            weightedSquaredDeaths[k] += other.weightedSquaredDeaths[k];
            weightedExpectedDeaths[k] += other.weightedExpectedDeaths[k];
            weightedExposure[k] += other.weightedExposure[k];
        }
        return this;
    }

    public long patients() {
        return patients;
    }

    /**
     * Estimates at a horizon.
     *
     * @param patients  patients added
     * @param deaths    deaths up to the horizon
     * @param observed  observed survival with SE and interval
     * @param ederer2   Ederer II relative survival
     * @param poharPerme Pohar Perme net survival
     */
    public record Estimate(double years, long patients, long deaths, Curve observed, Curve ederer2, Curve poharPerme) {
    }

    /** A survival proportion with its standard error and interval. */
    public record Curve(double survival, double standardError, double lower, double upper) {

        static Curve of(double survival, double varianceOfLog, double z, IntervalTransform transform) {
            if (!Double.isFinite(survival) || !Double.isFinite(varianceOfLog)) {
                return new Curve(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double se = survival * Math.sqrt(varianceOfLog);
            double[] limits = transform.limits(survival, varianceOfLog, z);
            return new Curve(survival, se, limits[0], limits[1]);
        }
    }

    /** The estimates at the end of each interval up to {@code years} (a whole number of intervals), log intervals. */
    public Estimate at(double years, double confidence) {
        return curve(confidence).get(intervalsFor(years) - 1);
    }

    /** The estimates at the end of every interval: the survival curve, with log-scale intervals. */
    public List<Estimate> curve(double confidence) {
        return curve(confidence, IntervalTransform.LOG);
    }

    /** The estimates at the end of every interval, with intervals on the scale of {@code transform}. */
    public List<Estimate> curve(double confidence, IntervalTransform transform) {
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        List<Estimate> out = new ArrayList<>(intervals);
        double observed = 1;
        double relative = 1;
        double net = 1;
        double varObserved = 0;
        double varNet = 0;
        long deathsSoFar = 0;
        for (int k = 0; k < intervals; k++) {
            if (atRisk[k] == 0 || personTime[k] == 0 || weightedExposure[k] == 0) {
                observed = relative = net = varObserved = varNet = Double.NaN;
            } else {
                double intervalObserved = Math.exp(-length * deaths[k] / personTime[k]);
                observed *= intervalObserved;
                relative *= intervalObserved / (expectedIntervalSum[k] / atRisk[k]);
                varObserved += length * length * deaths[k] / (personTime[k] * personTime[k]);
                net *= Math.exp(-length * (weightedDeaths[k] - weightedExpectedDeaths[k]) / weightedExposure[k]);
                varNet += length * length * weightedSquaredDeaths[k] / (weightedExposure[k] * weightedExposure[k]);
            }
            deathsSoFar += (long) deaths[k];
            out.add(new Estimate((k + 1) * length, patients, deathsSoFar, Curve.of(observed, varObserved, z, transform),
                    Curve.of(relative, varObserved, z, transform), Curve.of(net, varNet, z, transform)));
        }
        return out;
    }

    /**
     * The number of intervals up to {@code years}, which must be a whole number of them: the index + 1 of its
     * estimate in {@link #curve}.
     */
    public int intervalsFor(double years) {
        int k = (int) Math.round(years / length);
        if (k < 1 || k > intervals || Math.abs(k * length - years) > 1e-9) {
            throw new IllegalArgumentException("horizon " + years + " is not a whole number of the " + intervals
                    + " intervals of " + length + " years");
        }
        return k;
    }

    /**
     * Age-standardised survival (ICSS): S = Σ w_a S_a, SE = sqrt(Σ w_a² SE_a²), log-scale interval; NaN when a stratum
     * is missing.
     *
     * @param weights    ICSS weights, summing to 1
     * @param strata     each age stratum's curve, in weight order
     * @param confidence interval level
     */
    public static Curve standardise(double[] weights, Curve[] strata, double confidence) {
        return standardise(weights, strata, confidence, IntervalTransform.LOG);
    }

    /** As {@link #standardise(double[], Curve[], double)}, with the interval on the scale of {@code transform}. */
    public static Curve standardise(double[] weights, Curve[] strata, double confidence, IntervalTransform transform) {
        if (weights.length != strata.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + strata.length + " strata");
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double s = 0;
        double variance = 0;
        for (int a = 0; a < weights.length; a++) {
            s += weights[a] * strata[a].survival();
            variance += weights[a] * weights[a] * strata[a].standardError() * strata[a].standardError();
        }
        return Curve.of(s, variance / (s * s), z, transform);
    }
}
