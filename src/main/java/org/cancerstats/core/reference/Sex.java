package org.cancerstats.core.reference;

/**
 * Sex as the extracts code it (SPEC.md section 2: 1 male, 2 female) and as the statistics tables label it, with
 * {@link #BOTH} the label of the two together.
 */
public enum Sex {
    MALE(1, "male"), FEMALE(2, "female");

    /** The label of rows that count both sexes. */
    public static final String BOTH = "both";

    private final int code;
    private final String label;

    Sex(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for a code other than 1 or 2 (the validator rejects those rows) */
    public static Sex ofCode(int code) {
        for (Sex s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("sex code must be 1 (male) or 2 (female); got " + code);
    }
}
