package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Deaths exactly on a monthly interval boundary (SPEC.md section 4: a death at t belongs to the interval (a, b] with
 * a &lt; t ≤ b). 487 days is 16 months of 365.25/12 days and 1461 days 48 months (deaths), 974 days 32 months (a
 * censoring, which survives the interval it closes); as years (days / 365.25, as the survival job converts them) they
 * meet the boundaries only up to rounding.
 *
 * <p>Reference values: {@code src/test/r/boundary_deaths_reference.R}, the SPEC formula written out in R on the
 * same eight patients with times in days (where the boundaries are exact); its output is
 * {@code src/test/r/boundary_deaths_reference.out}.
 */
class NetSurvivalBoundaryTest {

    private static final int[] DAYS = {487, 1461, 300, 1000, 1826, 2000, 974, 120};
    private static final boolean[] DIED = {true, true, true, false, false, false, false, true};

    /** month, deaths so far, Pohar Perme, its SE, Ederer II, observed, its SE: boundary_deaths_reference.out. */
    private static final double[][] R = {
            {4, 1, 0.884104275870, 0.117880570116, 0.890696274488, 0.881698727264, 0.111010155165},
            {10, 2, 0.769667393248, 0.156691913233, 0.781629653882, 0.762039481302, 0.146828328442},
            {16, 3, 0.651560260065, 0.177846435101, 0.671788780952, 0.645052494567, 0.164333541839},
            {17, 3, 0.653216194874, 0.178298430290, 0.673496126373, 0.645052494567, 0.164333541839},
            {32, 3, 0.678566281833, 0.185217855662, 0.699633239176, 0.645052494567, 0.164333541839},
            {33, 3, 0.680290852215, 0.185688585253, 0.701411351049, 0.645052494567, 0.164333541839},
            {48, 4, 0.473709583045, 0.229396900818, 0.522087499300, 0.462200309321, 0.193911480365},
            {60, 4, 0.488360394892, 0.236491650328, 0.538234535361, 0.462200309321, 0.193911480365}};

    private static List<NetSurvival.Estimate> curve() {
        NetSurvival s = NetSurvival.monthly(5);
        for (int i = 0; i < DAYS.length; i++) {
            s.add(0, FollowUpTime.years(DAYS[i]), DIED[i], 1, 60, 2010, (sex, age, year) -> 0.97);
        }
        return s.curve(0.95);
    }

    @Test
    void aDeathOnABoundaryIsADeathOfTheIntervalItCloses() {
        List<NetSurvival.Estimate> curve = curve();
        assertThat(curve.get(15).deaths()).as("deaths by month 16, the 487-day death included").isEqualTo(3);
        assertThat(curve.get(14).deaths()).as("deaths by month 15").isEqualTo(2);
        assertThat(curve.get(47).deaths()).as("deaths by month 48, the 1461-day death included").isEqualTo(4);
        assertThat(curve.get(46).deaths()).isEqualTo(3);
    }

    @Test
    void matchesTheSpecFormulaWrittenOutInR() {
        List<NetSurvival.Estimate> curve = curve();
        for (double[] r : R) {
            NetSurvival.Estimate e = curve.get((int) r[0] - 1);
            String at = "month " + (int) r[0];
            assertThat(e.deaths()).as(at).isEqualTo((long) r[1]);
            assertThat(e.poharPerme().survival()).as(at).isCloseTo(r[2], within(1e-10));
            assertThat(e.poharPerme().standardError()).as(at).isCloseTo(r[3], within(1e-10));
            assertThat(e.ederer2().survival()).as(at).isCloseTo(r[4], within(1e-10));
            assertThat(e.observed().survival()).as(at).isCloseTo(r[5], within(1e-10));
            assertThat(e.observed().standardError()).as(at).isCloseTo(r[6], within(1e-10));
        }
    }

    @Test
    void logLogIntervalsLieInsideZeroOneAndAroundTheEstimate() {
        NetSurvival s = NetSurvival.monthly(5);
        for (int i = 0; i < DAYS.length; i++) {
            s.add(0, FollowUpTime.years(DAYS[i]), DIED[i], 1, 60, 2010, (sex, age, year) -> 0.97);
        }
        NetSurvival.Estimate log = s.curve(0.95).get(15);
        NetSurvival.Estimate logLog = s.curve(0.95, IntervalTransform.LOG_LOG).get(15);
        NetSurvival.Curve o = logLog.observed();
        assertThat(o.survival()).isEqualTo(log.observed().survival());
        assertThat(o.lower()).isGreaterThan(0).isLessThan(o.survival());
        assertThat(o.upper()).isGreaterThan(o.survival()).isLessThan(1);
        assertThat(log.observed().upper()).as("the log interval of a small stratum passes 1").isGreaterThan(1);
    }
}
