package org.cancerstats.core.stats;

import java.util.Locale;

/**
 * The scale on which a survival proportion's normal-approximation confidence interval is built, from the variance
 * V = Var(log S) = (SE/S)² of the estimate and the normal quantile z:
 * <pre>
 *   LOG      S·exp(∓z·√V)                                  (NORDCAN's cilog; the default)
 *   LOG_LOG  S^exp(±z·√V / |log S|), for 0 &lt; S &lt; 1             (popEpi's default, "log-log")
 * </pre>
 * The log-log interval is the delta-method interval of log(−log S), transformed back; it always lies inside (0, 1)
 * and is better behaved than the log interval for small strata, whose log-scale upper limit may pass 1.
 *
 * <p>Edge cases: net survival may reach or exceed 1 (log S ≥ 0), where log(−log S) is undefined; the log-log
 * transform then gives the log interval, as does S = 1 with variance 0. References: Kalbfleisch JD, Prentice RL.
 * The statistical analysis of failure time data, 2nd ed., Wiley 2002, section 1.4; popEpi {@code survtab}
 * ({@code conf.type = "log-log"}); Engholm G et al. NORDCAN, Acta Oncol 2010;49:725-36.
 */
public enum IntervalTransform {
    LOG("log"), LOG_LOG("log-log");

    private final String label;

    IntervalTransform(String label) {
        this.label = label;
    }

    /** The name in configuration and tables: {@code log} or {@code log-log}. */
    public String label() {
        return label;
    }

    /** The transform called {@code name} ({@code log}, {@code log-log}; case and {@code _} or {@code -} ignored). */
    public static IntervalTransform named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (IntervalTransform t : values()) {
            if (t.label.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("interval transform must be log or log-log; got '" + name + "'");
    }

    /**
     * {lower, upper} for survival {@code s} whose log has variance {@code varianceOfLog}, at normal quantile {@code z}.
     */
    public double[] limits(double s, double varianceOfLog, double z) {
        double sd = Math.sqrt(varianceOfLog);
        if (this == LOG_LOG && s > 0 && s < 1) {
            double spread = z * sd / Math.abs(Math.log(s));
            return new double[] {Math.pow(s, Math.exp(spread)), Math.pow(s, Math.exp(-spread))};
        }
        return new double[] {s * Math.exp(-z * sd), s * Math.exp(z * sd)};
    }
}
