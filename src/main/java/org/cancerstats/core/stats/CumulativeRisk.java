package org.cancerstats.core.stats;

/**
 * Cumulative risk (percent) of developing (or dying of) the disease before a given age in the absence of other
 * causes of death, from 5-year age-specific rates (Day 1987, IARC Scientific Publications 88):
 * <pre>
 *   cumulative rate = Σ 5 · c_i / P_i over the groups 0–4 … (e.g. 70–74 for 0–74)
 *   cumulative risk = 100 · (1 − exp(−cumulative rate))
 * </pre>
 * A group with zero person-years contributes nothing (its cases are flagged by the caller, as for the ASR).
 */
public final class CumulativeRisk {

    private CumulativeRisk() {
    }

    /**
     * @param cases       cases per 5-year group, from 0–4 upwards
     * @param personYears person-years per group
     * @param groups      how many groups from 0–4 to include: 15 for 0–74, 16 for 0–79
     */
    public static double percent(long[] cases, double[] personYears, int groups) {
        if (groups < 1 || groups > cases.length || cases.length != personYears.length) {
            throw new IllegalArgumentException("need " + groups + " groups of cases and person-years; got "
                    + cases.length + " and " + personYears.length);
        }
        double cumulativeRate = 0;
        for (int i = 0; i < groups; i++) {
            DirectStandardisation.requireNonNegative("cases", i, cases[i]);
            DirectStandardisation.requireNonNegative("person-years", i, personYears[i]);
            if (personYears[i] > 0) {
                cumulativeRate += 5.0 * cases[i] / personYears[i];
            }
        }
        return 100 * (1 - Math.exp(-cumulativeRate));
    }
}
