package org.cancerstats.core.disclosure;

import java.util.Locale;

/**
 * A disclosure rule set: what a release may show of a count and of the figures computed from it.
 *
 * <ul>
 *   <li>{@code none}: everything is published (NORDCAN's practice, after its risk assessment).</li>
 *   <li>{@code threshold}: a count {@code c} with {@code 1 ≤ c ≤ k − 1} is suppressed (primary suppression; with
 *       {@code showZeros = false} a zero too), more counts are suppressed until none of them can be narrowed by the
 *       published figures to an interval less than {@code k} wide (complementary suppression, {@link CellSuppression}),
 *       and a rate, standardised rate, survival or prevalence figure based on fewer than {@code m} cases is
 *       suppressed or, with {@code flagUnreliable}, shown and flagged {@code unreliable} (US Cancer Statistics: m = 16;
 *       ONS: m = 10 for an ASR).</li>
 * </ul>
 *
 * <p>Sources: ../shared/disclosure-rules.md (Statistics Norway and Denmark: no cell under 3 with secondary
 * suppression; USCS: 16; ONS: 10 and 20).
 *
 * @param name           {@code none} or {@code threshold}
 * @param minCount       k: the smallest count shown (1 for {@code none})
 * @param minRateCases   m: the fewest cases a derived figure is shown on (0 for {@code none})
 * @param showZeros      whether a count of 0 is shown (it reveals no person, but tells that a cell is empty)
 * @param flagUnreliable whether a figure on fewer than m cases is shown and flagged instead of suppressed
 */
public record DisclosureRule(String name, int minCount, int minRateCases, boolean showZeros, boolean flagUnreliable) {

    public static final String NONE = "none";
    public static final String THRESHOLD = "threshold";

    public DisclosureRule {
        if (!NONE.equals(name) && !THRESHOLD.equals(name)) {
            throw new IllegalArgumentException("disclosure rule must be 'none' or 'threshold'; got '" + name + "'");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("min-count (k) must be at least 1; got " + minCount);
        }
        if (minRateCases < 0) {
            throw new IllegalArgumentException("min-rate-cases (m) must be at least 0; got " + minRateCases);
        }
    }

    /** Publish everything. */
    public static DisclosureRule none() {
        return new DisclosureRule(NONE, 1, 0, true, false);
    }

    /** Counts from 1 to k − 1 suppressed, figures on fewer than m cases suppressed (or flagged). */
    public static DisclosureRule threshold(int k, int m, boolean showZeros, boolean flagUnreliable) {
        if (k < 2) {
            throw new IllegalArgumentException("the threshold rule needs k >= 2 (k = 1 suppresses nothing); got " + k);
        }
        return new DisclosureRule(THRESHOLD, k, m, showZeros, flagUnreliable);
    }

    /** Whether a count is suppressed by the rule itself (primary suppression). */
    public boolean isSmall(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count must be >= 0; got " + count);
        }
        return count == 0 ? !showZeros : count < minCount;
    }

    /** Whether a figure computed from {@code cases} cases falls under the m-rule. */
    public boolean isUnreliable(long cases) {
        return cases < minRateCases;
    }

    /** Whether the rule suppresses anything at all. */
    public boolean protects() {
        return THRESHOLD.equals(name);
    }

    /** The narrowest interval a suppressed count may be confined to by the published figures: k. */
    public int requiredWidth() {
        return minCount;
    }

    /** One line for the manifest and logs. */
    public String describe() {
        return protects()
                ? String.format(Locale.ROOT, "threshold k=%d m=%d zeros=%s m-rule=%s", minCount, minRateCases,
                        showZeros ? "shown" : "suppressed", flagUnreliable ? "flag" : "suppress")
                : NONE;
    }
}
