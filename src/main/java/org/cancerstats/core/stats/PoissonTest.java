package org.cancerstats.core.stats;

import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * The exact two-sided Poisson test of an observed count O against its expectation E (ratio O/E = 1), as R's
 * {@code poisson.test} computes it: the p-value is the probability, under Poisson(E), of every count no more likely
 * than O (the "minimum likelihood" rule of Fisher's exact test),
 * <pre>
 *   p = Σ P(X = k)  over k with P(X = k) ≤ P(X = O) · (1 + 1e-7),   X ~ Poisson(E)
 * </pre>
 * taken as one tail at O plus the far tail past the first count on the other side of E no more likely than O; at
 * most 1. The factor 1 + 1e-7 is R's allowance for rounding in the probabilities.
 *
 * <p>Edge cases: O = E gives 1; E = 0 gives 1 when O = 0 and 0 otherwise (R's convention).
 *
 * <p>Reference: R Core Team, {@code stats::poisson.test}; the values of {@code src/test/r/regional_ratio_reference.R}.
 */
public final class PoissonTest {

    /** R's relative tolerance when comparing probabilities with that of the observed count. */
    private static final double RELATIVE_ERROR = 1 + 1e-7;

    private PoissonTest() {
    }

    /**
     * @param observed O, at least 0
     * @param expected E, finite and at least 0
     * @return the two-sided p-value
     */
    public static double twoSided(long observed, double expected) {
        if (observed < 0 || observed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("observed must lie in 0.." + Integer.MAX_VALUE + "; got " + observed);
        }
        if (!(expected >= 0) || Double.isInfinite(expected)) {
            throw new IllegalArgumentException("expected must be finite and >= 0; got " + expected);
        }
        if (expected == 0) {
            return observed == 0 ? 1 : 0;
        }
        int x = (int) observed;
        if (x == expected) {
            return 1;
        }
        PoissonDistribution poisson = PoissonDistribution.of(expected);
        double d = poisson.probability(x) * RELATIVE_ERROR;
        double p;
        if (x < expected) {
            // Counts above E, from ceil(E), as likely or less than x: they start where the density falls to d.
            int n = (int) Math.ceil(2 * expected - x);
            while (poisson.probability(n) > d) {
                n *= 2;
            }
            int y = 0;
            for (int i = (int) Math.ceil(expected); i <= n; i++) {
                if (poisson.probability(i) <= d) {
                    y++;
                }
            }
            p = poisson.cumulativeProbability(x) + poisson.survivalProbability(n - y);
        } else {
            int y = 0;
            for (int i = 0; i <= (int) Math.floor(expected); i++) {
                if (poisson.probability(i) <= d) {
                    y++;
                }
            }
            p = (y > 0 ? poisson.cumulativeProbability(y - 1) : 0) + poisson.survivalProbability(x - 1);
        }
        return Math.min(1, p);
    }
}
