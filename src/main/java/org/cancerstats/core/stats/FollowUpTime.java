package org.cancerstats.core.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Dates as the survival kernel's years: days / 365.25 (the Julian year relsurv and popEpi use, so that 1461 days
 * are 4 years and k months are k x 365.25 / 12 days).
 */
public final class FollowUpTime {

    /** Days in a year of follow-up. */
    public static final double DAYS_PER_YEAR = 365.25;

    private FollowUpTime() {
    }

    /** Years from {@code from} to {@code to}, negative when {@code to} is earlier. */
    public static double years(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_YEAR;
    }

    /** Years for a count of days. */
    public static double years(long days) {
        return days / DAYS_PER_YEAR;
    }

    /** The date as a calendar year with its fraction: 1 January 2010 is 2010.0 (the life table's time scale). */
    public static double calendarYear(LocalDate date) {
        return date.getYear() + (date.getDayOfYear() - 1) / DAYS_PER_YEAR;
    }
}
