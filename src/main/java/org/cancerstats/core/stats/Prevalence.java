package org.cancerstats.core.stats;

import java.time.LocalDate;

/**
 * Limited-duration and complete prevalence as NORDCAN counts it (SPEC.md section 4).
 *
 * <p>A person (once per site) enters at diagnosis and exits at the end of follow-up. At an index date I the person
 * is prevalent when diagnosed on or before I and alive after I; n-year prevalence keeps those diagnosed less than
 * n years before I: {@code I − n < diagnosis ≤ I}. "Alive after I" is read from the follow-up extract: a person
 * last known alive (vital status 1) on or after I, or who died, emigrated or was lost after I.
 *
 * <p>Reference (SPEC.md, decimal years): entries 2001.5, 2002.5, 2000.5, 2002.0 with follow-up 2.5, 1.5, 4.5 and
 * 3.0 years; at 2000.999, 2001.999 and 2002.999 the 1-year, 5-year and complete counts are 1 1 1, 1 2 2, 2 4 4.
 */
public final class Prevalence {

    /** Durations reported, in years; {@link #COMPLETE} stands for no limit. */
    public static final int[] DURATIONS = {1, 3, 5, 10};
    public static final int COMPLETE = Integer.MAX_VALUE;

    private Prevalence() {
    }

    /** Decimal-year form, as the reference is given: prevalent at {@code index} within {@code years} (or COMPLETE). */
    public static boolean prevalent(double entry, double exit, double index, int years) {
        return entry <= index && exit > index && (years == COMPLETE || index - entry < years);
    }

    /**
     * Date form.
     *
     * @param diagnosis   entry
     * @param endOfFollowUp exit date
     * @param knownAlive  whether the person was alive at {@code endOfFollowUp} (vital status 1)
     * @param index       index date (a year end, say)
     * @param years       duration limit, or {@link #COMPLETE}
     */
    public static boolean prevalent(LocalDate diagnosis, LocalDate endOfFollowUp, boolean knownAlive, LocalDate index, int years) {
        boolean aliveAfter = knownAlive ? !endOfFollowUp.isBefore(index) : endOfFollowUp.isAfter(index);
        return !diagnosis.isAfter(index) && aliveAfter && (years == COMPLETE || diagnosis.isAfter(index.minusYears(years)));
    }

    /**
     * The shortest reported duration that holds a person diagnosed on {@code diagnosis} at {@code index}: 1, 3, 5,
     * 10, or {@link #COMPLETE}. A person counts in that duration and every longer one.
     */
    public static int shortestDuration(LocalDate diagnosis, LocalDate index) {
        for (int years : DURATIONS) {
            if (diagnosis.isAfter(index.minusYears(years))) {
                return years;
            }
        }
        return COMPLETE;
    }
}
