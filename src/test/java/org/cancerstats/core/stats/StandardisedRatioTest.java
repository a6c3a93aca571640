package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardisedRatioTest {

    @Test
    void reproducesTheSpecReference() {
        // SPEC.md section 4: O = 32, E = 21.21 gives 1.508722, 1.031965 to 2.129866.
        StandardisedRatio r = StandardisedRatio.of(32, 21.21, 0.95);
        assertThat(r.ratio()).isCloseTo(1.508722, within(1e-6));
        assertThat(r.lower()).isCloseTo(1.031965, within(1e-6));
        assertThat(r.upper()).isCloseTo(2.129866, within(1e-6));
    }

    @Test
    void zeroObservedAndZeroExpected() {
        StandardisedRatio none = StandardisedRatio.of(0, 4.0, 0.95);
        assertThat(none.ratio()).isZero();
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(-Math.log(0.025) / 4.0, within(1e-9));
        assertThat(StandardisedRatio.of(3, 0, 0.95).ratio()).isNaN();
    }

    @Test
    void poissonIntervalForACountMatchesTabulatedValues() {
        // Exact Poisson 95% limits for 10 events: 4.795389 to 18.390356 (Garwood; as R poisson.test(10)).
        double[] limits = PoissonInterval.count(10, 0.95);
        assertThat(limits[0]).isCloseTo(4.795389, within(1e-6));
        assertThat(limits[1]).isCloseTo(18.390356, within(1e-6));
        assertThat(PoissonInterval.rate(10, 0, 0.95)[0]).isNaN();
    }

    @Test
    void limitsAtOneLevelAreThoseOfTheStaticMethods() {
        // Same reference (R poisson.test(10)); counts below and above the remembered ones, asked twice.
        PoissonInterval.AtLevel level = PoissonInterval.AtLevel.of(0.95);
        assertThat(level.count(10)[0]).isCloseTo(4.795389, within(1e-6));
        assertThat(level.count(10)[1]).isCloseTo(18.390356, within(1e-6));
        for (long c : new long[] {0, 1, 10, 4095, 4096, 250_000}) {
            assertThat(level.count(c)).containsExactly(PoissonInterval.count(c, 0.95));
            assertThat(level.count(c)).containsExactly(PoissonInterval.count(c, 0.95));
            assertThat(level.rate(c, 1234.5)).containsExactly(PoissonInterval.rate(c, 1234.5, 0.95));
        }
        level.count(3)[0] = -1; // callers get a copy: the remembered limits stay as they are
        assertThat(level.count(3)).containsExactly(PoissonInterval.count(3, 0.95));
        assertThat(level.rate(3, 0)[1]).isNaN();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoissonInterval.AtLevel.of(1.5))
                .hasMessageContaining("1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> level.rate(3, -2))
                .hasMessageContaining("-2");
    }

    @Test
    void cumulativeRiskIsOneMinusExpOfFiveTimesTheSummedRates() {
        long[] cases = new long[18];
        double[] py = new double[18];
        java.util.Arrays.fill(py, 100_000);
        java.util.Arrays.fill(cases, 10); // 10 per 100,000 in each group
        // 0-74: 15 groups, 5 * 15 * 1e-4 = 0.0075 -> 0.747190%
        assertThat(CumulativeRisk.percent(cases, py, 15)).isCloseTo(100 * (1 - Math.exp(-0.0075)), within(1e-12));
        assertThat(CumulativeRisk.percent(cases, py, 16)).isCloseTo(100 * (1 - Math.exp(-0.008)), within(1e-12));
    }
}
