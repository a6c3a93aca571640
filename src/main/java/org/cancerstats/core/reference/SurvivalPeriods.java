package org.cancerstats.core.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnosis periods of the cohort approach and the follow-up window of the period approach.
 *
 * <p>Cohorts: the blocks of {@code length} years counted back from the closing year (2019-2023, 2014-2018, ...), a
 * first block that would start before the first diagnosis year being incomplete and left out, plus the cohorts a
 * registry publishes (survival.cohorts, e.g. 1993-2007). Window: the last {@code length} years up to the closing
 * year unless configured. What is left out is said in {@code notes}, never silently.
 *
 * @param cohorts diagnosis periods, oldest first, each once
 * @param window  the period approach's follow-up window
 */
public record SurvivalPeriods(List<YearSpan> cohorts, YearSpan window) implements java.io.Serializable {

    public SurvivalPeriods {
        cohorts = List.copyOf(cohorts);
    }

    /**
     * @param data       first diagnosis year to the closing year of the follow-up
     * @param length     length of the default blocks and window
     * @param configured cohorts asked for besides the blocks
     * @param window     the window asked for, or null for the default
     * @param notes      receives a line for each period left out
     * @throws IllegalArgumentException when the window ends after the closing year
     */
    public static SurvivalPeriods of(YearSpan data, int length, List<YearSpan> configured, YearSpan window, List<String> notes) {
        Map<String, YearSpan> cohorts = new LinkedHashMap<>();
        YearSpan.completeBlocks(data, length).forEach(b -> cohorts.put(b.label(), b));
        YearSpan incomplete = YearSpan.incompleteBlock(data, length);
        if (incomplete != null) {
            notes.add("diagnosis years " + incomplete + " make an incomplete " + length + "-year period and are in no "
                    + "default cohort (survival.period-years = " + length + "; list them in survival.cohorts to estimate them)");
        }
        for (YearSpan c : configured) {
            if (c.within(data)) {
                cohorts.put(c.label(), c);
            } else {
                notes.add("cohort " + c + " of survival.cohorts is not estimated: it reaches outside the diagnosis years "
                        + data + " (first diagnosis to the closing year of the follow-up)");
            }
        }
        YearSpan chosen = window != null ? window : new YearSpan(data.last() - length + 1, data.last());
        if (chosen.last() > data.last()) {
            throw new IllegalArgumentException("survival.period-window " + chosen + " ends after " + data.last()
                    + ", the closing year of the follow-up; choose a window ending in " + data.last() + " or earlier");
        }
        List<YearSpan> sorted = new ArrayList<>(cohorts.values());
        sorted.sort(Comparator.comparingInt(YearSpan::first).thenComparingInt(YearSpan::last));
        return new SurvivalPeriods(sorted, chosen);
    }
}
