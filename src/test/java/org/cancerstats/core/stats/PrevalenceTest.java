package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PrevalenceTest {

    /** SPEC.md section 4: counts 1 1 1 | 1 2 2 | 2 4 4 for windows 1, 5, complete at 2000.999, 2001.999, 2002.999. */
    @Test
    void reproducesTheSpecReference() {
        double[] entry = {2001.5, 2002.5, 2000.5, 2002.0};
        double[] followUp = {2.5, 1.5, 4.5, 3.0};
        double[] index = {2000.999, 2001.999, 2002.999};
        int[] windows = {1, 5, Prevalence.COMPLETE};
        int[][] expected = {{1, 1, 1}, {1, 2, 2}, {2, 4, 4}};
        for (int i = 0; i < index.length; i++) {
            for (int w = 0; w < windows.length; w++) {
                int count = 0;
                for (int p = 0; p < entry.length; p++) {
                    count += Prevalence.prevalent(entry[p], entry[p] + followUp[p], index[i], windows[w]) ? 1 : 0;
                }
                assertThat(count).as("index %s window %s", index[i], windows[w]).isEqualTo(expected[i][w]);
            }
        }
    }

    @Test
    void dateFormCountsTheLastNCalendarYearsAtAYearEnd() {
        LocalDate index = LocalDate.of(2023, 12, 31);
        LocalDate end = LocalDate.of(2023, 12, 31);
        assertThat(Prevalence.prevalent(LocalDate.of(2019, 1, 1), end, true, index, 5)).isTrue();
        assertThat(Prevalence.prevalent(LocalDate.of(2018, 12, 31), end, true, index, 5)).isFalse();
        assertThat(Prevalence.prevalent(LocalDate.of(2018, 12, 31), end, true, index, Prevalence.COMPLETE)).isTrue();
        // Died on the index date: not alive after it. Last known alive on it: counted.
        assertThat(Prevalence.prevalent(LocalDate.of(2020, 5, 1), index, false, index, 5)).isFalse();
        assertThat(Prevalence.prevalent(LocalDate.of(2024, 1, 1), end, true, index, Prevalence.COMPLETE)).isFalse();
        assertThat(Prevalence.shortestDuration(LocalDate.of(2023, 1, 1), index)).isEqualTo(1);
        assertThat(Prevalence.shortestDuration(LocalDate.of(2021, 1, 1), index)).isEqualTo(3);
        assertThat(Prevalence.shortestDuration(LocalDate.of(2014, 1, 1), index)).isEqualTo(10);
        assertThat(Prevalence.shortestDuration(LocalDate.of(2013, 12, 31), index)).isEqualTo(Prevalence.COMPLETE);
    }
}
