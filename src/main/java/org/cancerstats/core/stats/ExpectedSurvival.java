package org.cancerstats.core.stats;

/** Expected (general-population) one-year survival probability by sex, attained age and calendar year: 1 − qx. */
@FunctionalInterface
public interface ExpectedSurvival {

    /**
     * @throws IllegalArgumentException naming the cell when the life table lacks it (never extrapolated)
     */
    double oneYear(int sex, int age, int year);
}
