package org.cancerstats.core.stats;

import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Control limits of a funnel plot of standardised ratios O/E against the expected count E (Spiegelhalter 2005):
 * where a unit's ratio would fall with probability p if it were 1, from the exact Poisson distribution of O with an
 * interpolation between its integer quantiles (appendix A.1.1),
 * <pre>
 *   r_p = min{ r : F(r) ≥ p },   α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)),   limit_p = max(0, (r_p − α) / E)
 * </pre>
 * with F the Poisson(E) distribution function. The 95% limits are p = 0.025 and 0.975, the 99.8% limits 0.001 and
 * 0.999 (about 2 and 3 standard deviations). A unit outside the 99.8% limits is "divergent" in Spiegelhalter's sense.
 *
 * <p>Edge cases: a lower limit below 0 (small E) is 0; E = 0 has no limits (NaN).
 *
 * <p>Reference: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med 2005;24:1185-1202.
 * Values checked against {@code src/test/r/regional_ratio_reference.R}.
 *
 * @param expected E
 * @param lower95  limit at p = 0.025
 * @param upper95  limit at p = 0.975
 * @param lower998 limit at p = 0.001
 * @param upper998 limit at p = 0.999
 */
public record FunnelLimits(double expected, double lower95, double upper95, double lower998, double upper998) {

    /** The limits at expected count {@code expected} (finite, at least 0). */
    public static FunnelLimits at(double expected) {
        if (!(expected >= 0) || Double.isInfinite(expected)) {
            throw new IllegalArgumentException("expected must be finite and >= 0; got " + expected);
        }
        if (expected == 0) {
            return new FunnelLimits(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        PoissonDistribution poisson = PoissonDistribution.of(expected);
        return new FunnelLimits(expected, limit(poisson, 0.025, expected), limit(poisson, 0.975, expected),
                limit(poisson, 0.001, expected), limit(poisson, 0.999, expected));
    }

    /** Whether {@code ratio} lies outside the 99.8% limits. */
    public boolean outside998(double ratio) {
        return ratio < lower998 || ratio > upper998;
    }

    /** Whether {@code ratio} lies outside the 95% limits. */
    public boolean outside95(double ratio) {
        return ratio < lower95 || ratio > upper95;
    }

    private static double limit(PoissonDistribution poisson, double p, double expected) {
        int r = poisson.inverseCumulativeProbability(p);
        double at = poisson.cumulativeProbability(r);
        double below = r > 0 ? poisson.cumulativeProbability(r - 1) : 0;
        double alpha = (at - p) / (at - below);
        return Math.max(0, (r - alpha) / expected);
    }
}
