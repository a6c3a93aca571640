package org.cancerstats.core.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Primary and complementary suppression of linked counts under a threshold rule, audited until no small count can
 * be confined by the published figures to an interval less than k wide.
 *
 * <ol>
 *   <li><b>Primary.</b> Every count the rule calls small ({@link DisclosureRule#isSmall}) is suppressed.</li>
 *   <li><b>Sums.</b> For every sum relation {@code total = Σ parts} holding a small count: with the total
 *       published, the suppressed parts must be at least two and sum to at least k (each of them then ranges over
 *       {@code [0, Σ suppressed parts]} as far as this relation goes); with the total suppressed, at least one part
 *       must be. Missing suppressions are added one at a time, <b>the smallest published count above 0 first</b>
 *       (ties: the lowest cell number, so the result does not depend on order of arrival; a zero is never chosen, as
 *       it widens no interval); the total when no part above 0 is left. Only relations holding a small count are
 *       closed: a complementary suppression is not itself sensitive.</li>
 *   <li><b>Audit.</b> {@link SuppressionAudit} solves the linear programs. For each count still exposed through
 *       several relations: if a published figure's equation (an age-standardised rate) holds it, those figures are
 *       withheld; otherwise the smallest published count above 0 in its sum relations is suppressed (when all of
 *       those are suppressed, the nearest one in the relations of the suppressed counts joined to it; a zero only
 *       when no count above 0 is left). Then back to step 2, until the audit finds nothing.</li>
 * </ol>
 * Every round suppresses at least one more count or withholds one more figure, so the loop ends. The result is not
 * the fewest suppressions possible (finding those is NP-hard); it is a greedy pattern made safe by the exact audit.
 *
 * <p>Reference: Hundepool A. et al., Statistical Disclosure Control, Wiley 2012, ch. 4 (primary and secondary cell
 * suppression, the attacker's linear programs).
 */
public final class CellSuppression {

    /**
     * The outcome.
     *
     * @param status   what is shown of each cell
     * @param withheld names of the published figures whose equations had to be removed
     * @param rounds   audit rounds run
     * @param programs linear programs solved
     */
    public record Protection(CellStatus[] status, Set<String> withheld, int rounds, long programs) {
        public long count(CellStatus s) {
            long n = 0;
            for (CellStatus c : status) {
                if (c == s) {
                    n++;
                }
            }
            return n;
        }

        /** The counts the rule itself suppresses, which must stay at least k wide. */
        public boolean[] sensitive() {
            boolean[] out = new boolean[status.length];
            for (int i = 0; i < status.length; i++) {
                out[i] = status[i] == CellStatus.SUPPRESSED_SMALL;
            }
            return out;
        }

        public boolean[] suppressed() {
            boolean[] out = new boolean[status.length];
            for (int i = 0; i < status.length; i++) {
                out[i] = status[i].suppressed();
            }
            return out;
        }
    }

    private CellSuppression() {
    }

    /**
     * Protects {@code counts} under {@code rule}.
     *
     * @param counts        every count with its true value, and every relation the release will publish
     * @param rule          the rule set; {@code none} publishes everything
     * @param initiallyWithheld published figures already withheld (by the m-rule), whose equations do not count
     */
    public static Protection protect(LinkedCounts counts, DisclosureRule rule, Set<String> initiallyWithheld) {
        CellStatus[] status = new CellStatus[counts.size()];
        Arrays.fill(status, CellStatus.PUBLISHED);
        Set<String> withheld = new TreeSet<>(initiallyWithheld);
        if (!rule.protects()) {
            return new Protection(status, withheld, 0, 0);
        }
        Deque<Integer> changed = new ArrayDeque<>();
        for (int c = 0; c < counts.size(); c++) {
            if (counts.value(c) == LinkedCounts.UNKNOWN) {
                throw new IllegalArgumentException("the publisher needs every true count; " + counts.label(c) + " is unknown");
            }
            if (rule.isSmall(counts.value(c))) {
                status[c] = CellStatus.SUPPRESSED_SMALL;
                changed.add(c);
            }
        }
        int rounds = 0;
        long[] programs = new long[1];
        while (true) {
            closeSums(counts, rule.requiredWidth(), status, changed);
            boolean[] active = active(counts, withheld);
            Protection now = new Protection(status, withheld, rounds, programs[0]);
            List<SuppressionAudit.Interval> exposed = SuppressionAudit.exposedKnowingCounts(counts, now.suppressed(),
                    now.sensitive(), active, rule.requiredWidth(), programs);
            rounds++;
            if (exposed.isEmpty()) {
                return new Protection(status, withheld, rounds, programs[0]);
            }
            for (SuppressionAudit.Interval e : exposed) {
                if (!withholdFigures(counts, e.cell(), active, withheld)) {
                    int next = smallestPublished(counts, status, e.cell());
                    if (next < 0) {
                        throw new IllegalStateException("cannot protect " + e.label() + ": every count related to it "
                                + "is suppressed and it is still confined to [" + e.lower() + ", " + e.upper() + "]");
                    }
                    if (!status[next].suppressed()) {
                        status[next] = CellStatus.SUPPRESSED_COMPLEMENTARY;
                        changed.add(next);
                    }
                }
            }
        }
    }

    /** Which relations are still published. */
    static boolean[] active(LinkedCounts counts, Set<String> withheld) {
        List<LinkedCounts.Relation> relations = counts.relations();
        boolean[] active = new boolean[relations.size()];
        for (int r = 0; r < active.length; r++) {
            active[r] = relations.get(r).isSum() || !withheld.contains(relations.get(r).derivedFrom());
        }
        return active;
    }

    /** Withholds the figures whose equations, published at the start of the round, hold {@code cell}. */
    private static boolean withholdFigures(LinkedCounts counts, int cell, boolean[] active, Set<String> withheld) {
        boolean any = false;
        for (int r : counts.relationsOf(cell)) {
            LinkedCounts.Relation relation = counts.relations().get(r);
            if (active[r] && !relation.isSum()) {
                withheld.add(relation.derivedFrom());
                any = true;
            }
        }
        return any;
    }

    /** Step 2 for every relation of every newly suppressed cell, until nothing changes. */
    private static void closeSums(LinkedCounts counts, int width, CellStatus[] status, Deque<Integer> changed) {
        while (!changed.isEmpty()) {
            int cell = changed.poll();
            for (int r : counts.relationsOf(cell)) {
                LinkedCounts.Relation relation = counts.relations().get(r);
                if (!relation.isSum() || !holdsSmall(relation, status)) {
                    continue;
                }
                int added;
                while ((added = missingSuppression(counts, relation, width, status)) >= 0) {
                    status[added] = CellStatus.SUPPRESSED_COMPLEMENTARY;
                    changed.add(added);
                }
            }
        }
    }

    private static boolean holdsSmall(LinkedCounts.Relation relation, CellStatus[] status) {
        for (int c : relation.cells()) {
            if (status[c] == CellStatus.SUPPRESSED_SMALL) {
                return true;
            }
        }
        return false;
    }

    /** The next cell a sum relation needs suppressed, or −1 when it is protected as far as it alone goes. */
    private static int missingSuppression(LinkedCounts counts, LinkedCounts.Relation relation, int width, CellStatus[] status) {
        int[] cells = relation.cells();
        int total = cells[0];
        int suppressedParts = 0;
        long suppressedSum = 0;
        for (int i = 1; i < cells.length; i++) {
            if (status[cells[i]].suppressed()) {
                suppressedParts++;
                suppressedSum += counts.value(cells[i]);
            }
        }
        boolean totalSuppressed = status[total].suppressed();
        if (suppressedParts == 0 && !totalSuppressed) {
            return -1;
        }
        if (totalSuppressed ? suppressedParts >= 1 : suppressedParts >= 2 && suppressedSum >= width) {
            return -1;
        }
        int part = smallestPart(counts, cells, status);
        if (part >= 0) {
            return part;
        }
        return totalSuppressed || counts.value(total) == 0 ? -1 : total;
    }

    /** The published part with the smallest count above zero (a zero widens nothing); −1 when none. */
    private static int smallestPart(LinkedCounts counts, int[] cells, CellStatus[] status) {
        int best = -1;
        for (int i = 1; i < cells.length; i++) {
            int c = cells[i];
            if (!status[c].suppressed() && counts.value(c) > 0 && better(counts, c, best)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The published cell with the smallest count above zero in a sum relation of {@code cell}; when all
     * of those are suppressed, in a sum relation of the suppressed counts joined to it, nearest first; a zero (which
     * widens an interval only where a total above it is published) when no count above zero is left.
     */
    private static int smallestPublished(LinkedCounts counts, CellStatus[] status, int cell) {
        int positive = nearestPublished(counts, status, cell, 1);
        return positive >= 0 ? positive : nearestPublished(counts, status, cell, 0);
    }

    private static int nearestPublished(LinkedCounts counts, CellStatus[] status, int cell, long atLeast) {
        boolean[] visited = new boolean[counts.size()];
        List<Integer> ring = List.of(cell);
        visited[cell] = true;
        while (!ring.isEmpty()) {
            int best = -1;
            List<Integer> next = new ArrayList<>();
            for (int at : ring) {
                for (int r : counts.relationsOf(at)) {
                    LinkedCounts.Relation relation = counts.relations().get(r);
                    if (!relation.isSum()) {
                        continue;
                    }
                    for (int c : relation.cells()) {
                        if (!status[c].suppressed()) {
                            best = counts.value(c) >= atLeast && better(counts, c, best) ? c : best;
                        } else if (!visited[c]) {
                            visited[c] = true;
                            next.add(c);
                        }
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
            ring = next;
        }
        return -1;
    }

    /** Order of preference: the smaller count, then the lower cell number. */
    private static boolean better(LinkedCounts counts, int c, int best) {
        if (best < 0) {
            return true;
        }
        long v = counts.value(c);
        long b = counts.value(best);
        return v < b || (v == b && c < best);
    }
}
