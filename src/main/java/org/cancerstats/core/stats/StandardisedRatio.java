package org.cancerstats.core.stats;

/**
 * Observed over expected: the standardised incidence ratio (SIR), mortality ratio (SMR) and prevalence ratio all
 * use it. Expected E = Σ reference rate × persons at risk, computed by the caller. Exact interval from the
 * Poisson distribution of O:
 * <pre>
 *   ratio = O / E,   lower = χ²(α/2; 2O) / (2E),   upper = χ²(1−α/2; 2O+2) / (2E)
 * </pre>
 * Reference value (SPEC.md section 4): O = 32, E = 21.21 gives 1.508722 (1.031965 to 2.129866).
 * With O = 0 the ratio and lower limit are 0; with E = 0 every figure is NaN (no expectation to compare with).
 *
 * <p>Reference: Breslow NE, Day NE. Statistical Methods in Cancer Research, vol. II. IARC 1987, section 2.2.
 *
 * @param observed O
 * @param expected E
 * @param ratio    O / E
 * @param lower    lower limit
 * @param upper    upper limit
 */
public record StandardisedRatio(long observed, double expected, double ratio, double lower, double upper) {

    public static StandardisedRatio of(long observed, double expected, double confidence) {
        if (!(expected >= 0) || Double.isInfinite(expected)) {
            throw new IllegalArgumentException("expected must be finite and >= 0; got " + expected);
        }
        double[] limits = PoissonInterval.count(observed, confidence);
        if (expected == 0) {
            return new StandardisedRatio(observed, expected, Double.NaN, Double.NaN, Double.NaN);
        }
        return new StandardisedRatio(observed, expected, observed / expected, limits[0] / expected, limits[1] / expected);
    }
}
