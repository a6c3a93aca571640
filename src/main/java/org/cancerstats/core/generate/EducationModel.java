package org.cancerstats.core.generate;

import java.util.List;

/**
 * The generator's education model: the levels, how a birth cohort splits over them, and the planted gradient of
 * lung cancer incidence that the inequality indices must recover ({@code docs/sample-data.md}).
 */
public final class EducationModel {

    private EducationModel() {
    }

    /** The education levels of the population and the cases, most advantaged first; unknown last. */
    static final String[] EDUCATION = {"high", "medium", "low", "unknown"};

    /**
     * The planted education gradient of lung cancer incidence, relative to high education (by {@link #EDUCATION}):
     * a known answer for the inequality indices; other sites have none.
     */
    public static final List<Double> LUNG_EDUCATION_FACTOR = List.of(1.0, 1.35, 1.8, 1.35);

    /**
     * A cohort's persons by education ({@link #EDUCATION} order): high 10% (born before 1940), 20% (before 1960) or
     * 30%, medium 38%, unknown 5%, low the rest. Whole persons by the largest remainder, so that small cells keep the
     * shares on average instead of rounding every small level away.
     */
    static long[] split(int birthYear, long persons) {
        double high = birthYear < 1940 ? 0.10 : birthYear < 1960 ? 0.2 : 0.3;
        double[] shares = {high, 0.38, 1 - high - 0.38 - 0.05, 0.05};
        long[] out = new long[shares.length];
        double[] remainder = new double[shares.length];
        long left = persons;
        for (int e = 0; e < shares.length; e++) {
            double exact = persons * shares[e];
            out[e] = (long) Math.floor(exact);
            remainder[e] = exact - out[e];
            left -= out[e];
        }
        for (; left > 0; left--) {
            int largest = 0;
            for (int e = 1; e < shares.length; e++) {
                if (remainder[e] > remainder[largest]) {
                    largest = e;
                }
            }
            out[largest]++;
            remainder[largest] = -1;
        }
        return out;
    }

    static double factor(SiteModel site, String education) {
        if (!site.site().equals("lung")) {
            return 1;
        }
        return LUNG_EDUCATION_FACTOR.get(java.util.Arrays.asList(EDUCATION).indexOf(education));
    }
}
