package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NetSurvivalTest {

    /** SPEC.md section 4: four patients from t=0, yearly intervals, expected one-year survival 0.9. */
    private static NetSurvival specReference(double entryOfFourth) {
        NetSurvival s = NetSurvival.of(1, 2);
        ExpectedSurvival flat = (sex, age, year) -> 0.9;
        s.add(0, 0.5, true, 1, 60, 2010, flat);
        s.add(0, 1.5, false, 1, 60, 2010, flat);
        s.add(0, 1.2, true, 1, 60, 2010, flat);
        s.add(entryOfFourth, 2.0, false, 1, 60, 2010, flat);
        return s;
    }

    @Test
    void reproducesTheSpecReference() {
        NetSurvival s = specReference(0);
        NetSurvival.Estimate one = s.at(1, 0.95);
        NetSurvival.Estimate two = s.at(2, 0.95);
        assertThat(one.poharPerme().survival()).isCloseTo(0.834975, within(1e-6));
        assertThat(one.poharPerme().standardError()).isCloseTo(0.238564, within(1e-6));
        assertThat(two.poharPerme().survival()).isCloseTo(0.562709, within(1e-6));
        assertThat(two.poharPerme().standardError()).isCloseTo(0.324050, within(1e-6));
        assertThat(one.ederer2().survival()).isCloseTo(0.834975, within(1e-6));
        assertThat(two.ederer2().survival()).isCloseTo(0.515185, within(1e-6));
        assertThat(two.deaths()).isEqualTo(2);
        assertThat(two.patients()).isEqualTo(4);
    }

    @Test
    void noDeathsAndExpectedSurvivalOneGivesOne() {
        NetSurvival s = NetSurvival.monthly(5);
        for (int i = 0; i < 10; i++) {
            s.add(0, 3 + i * 0.2, false, 2, 50 + i, 2015.3, (sex, age, year) -> 1.0);
        }
        NetSurvival.Estimate e = s.at(3, 0.95);
        assertThat(e.poharPerme().survival()).isEqualTo(1.0);
        assertThat(e.ederer2().survival()).isEqualTo(1.0);
        assertThat(e.observed().survival()).isEqualTo(1.0);
        assertThat(e.poharPerme().standardError()).isZero();
    }

    /**
     * With one expected survival for all, the weights are constant and cancel; the two then differ only in exposure
     * (halved for exits, against actual person-time), which agree when exits fall mid-interval, as the actuarial
     * convention assumes.
     */
    @Test
    void equalExpectedSurvivalMakesEdererTwoEqualPoharPermeInTheFirstInterval() {
        NetSurvival s = NetSurvival.monthly(1);
        double mid = 1.0 / 24;
        double[] exits = {mid, 0.2, 0.5, 0.9, 1.0, mid, mid};
        for (int i = 0; i < exits.length; i++) {
            s.add(0, exits[i], i % 2 == 0, 1, 70, 2020.5, (sex, age, year) -> 0.95);
        }
        NetSurvival.Estimate first = s.curve(0.95).get(0);
        assertThat(first.ederer2().survival()).isCloseTo(first.poharPerme().survival(), within(1e-12));
    }

    @Test
    void leftTruncationChangesThePeriodEstimateButNotTheCohortOne() {
        NetSurvival cohort = specReference(0);
        NetSurvival period = specReference(1.0); // the fourth patient enters the window a year after diagnosis
        assertThat(period.at(2, 0.95).poharPerme().survival()).isNotCloseTo(cohort.at(2, 0.95).poharPerme().survival(), within(1e-3));
        assertThat(specReference(0).at(2, 0.95).poharPerme().survival()).isEqualTo(cohort.at(2, 0.95).poharPerme().survival());
    }

    @Test
    void mergingPartitionsGivesTheSameAsOneAccumulator() {
        ExpectedSurvival ageing = (sex, age, year) -> 1 - 0.00002 * Math.exp(0.09 * age) * (sex == 1 ? 1.2 : 1) * (year < 2015 ? 1.05 : 1);
        NetSurvival all = NetSurvival.monthly(5);
        NetSurvival a = NetSurvival.monthly(5);
        NetSurvival b = NetSurvival.monthly(5);
        for (int i = 0; i < 200; i++) {
            double exit = 0.05 + (i * 0.37) % 5.2;
            boolean died = i % 3 == 0;
            int sex = 1 + i % 2;
            double age = 40 + i % 45;
            double year = 2010 + (i % 10) + 0.3;
            all.add(0, exit, died, sex, age, year, ageing);
            (i % 2 == 0 ? a : b).add(0, exit, died, sex, age, year, ageing);
        }
        NetSurvival.Estimate merged = a.merge(b).at(5, 0.95);
        NetSurvival.Estimate one = all.at(5, 0.95);
        assertThat(merged.deaths()).isEqualTo(one.deaths());
        assertThat(merged.poharPerme().survival()).isCloseTo(one.poharPerme().survival(), within(1e-12));
        assertThat(merged.poharPerme().standardError()).isCloseTo(one.poharPerme().standardError(), within(1e-12));
        assertThat(merged.ederer2().survival()).isCloseTo(one.ederer2().survival(), within(1e-12));
        assertThat(merged.observed().survival()).isCloseTo(one.observed().survival(), within(1e-12));
    }

    @Test
    void icssStandardisation() {
        NetSurvival.Curve[] strata = {new NetSurvival.Curve(0.9, 0.02, 0, 0), new NetSurvival.Curve(0.8, 0.03, 0, 0),
                new NetSurvival.Curve(0.7, 0.03, 0, 0), new NetSurvival.Curve(0.6, 0.04, 0, 0), new NetSurvival.Curve(0.5, 0.05, 0, 0)};
        double[] icss1 = {0.12, 0.17, 0.27, 0.29, 0.15};
        NetSurvival.Curve s = NetSurvival.standardise(icss1, strata, 0.95);
        assertThat(s.survival()).isCloseTo(0.12 * 0.9 + 0.17 * 0.8 + 0.27 * 0.7 + 0.29 * 0.6 + 0.15 * 0.5, within(1e-12));
        double se = Math.sqrt(Math.pow(0.12 * 0.02, 2) + Math.pow(0.17 * 0.03, 2) + Math.pow(0.27 * 0.03, 2)
                + Math.pow(0.29 * 0.04, 2) + Math.pow(0.15 * 0.05, 2));
        assertThat(s.standardError()).isCloseTo(se, within(1e-12));
        assertThat(s.lower()).isLessThan(s.survival());
    }
}
