package org.cancerstats.core.reference;

/**
 * Why an estimate is withheld (the {@code suppressed} code of the survival table; docs/methods.md). An estimate
 * withheld carries its code and null figures; the patients and deaths stay.
 */
public enum Suppression {
    /** The group has fewer patients than {@code survival.min-patients} (30): no standardised estimate. */
    S01("fewer patients in the group than survival.min-patients"),
    /** An age band of the group has fewer patients than {@code survival.min-patients-per-age-band} (3). */
    S02("an age band with fewer patients than survival.min-patients-per-age-band"),
    /** The estimate is not finite: no patient at risk at the horizon, or a survival of 0 on the log scale. */
    S03("not estimable at the horizon");

    private final String meaning;

    Suppression(String meaning) {
        this.meaning = meaning;
    }

    /** What the code means, for documentation and messages. */
    public String meaning() {
        return meaning;
    }

    /**
     * The code withholding an ICSS-standardised estimate, or null to publish it: S01 when the group is smaller than
     * {@code minGroup}, else S02 when any band is smaller than {@code minBand}.
     *
     * @param bandPatients patients in each age band of the standard
     */
    public static Suppression forStandardised(long[] bandPatients, int minBand, int minGroup) {
        long total = 0;
        boolean smallBand = false;
        for (long p : bandPatients) {
            total += p;
            smallBand |= p < minBand;
        }
        return total < minGroup ? S01 : smallBand ? S02 : null;
    }
}
