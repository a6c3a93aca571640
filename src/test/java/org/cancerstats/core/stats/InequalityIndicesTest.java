package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * SII, RII and the rate ratio against R's {@code lm} with the delta method written as matrix algebra:
 * {@code src/test/r/inequality_reference.R}, output in {@code inequality_reference.out} beside it (R 4.2).
 */
class InequalityIndicesTest {

    private static List<InequalityIndices.Level> levels(double[] share, double[] rate, double[] se) {
        return List.of(new InequalityIndices.Level(rate[0], se[0], share[0]), new InequalityIndices.Level(rate[1], se[1], share[1]),
                new InequalityIndices.Level(rate[2], se[2], share[2]));
    }

    private static void assertIndices(InequalityIndices i, double... expected) {
        double[] actual = {i.sii(), i.siiLower(), i.siiUpper(), i.rii(), i.riiLower(), i.riiUpper(), i.rr(), i.rrLower(), i.rrUpper()};
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("figure %d", k).isCloseTo(expected[k], within(1e-9));
        }
    }

    @Test
    void aGradientAsRsLm() {
        assertIndices(InequalityIndices.of(levels(new double[] {0.25, 0.35, 0.40}, new double[] {40, 52, 68},
                new double[] {2.5, 2.2, 2.0}), 0.95), 41.641025641026, 32.517524372185, 50.764526909866, 2.204211775174,
                1.812444485589, 2.680661166976, 1.7, 1.484747168707, 1.946459343995);
    }

    @Test
    void noGradientAndAReversedOneAsRsLm() {
        assertIndices(InequalityIndices.of(levels(new double[] {0.3, 0.4, 0.3}, new double[] {50, 50, 50},
                new double[] {3, 3, 3}), 0.95), 0, -11.879175637283, 11.879175637283, 1, 0.788531035839, 1.268180901638, 1,
                0.846784995514, 1.180937316199);
        assertIndices(InequalityIndices.of(levels(new double[] {0.2, 0.5, 0.3}, new double[] {80, 60, 45},
                new double[] {6, 3, 4}), 0.95), -45.357142857143, -63.338503127387, -27.375782586899, 0.448066058236,
                0.315308744034, 0.636719394375, 0.5625, 0.447843004232, 0.706511538665);
    }

    @Test
    void badLevelsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> InequalityIndices.of(List.of(new InequalityIndices.Level(1, 1, 1)), 0.95))
                .hasMessageContaining("got 1");
        assertThatThrownBy(() -> InequalityIndices.of(levels(new double[] {0.3, 0.3, 0.3}, new double[] {1, 2, 3},
                new double[] {1, 1, 1}), 0.95)).hasMessageContaining("sum to 1; got 0.8999");
        assertThatThrownBy(() -> InequalityIndices.of(levels(new double[] {0.5, 0.5, 0}, new double[] {1, 2, 3},
                new double[] {1, 1, 1}), 0.95)).hasMessageContaining("got 0.0");
    }

    @Test
    void aFittedRateBelowZeroLeavesTheRiiUndefined() {
        InequalityIndices steep = InequalityIndices.of(levels(new double[] {0.3, 0.4, 0.3}, new double[] {1, 40, 120},
                new double[] {1, 3, 5}), 0.95);
        assertThat(steep.rii()).isNaN();
        assertThat(steep.sii()).isPositive();
    }
}
