package org.cancerstats.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The whole counts an interval of the linear relaxation leaves: a count bounded below by 0.5 is at least 1 (the
 * audit's check of a band between two durations reports a band known not to be 0 and possibly below k).
 */
class SuppressionAuditIntervalTest {

    private static SuppressionAudit.Interval from(double lower) {
        return new SuppressionAudit.Interval(0, "a count", lower, lower + 10);
    }

    @Test
    void theSmallestWholeCountRoundsTheLowerBoundUpWithinTheSolversTolerance() {
        assertThat(from(0).lowestCount()).isZero();
        assertThat(from(1e-9).lowestCount()).as("a solver's 0").isZero();
        assertThat(from(0.5).lowestCount()).as("a fractional bound above 0").isEqualTo(1);
        assertThat(from(1 - 1e-9).lowestCount()).as("a solver's 1").isEqualTo(1);
        assertThat(from(2.5).lowestCount()).isEqualTo(3);
        assertThat(from(3 + 1e-9).lowestCount()).as("a solver's 3").isEqualTo(3);
    }
}
