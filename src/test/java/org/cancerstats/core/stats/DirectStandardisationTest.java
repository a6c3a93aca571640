package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DirectStandardisationTest {

    // Fay and Feuer (1997), Table 1, birth order 5+: Down syndrome by maternal age (SPEC.md section 4).
    private static final long[] CASES_5 = {0, 8, 63, 112, 262, 295};
    private static final double[] BIRTHS_5 = {327, 30666, 123419, 149919, 104088, 34392};
    private static final double[] STANDARD = {319933, 931318, 786511, 488235, 237863, 61313};

    @Test
    void reproducesFayFeuerTable1BirthOrder5AtFullPrecision() {
        DirectStandardisation.Rate r = DirectStandardisation.of(CASES_5, BIRTHS_5, STANDARD, 0.95).times(100_000);
        // SPEC.md: ASR 75.5290, interval 67.7021-188.3002, Tiwari upper 112.8584 (per 100,000).
        assertThat(r.rate()).isCloseTo(75.5290, within(1e-4));
        assertThat(r.lower()).isCloseTo(67.7021, within(1e-4));
        assertThat(r.upper()).isCloseTo(188.3002, within(1e-4));
        assertThat(r.upperTiwari()).isCloseTo(112.8584, within(1e-4));
        // Printed to one decimal in Table 1: crude 167.1, ASR 75.5, 67.7-188.3, Tiwari 112.9.
        double crude = 740.0 / (327 + 30666 + 123419 + 149919 + 104088 + 34392) * 100_000;
        assertThat(Math.round(crude * 10) / 10.0).isEqualTo(167.1);
        assertThat(Math.round(r.rate() * 10) / 10.0).isEqualTo(75.5);
        assertThat(Math.round(r.upperTiwari() * 10) / 10.0).isEqualTo(112.9);
    }

    /** epitools 0.5-10.1 ageadjust.direct, src/test/r/direct_standardisation_reference.R (output beside it). */
    @Test
    void matchesEpitoolsOnRegistryShapedData() {
        double[] world = {12000, 10000, 9000, 9000, 8000, 8000, 6000, 6000, 6000, 6000, 5000, 4000, 4000, 3000, 2000, 1000, 500, 500};
        double[] pop = {31000, 32000, 30500, 29800, 30100, 33000, 34500, 35200, 36100, 34800, 33900, 32000, 30200, 27800,
                22100, 15900, 10200, 8300};
        long[] cases = {0, 0, 0, 0, 1, 0, 2, 1, 3, 5, 9, 14, 22, 31, 40, 38, 29, 21};
        DirectStandardisation.Rate r = DirectStandardisation.of(cases, pop, world, 0.95);
        assertThat(r.rate()).isCloseTo(0.0002017789, within(1e-10));
        assertThat(r.lower()).isCloseTo(0.0001738954, within(1e-10));
        assertThat(r.upper()).isCloseTo(0.0002366038, within(1e-10));

        long[] few = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 1, 0};
        DirectStandardisation.Rate f = DirectStandardisation.of(few, pop, world, 0.95);
        assertThat(f.rate()).isCloseTo(0.0000036247, within(1e-10));
        assertThat(f.lower()).isCloseTo(0.0000009026, within(1e-10));
        assertThat(f.upper()).isCloseTo(0.0000180146, within(1e-10));
    }

    @Test
    void noCasesGivesZeroRateZeroLowerAndAFiniteUpper() {
        double[] py = {1000, 2000, 4000};
        DirectStandardisation.Rate r = DirectStandardisation.of(new long[3], py, new double[] {1, 1, 2}, 0.95);
        assertThat(r.rate()).isZero();
        assertThat(r.lower()).isZero();
        // Gamma with shape 1 and scale w_M: upper = -w_M ln(0.025); w_M = 0.25/1000.
        assertThat(r.upper()).isCloseTo(-0.25 / 1000 * Math.log(0.025), within(1e-12));
        assertThat(r.upperTiwari()).isFinite().isPositive();
    }

    @Test
    void strataWithoutPersonYearsAreLeftOutAndTheirCasesReported() {
        DirectStandardisation.Sums s = DirectStandardisation.sums(new long[] {3, 2, 5}, new double[] {1000, 0, 2000},
                new double[] {1, 1, 2});
        assertThat(s.excludedCases()).isEqualTo(2);
        assertThat(s.cases()).isEqualTo(8);
        assertThat(s.rate()).isCloseTo(0.25 * 3 / 1000 + 0.5 * 5 / 2000.0, within(1e-15));
        DirectStandardisation.Sums none = DirectStandardisation.sums(new long[] {1}, new double[] {0}, new double[] {1});
        assertThat(DirectStandardisation.interval(none, 0.95).rate()).isNaN();
    }

    @Test
    void badArgumentsNameTheValue() {
        assertThatThrownBy(() -> DirectStandardisation.sums(new long[] {1, -2}, new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("stratum 1").hasMessageContaining("-2");
        assertThatThrownBy(() -> DirectStandardisation.sums(new long[] {1}, new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("same non-zero length");
        assertThatThrownBy(() -> DirectStandardisation.interval(DirectStandardisation.sums(new long[] {1}, new double[] {1},
                new double[] {1}), 1.5)).hasMessageContaining("1.5");
    }
}
