package org.cancerstats.core.stats;

import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * Directly age-standardised rate with the gamma confidence interval of Fay and Feuer (1997) and its modification
 * by Tiwari, Clegg and Zou (2006).
 *
 * <p>With standard weights w_i normalised to sum to 1, cases c_i and person-years P_i in age group i:
 * <pre>
 *   ASR = Σ w_i c_i / P_i                      (per person-year; multiply by 100,000 to publish)
 *   V   = Σ w_i² c_i / P_i²                    (variance, cases treated as Poisson)
 *   lower = Gamma⁻¹(α/2;   shape ASR²/V,            scale V/ASR)
 *   upper = Gamma⁻¹(1−α/2; shape (ASR+w_M)²/(V+w_M²), scale (V+w_M²)/(ASR+w_M)),   w_M = max_i w_i/P_i
 * </pre>
 * Tiwari et al. keep the lower limit and replace w_M by the mean of w_i/P_i and w_M² by the mean of (w_i/P_i)²
 * in the upper limit, which is less conservative when one stratum has few person-years.
 *
 * <p>Edge cases, as SPEC.md section 4 and docs/methods.md define them:
 * <ul>
 *   <li>no cases: ASR 0, variance 0, lower limit 0 (not NaN), upper limit finite (the gamma with shape 1);</li>
 *   <li>a stratum with zero person-years is left out of every sum, including w_M and the means; its cases are
 *       reported by {@link Sums#excludedCases()} so that the caller can flag the estimate;</li>
 *   <li>no stratum with person-years: every figure is NaN (nothing can be estimated).</li>
 * </ul>
 *
 * <p>References: Fay MP, Feuer EJ. Confidence intervals for directly standardized rates: a method based on the
 * gamma distribution. Stat Med 1997;16:791–801. Tiwari RC, Clegg LX, Zou Z. Efficient interval estimation for
 * age-adjusted cancer rates. Stat Methods Med Res 2006;15:547–569.
 */
public final class DirectStandardisation {

    private DirectStandardisation() {
    }

    /**
     * The sufficient statistics of one standardised rate.
     *
     * @param rate          ASR per person-year
     * @param variance      V
     * @param maxRatio      w_M = max w_i/P_i over strata with person-years
     * @param meanRatio     mean of w_i/P_i over those strata (Tiwari)
     * @param meanSqRatio   mean of (w_i/P_i)² over those strata (Tiwari)
     * @param cases         cases in strata with person-years
     * @param excludedCases cases in strata without person-years (left out)
     */
    public record Sums(double rate, double variance, double maxRatio, double meanRatio, double meanSqRatio, long cases,
                       long excludedCases) {
    }

    /**
     * One standardised rate with its intervals, per person-year.
     *
     * @param rate         ASR
     * @param standardError sqrt(V)
     * @param lower        lower limit (Fay–Feuer and Tiwari alike)
     * @param upper        Fay–Feuer upper limit
     * @param upperTiwari  Tiwari upper limit
     */
    public record Rate(double rate, double standardError, double lower, double upper, double upperTiwari) {

        /** The same figures multiplied by {@code factor} (100,000 to publish per 100,000). */
        public Rate times(double factor) {
            return new Rate(rate * factor, standardError * factor, lower * factor, upper * factor, upperTiwari * factor);
        }
    }

    /**
     * Sums over age strata.
     *
     * @param cases       c_i, non-negative
     * @param personYears P_i, non-negative
     * @param weights     standard weights in any unit (per 100,000, counts, fractions): they are divided by their
     *                    sum over all strata given
     * @throws IllegalArgumentException if the arrays differ in length, or a value is negative or not finite
     */
    public static Sums sums(long[] cases, double[] personYears, double[] weights) {
        if (cases.length != personYears.length || cases.length != weights.length || cases.length == 0) {
            throw new IllegalArgumentException("cases, person-years and weights need the same non-zero length; got "
                    + cases.length + ", " + personYears.length + ", " + weights.length);
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            requireNonNegative("weight", i, weights[i]);
            total += weights[i];
        }
        if (total <= 0) {
            throw new IllegalArgumentException("standard weights sum to " + total + "; they must sum to more than 0");
        }
        double rate = 0;
        double variance = 0;
        double max = 0;
        double sumRatio = 0;
        double sumSqRatio = 0;
        int strata = 0;
        long counted = 0;
        long excluded = 0;
        for (int i = 0; i < cases.length; i++) {
            requireNonNegative("cases", i, cases[i]);
            requireNonNegative("person-years", i, personYears[i]);
            if (personYears[i] == 0) {
                excluded += cases[i];
                continue;
            }
            double ratio = weights[i] / total / personYears[i];
            rate += ratio * cases[i];
            variance += ratio * ratio * cases[i];
            max = Math.max(max, ratio);
            sumRatio += ratio;
            sumSqRatio += ratio * ratio;
            counted += cases[i];
            strata++;
        }
        if (strata == 0) {
            return new Sums(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, excluded);
        }
        return new Sums(rate, variance, max, sumRatio / strata, sumSqRatio / strata, counted, excluded);
    }

    /** The rate and its Fay–Feuer and Tiwari intervals at {@code confidence} (e.g. 0.95). */
    public static Rate interval(Sums sums, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1); got " + confidence);
        }
        if (Double.isNaN(sums.rate())) {
            return new Rate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double alpha = 1 - confidence;
        double rate = sums.rate();
        double v = sums.variance();
        double lower = rate == 0 ? 0 : GammaDistribution.of(rate * rate / v, v / rate).inverseCumulativeProbability(alpha / 2);
        return new Rate(rate, Math.sqrt(v), lower,
                upper(rate, v, sums.maxRatio(), sums.maxRatio() * sums.maxRatio(), alpha),
                upper(rate, v, sums.meanRatio(), sums.meanSqRatio(), alpha));
    }

    /** Convenience: sums and interval in one call. */
    public static Rate of(long[] cases, double[] personYears, double[] weights, double confidence) {
        return interval(sums(cases, personYears, weights), confidence);
    }

    private static double upper(double rate, double variance, double w, double wSquared, double alpha) {
        double shape = (rate + w) * (rate + w) / (variance + wSquared);
        double scale = (variance + wSquared) / (rate + w);
        return GammaDistribution.of(shape, scale).inverseCumulativeProbability(1 - alpha / 2);
    }

    static void requireNonNegative(String what, int index, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " in stratum " + index + " must be finite and >= 0; got " + value);
        }
    }
}
