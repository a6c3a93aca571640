package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The exact Poisson test and the funnel limits against R: {@code src/test/r/regional_ratio_reference.R}, output in
 * {@code regional_ratio_reference.out} beside it (R 4.2, stats::poisson.test; Spiegelhalter 2005 appendix A.1.1).
 */
class RegionalRatioKernelsTest {

    @ParameterizedTest(name = "O={0} E={1}")
    @CsvSource({
        "32, 21.21, 1.031964936883, 2.129865727460, 0.028725427479",
        "0, 3.5, 0, 1.053965558318, 0.0569363055136",
        "3, 10.2, 0.060654129696, 0.859536575465, 0.0176467341082",
        "15, 9.1, 0.922569904701, 2.718705370493, 0.0645714822024",
        "9, 9, 0.457263677486, 1.898311494602, 1",
        "120, 100.4, 0.990955434521, 1.429189097304, 0.0575979401774",
        "1, 0.2, 0.126589039921, 27.858216954694, 0.181269246922",
        "60, 80.5, 0.568774173292, 0.959402402567, 0.0220743873441"})
    void exactIntervalAndTestAsRsPoissonTest(long observed, double expected, double lower, double upper, double p) {
        StandardisedRatio ratio = StandardisedRatio.of(observed, expected, 0.95);
        assertThat(ratio.lower()).isCloseTo(lower, within(1e-9));
        assertThat(ratio.upper()).isCloseTo(upper, within(1e-9));
        assertThat(PoissonTest.twoSided(observed, expected)).isCloseTo(p, within(1e-10 + 1e-8 * p));
    }

    @Test
    void edgeCasesOfTheTest() {
        assertThat(PoissonTest.twoSided(0, 0)).isEqualTo(1);
        assertThat(PoissonTest.twoSided(2, 0)).isZero();
        assertThatThrownBy(() -> PoissonTest.twoSided(-1, 2)).hasMessageContaining("-1");
        assertThatThrownBy(() -> PoissonTest.twoSided(1, Double.NaN)).hasMessageContaining("NaN");
    }

    @ParameterizedTest(name = "E={0}")
    @CsvSource({
        "0.5, 0, 0, 3.720051822922, 6.951717961801",
        "3.5, 0, 0, 2.029459063445, 2.864729454988",
        "10, 0.122052931590, 0.377518794769, 1.615995067334, 2.066200083599",
        "21.21, 0.378275164403, 0.573348793959, 1.424252427486, 1.713027344640",
        "100, 0.700652842648, 0.803663371217, 1.195808948521, 1.318047503976",
        "1000, 0.903210767578, 0.937999144316, 1.061949599350, 1.098642356483"})
    void funnelLimitsAsSpiegelhalterInR(double expected, double l998, double l95, double u95, double u998) {
        FunnelLimits f = FunnelLimits.at(expected);
        assertThat(f.lower998()).isCloseTo(l998, within(1e-9));
        assertThat(f.lower95()).isCloseTo(l95, within(1e-9));
        assertThat(f.upper95()).isCloseTo(u95, within(1e-9));
        assertThat(f.upper998()).isCloseTo(u998, within(1e-9));
        assertThat(f.outside998(u998 * 1.01)).isTrue();
        assertThat(f.outside998(1.0)).isFalse();
    }

    @Test
    void funnelWithoutExpectationHasNoLimits() {
        assertThat(FunnelLimits.at(0).upper95()).isNaN();
        assertThatThrownBy(() -> FunnelLimits.at(-1)).hasMessageContaining("-1");
    }
}
