package org.cancerstats.core.reference;

/**
 * Why a first tumour is left out of net survival (SPEC.md section 4; NORDCAN's exclusion criteria): the labels of
 * {@code survival_quality.reason}. A patient meets any number of criteria and is counted under each, beside one
 * {@link #EXCLUDED} or {@link #INCLUDED} row that counts every patient once.
 */
public enum SurvivalExclusion {
    NO_FOLLOWUP_ROW("no follow-up row"),
    DCO("DCO"),
    AUTOPSY("autopsy"),
    /** Older at diagnosis than {@code survival.max-age}: labelled from it, "age 90+" for the default 89. */
    TOO_OLD(null),
    UNKNOWN_VITAL_STATUS("unknown vital status"),
    NO_FOLLOW_UP_TIME("zero or negative follow-up");

    /** Every patient not excluded by any criterion. */
    public static final String INCLUDED = "included";
    /** Every patient excluded by at least one criterion, counted once. */
    public static final String EXCLUDED = "excluded";

    private final String label;

    SurvivalExclusion(String label) {
        this.label = label;
    }

    /** @param maxAge oldest age at diagnosis included (the age label of {@link #TOO_OLD} is {@code maxAge + 1}+) */
    public String label(int maxAge) {
        return this == TOO_OLD ? "age " + (maxAge + 1) + "+" : label;
    }
}
