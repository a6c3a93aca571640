package org.cancerstats.core.disclosure;

/** What a release shows of a count, and the flag it carries when it shows nothing. */
public enum CellStatus {
    PUBLISHED(null),
    /** Primary suppression: the count itself is under the rule's threshold. */
    SUPPRESSED_SMALL("suppressed_small"),
    /** Complementary suppression: withheld so that a small count cannot be recomputed from the published ones. */
    SUPPRESSED_COMPLEMENTARY("suppressed_complementary");

    private final String flag;

    CellStatus(String flag) {
        this.flag = flag;
    }

    /** The value of the flag column of a release; null when the count is published. */
    public String flag() {
        return flag;
    }

    public boolean suppressed() {
        return this != PUBLISHED;
    }
}
