package org.cancerstats.core.stats;

import java.util.List;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Social inequality across ordered levels (education: high, medium, low): the rate ratio of the least against the
 * most advantaged level, and the slope and relative index of inequality (SII, RII; Mackenbach and Kunst 1997).
 *
 * <p>Each level i, ordered from the most advantaged, has a rate y_i (an age-standardised rate), its standard error
 * s_i and its population share p_i (Σ p_i = 1). Its ridit is the midpoint of its cumulative share,
 * x_i = Σ_{j<i} p_j + p_i / 2, so x runs from 0 (most advantaged) to 1 (least). The rates are regressed on x by
 * weighted least squares with weights p_i:
 * <pre>
 *   x̄ = Σ p_i x_i,  ȳ = Σ p_i y_i,  b = Σ p_i (x_i − x̄) y_i / Σ p_i (x_i − x̄)²,  a = ȳ − b x̄
 *   SII = b                  (the rate difference from the top of the hierarchy to its bottom)
 *   RII = (a + b) / a        (the ratio of the fitted rates at x = 1 and x = 0)
 *   RR  = y_last / y_first,  se(log RR) = √((s_last / y_last)² + (s_first / y_first)²)
 * </pre>
 * Intervals by the delta method with the levels independent: a and b are linear in the y_i (b = Σ β_i y_i with
 * β_i = p_i (x_i − x̄) / Σ p_j (x_j − x̄)², a = Σ (p_i − x̄ β_i) y_i), so se(SII)² = Σ β_i² s_i² and
 * se(log RII)² = Σ g_i² s_i² with g_i = (α_i + β_i)/(a + b) − α_i/a; SII ± z se, RII and RR on the log scale.
 *
 * <p>Edge cases: fewer than two levels, a share that is not positive or shares not summing to 1 (to 1e-9) are
 * refused; a fitted rate at x = 0 or 1 that is not positive leaves RII and its interval NaN, a level rate of 0 leaves
 * RR's interval NaN.
 *
 * <p>References: Mackenbach JP, Kunst AE. Measuring the magnitude of socio-economic inequalities in health. Soc Sci
 * Med 1997;44:757-771. Moreno-Betancur M et al. Relative index of inequality and slope index of inequality.
 * Epidemiology 2015;26:518-527. Values checked against R's {@code lm} in {@code src/test/r/inequality_reference.R}.
 *
 * @param sii      slope index of inequality (rate units)
 * @param siiLower lower limit
 * @param siiUpper upper limit
 * @param rii      relative index of inequality
 * @param riiLower lower limit
 * @param riiUpper upper limit
 * @param rr       rate ratio, least against most advantaged level
 * @param rrLower  lower limit
 * @param rrUpper  upper limit
 */
public record InequalityIndices(double sii, double siiLower, double siiUpper, double rii, double riiLower, double riiUpper,
                                double rr, double rrLower, double rrUpper) {

    /** One level: its rate, the rate's standard error, and its share of the population. */
    public record Level(double rate, double se, double share) {
    }

    /**
     * @param levels     ordered from the most advantaged level to the least
     * @param confidence level of the intervals, in (0, 1)
     */
    public static InequalityIndices of(List<Level> levels, double confidence) {
        if (levels.size() < 2) {
            throw new IllegalArgumentException("at least two levels are needed; got " + levels.size());
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1); got " + confidence);
        }
        double total = 0;
        for (Level l : levels) {
            if (!(l.share() > 0)) {
                throw new IllegalArgumentException("every level needs a positive population share; got " + l.share());
            }
            total += l.share();
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("population shares must sum to 1; got " + total);
        }
        int n = levels.size();
        double[] x = new double[n];
        double cumulative = 0;
        double meanX = 0;
        for (int i = 0; i < n; i++) {
            double p = levels.get(i).share();
            x[i] = cumulative + p / 2;
            cumulative += p;
            meanX += p * x[i];
        }
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxx += levels.get(i).share() * (x[i] - meanX) * (x[i] - meanX);
        }
        double a = 0;
        double b = 0;
        double[] alpha = new double[n];
        double[] beta = new double[n];
        for (int i = 0; i < n; i++) {
            Level l = levels.get(i);
            beta[i] = l.share() * (x[i] - meanX) / sxx;
            alpha[i] = l.share() - meanX * beta[i];
            a += alpha[i] * l.rate();
            b += beta[i] * l.rate();
        }
        double varB = 0;
        double varLogRii = 0;
        for (int i = 0; i < n; i++) {
            double s2 = levels.get(i).se() * levels.get(i).se();
            varB += beta[i] * beta[i] * s2;
            double g = (alpha[i] + beta[i]) / (a + b) - alpha[i] / a;
            varLogRii += g * g * s2;
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        double seB = Math.sqrt(varB);
        boolean riiDefined = a > 0 && a + b > 0;
        double rii = riiDefined ? (a + b) / a : Double.NaN;
        double seLogRii = riiDefined ? Math.sqrt(varLogRii) : Double.NaN;
        Level top = levels.get(0);
        Level bottom = levels.get(n - 1);
        double rr = bottom.rate() / top.rate();
        double seLogRr = Math.sqrt(Math.pow(bottom.se() / bottom.rate(), 2) + Math.pow(top.se() / top.rate(), 2));
        boolean rrDefined = top.rate() > 0 && bottom.rate() > 0;
        return new InequalityIndices(b, b - z * seB, b + z * seB, rii, rii * Math.exp(-z * seLogRii), rii * Math.exp(z * seLogRii),
                top.rate() > 0 ? rr : Double.NaN, rrDefined ? rr * Math.exp(-z * seLogRr) : Double.NaN,
                rrDefined ? rr * Math.exp(z * seLogRr) : Double.NaN);
    }
}
