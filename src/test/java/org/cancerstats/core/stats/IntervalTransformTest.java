package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalTransformTest {

    private static final double Z = 1.959963984540054;

    /**
     * S = 0.645052494567, SE = 0.164333541839 (observed survival at month 16 of NetSurvivalBoundaryTest). Log-log limits
     * written out: S^exp(±z·(SE/S)/|log S|), as R's survival::survfit(conf.type = "log-log") and popEpi's survtab form
     * them; R gives 0.254274476188 and 0.869036098738 for
     * {@code exp(-exp(log(-log(s)) ± qnorm(0.975) * (se/s) / abs(log(s))))}.
     */
    @Test
    void logLogLimitsAsWrittenOut() {
        double s = 0.645052494567;
        double se = 0.164333541839;
        double v = (se / s) * (se / s);
        double[] limits = IntervalTransform.LOG_LOG.limits(s, v, Z);
        double spread = Z * (se / s) / Math.abs(Math.log(s));
        assertThat(limits[0]).isCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(s)) + spread)), within(1e-15));
        assertThat(limits[1]).isCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(s)) - spread)), within(1e-15));
        assertThat(limits[0]).isCloseTo(0.254274476188, within(1e-11));
        assertThat(limits[1]).isCloseTo(0.869036098738, within(1e-11));
    }

    @Test
    void logLimitsAreTheEstimateTimesExpOfZSe() {
        double[] limits = IntervalTransform.LOG.limits(0.8, 0.01, Z);
        assertThat(limits[0]).isCloseTo(0.8 * Math.exp(-Z * 0.1), within(1e-15));
        assertThat(limits[1]).isCloseTo(0.8 * Math.exp(Z * 0.1), within(1e-15));
    }

    @Test
    void netSurvivalOfOneOrMoreFallsBackToTheLogInterval() {
        assertThat(IntervalTransform.LOG_LOG.limits(1.02, 0.0004, Z)).containsExactly(IntervalTransform.LOG.limits(1.02, 0.0004, Z));
        assertThat(IntervalTransform.LOG_LOG.limits(1.0, 0, Z)).containsExactly(1.0, 1.0);
    }

    @Test
    void namesAreReadAsConfigured() {
        assertThat(IntervalTransform.named("log-log")).isEqualTo(IntervalTransform.LOG_LOG);
        assertThat(IntervalTransform.named(" LOG_LOG ")).isEqualTo(IntervalTransform.LOG_LOG);
        assertThat(IntervalTransform.named("log")).isEqualTo(IntervalTransform.LOG);
        assertThatThrownBy(() -> IntervalTransform.named("arcsine")).hasMessageContaining("'arcsine'");
    }
}
