package org.cancerstats.core.generate;

/**
 * Background mortality of the synthetic population: Gompertz-Makeham annual death probabilities
 * q(x) = a + b·exp(c·x), with an infant bump at age 0, lower for women, falling 1.2% a calendar year.
 * At 2000, men: q(60) ≈ 0.011, q(80) ≈ 0.064; women about 60% of that. Capped at 0.6.
 */
public final class LifeTableModel {

    /** Oldest age with its own one-year probability; 100 stands for 100+. */
    public static final int MAX_AGE = 100;

    private LifeTableModel() {
    }

    /** Probability of dying within a year at {@code age} in {@code year}, for sex 1 (male) or 2 (female). */
    public static double deathProbability(int age, int sex, int year) {
        double improvement = Math.exp(-0.012 * (year - 2000));
        if (age == 0) {
            return (sex == 1 ? 0.0045 : 0.0037) * improvement;
        }
        double b = (sex == 1 ? 3.2e-5 : 1.9e-5) * improvement;
        double q = 0.0002 + b * Math.exp(0.094 * Math.min(age, MAX_AGE));
        return Math.min(q, 0.6);
    }
}
