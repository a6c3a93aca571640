package org.cancerstats.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.cancerstats.core.stats.Figures;
import org.cancerstats.core.stats.FollowUpTime;
import org.junit.jupiter.api.Test;

/** The domain codes and conventions the statistics share, one definition each (SPEC.md sections 2 and 4). */
class DomainCodesTest {

    @Test
    void sexAndVitalStatusFollowTheExtractCodes() {
        assertThat(Sex.ofCode(1)).isEqualTo(Sex.MALE);
        assertThat(Sex.ofCode(2).label()).isEqualTo("female");
        assertThatThrownBy(() -> Sex.ofCode(9)).hasMessageContaining("got 9");
        assertThat(VitalStatus.ofCode(2)).isEqualTo(VitalStatus.DEAD);
        assertThat(VitalStatus.ofCode(3)).isEqualTo(VitalStatus.EMIGRATED_OR_LOST);
        assertThat(VitalStatus.UNKNOWN.code()).isEqualTo(9);
        assertThatThrownBy(() -> VitalStatus.ofCode(4)).hasMessageContaining("got 4");
    }

    /** RUKS reports comorbidity in 0-44, 45-59, 60-74 and 75+; the boundaries belong to the upper band. */
    @Test
    void ruksBandsHoldTheirBoundaryAges() {
        assertThat(AgeBands.RUKS.labels()).containsExactly("0-44", "45-59", "60-74", "75+");
        assertThat(AgeBands.RUKS.labelOf(0)).isEqualTo("0-44");
        assertThat(AgeBands.RUKS.labelOf(44)).isEqualTo("0-44");
        assertThat(AgeBands.RUKS.labelOf(45)).isEqualTo("45-59");
        assertThat(AgeBands.RUKS.labelOf(74)).isEqualTo("60-74");
        assertThat(AgeBands.RUKS.labelOf(75)).isEqualTo("75+");
        assertThat(AgeBands.RUKS.labelOf(104)).isEqualTo("75+");
        assertThatThrownBy(() -> new AgeBands(java.util.List.of(0, 60, 45))).hasMessageContaining("[0, 60, 45]");
        assertThatThrownBy(() -> new AgeBands(java.util.List.of(15, 45))).hasMessageContaining("[15, 45]");
    }

    /** S01 (group under 30) takes precedence over S02 (a band under 3): NORDCAN's order of the rules. */
    @Test
    void standardisedEstimatesAreWithheldBySmallGroupThenSmallBand() {
        assertThat(Suppression.forStandardised(new long[] {10, 10, 10, 10, 10}, 3, 30)).isNull();
        assertThat(Suppression.forStandardised(new long[] {2, 10, 10, 10, 10}, 3, 30)).isEqualTo(Suppression.S02);
        assertThat(Suppression.forStandardised(new long[] {2, 5, 5, 5, 5}, 3, 30)).isEqualTo(Suppression.S01);
        assertThat(Suppression.forStandardised(new long[] {6, 6, 6, 6, 5}, 3, 30)).as("29 patients").isEqualTo(Suppression.S01);
    }

    /** 1461 days are 4 Julian years; 1 January is the start of its calendar year. */
    @Test
    void followUpTimeIsInJulianYears() {
        assertThat(FollowUpTime.years(1461)).isEqualTo(4.0);
        assertThat(FollowUpTime.years(LocalDate.of(2010, 1, 1), LocalDate.of(2014, 1, 1))).isEqualTo(4.0);
        assertThat(FollowUpTime.years(LocalDate.of(2010, 3, 1), LocalDate.of(2010, 2, 1))).isNegative();
        assertThat(FollowUpTime.calendarYear(LocalDate.of(2010, 1, 1))).isEqualTo(2010.0);
        assertThat(FollowUpTime.calendarYear(LocalDate.of(2010, 7, 2))).as("day 183: 182 / 365.25").isCloseTo(2010.4983, within(1e-4));
        assertThat(Figures.finiteOrNull(Double.NaN)).isNull();
        assertThat(Figures.finiteOrNull(Double.POSITIVE_INFINITY)).isNull();
        assertThat(Figures.finiteOrNull(0.5)).isEqualTo(0.5);
    }
}
