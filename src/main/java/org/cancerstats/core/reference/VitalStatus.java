package org.cancerstats.core.reference;

/** The follow-up extract's {@code vital_status} codes (SPEC.md section 2). */
public enum VitalStatus {
    ALIVE(1), DEAD(2), EMIGRATED_OR_LOST(3), UNKNOWN(9);

    private final int code;

    VitalStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code the extract does not define */
    public static VitalStatus ofCode(int code) {
        for (VitalStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("vital_status must be 1, 2, 3 or 9; got " + code);
    }
}
