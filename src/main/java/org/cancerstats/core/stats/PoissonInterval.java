package org.cancerstats.core.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Exact (Garwood 1936) confidence interval for a Poisson count, and for a rate count / person-years:
 * <pre>
 *   lower = χ²(α/2; 2c) / 2,   upper = χ²(1−α/2; 2c+2) / 2
 * </pre>
 * With c = 0 the lower limit is 0 and the upper limit −ln(α/2) (3.689 at 95%).
 *
 * <p>Reference: Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28:437–442; Ulm K.
 * A simple method to calculate the confidence interval of a standardized mortality ratio. Am J Epidemiol
 * 1990;131:373–375.
 */
public final class PoissonInterval {

    private PoissonInterval() {
    }

    /** Limits for the expected count; {@code [lower, upper]}. */
    public static double[] count(long count, double confidence) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0; got " + count);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1); got " + confidence);
        }
        double alpha = 1 - confidence;
        double lower = count == 0 ? 0 : ChiSquaredDistribution.of(2.0 * count).inverseCumulativeProbability(alpha / 2) / 2;
        double upper = ChiSquaredDistribution.of(2.0 * count + 2).inverseCumulativeProbability(1 - alpha / 2) / 2;
        return new double[] {lower, upper};
    }

    /**
     * Limits for a rate, count / personYears; NaN limits when person-years are 0.
     */
    public static double[] rate(long count, double personYears, double confidence) {
        requirePersonYears(personYears);
        return perPersonYear(count(count, confidence), personYears);
    }

    private static void requirePersonYears(double personYears) {
        if (!(personYears >= 0)) {
            throw new IllegalArgumentException("person-years must be >= 0; got " + personYears);
        }
    }

    private static double[] perPersonYear(double[] limits, double personYears) {
        return personYears == 0 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {limits[0] / personYears, limits[1] / personYears};
    }

    /**
     * The limits at one confidence level, each count's computed once: a table of rates asks for millions of strata
     * whose counts are mostly small, and each chi-square quantile costs microseconds. Counts up to
     * {@value #REMEMBERED} are remembered; larger ones are computed each time. Not thread-safe: one per partition.
     */
    public static final class AtLevel {
        /** Counts remembered: 0 to this, exclusive. */
        public static final int REMEMBERED = 4096;
        private final double confidence;
        private final double[][] remembered = new double[REMEMBERED][];

        private AtLevel(double confidence) {
            this.confidence = confidence;
        }

        /** @throws IllegalArgumentException when the confidence is not in (0, 1) */
        public static AtLevel of(double confidence) {
            PoissonInterval.count(0, confidence); // validates
            return new AtLevel(confidence);
        }

        /** As {@link PoissonInterval#count}. */
        public double[] count(long count) {
            if (count < 0 || count >= REMEMBERED) {
                return PoissonInterval.count(count, confidence);
            }
            int c = (int) count;
            if (remembered[c] == null) {
                remembered[c] = PoissonInterval.count(c, confidence);
            }
            return remembered[c].clone();
        }

        /** As {@link PoissonInterval#rate}. */
        public double[] rate(long count, double personYears) {
            requirePersonYears(personYears);
            return perPersonYear(count(count), personYears);
        }
    }
}
