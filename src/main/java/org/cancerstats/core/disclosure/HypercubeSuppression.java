package org.cancerstats.core.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Complementary suppression by hypercubes (Repsilber's method, GHMITER in τ-ARGUS; Giessing and Repsilber 2002):
 * fast, and safe by construction, so the publisher needs no linear program.
 *
 * <p><b>Why it is safe.</b> For every dimension d let δ_d be a vector over d's coordinates with entries in {−1, 0, 1}
 * that satisfies every split of d: {@code δ_d(parent) = Σ δ_d(children)}. Then the perturbation
 * <pre>
 *   Δ(key) = Π_d δ_d(key_d)
 * </pre>
 * keeps every sum relation of {@link CountCube}: a relation along dimension d at fixed other coordinates changes by
 * {@code Π_{e≠d} δ_e · (δ_d(parent) − Σ δ_d(children)) = 0}. Its support (the "corners", 2 or 3 coordinates per
 * dimension) is suppressed, so an outsider cannot tell the true counts from the counts moved by {@code t·Δ}, for any
 * t that keeps them ≥ 0: with the sensitive count x at Δ = +1,
 * <pre>
 *   up(Δ) = min { v_c : Δ(c) = −1 },   down(Δ) = min { v_c : Δ(c) = +1 }   (≤ x),
 * </pre>
 * and x's interval is at least {@code max_A up(A) + max_B down(B)} wide. A small count is protected when that is at
 * least k (the rule's width). A corner that is not a cell of the cube is dropped: every relation is made only of
 * cells that exist ({@link CountCube#build}), so no relation holds it. More suppression only widens intervals, so
 * a count protected stays protected as later counts are.
 *
 * <p><b>The choice.</b> For each small count, in cell order: the δ_d of each dimension are ranked by the cost of the
 * cube varying only that dimension, the best {@value #BEST_PER_DIMENSION} of each are combined, and the cheapest
 * cube (or pair of cubes, one widening up and one down) that gives width k is suppressed. The climb of each
 * dimension (every sign +1: the count and the totals above it) is always among the δ combined, so a cube that
 * moves the count up without bound is always found. The cost of a cube is
 * {@code Σ (1 + v)} over its corners still published, so small counts go before totals; already suppressed corners
 * are free. When no combination of the best gives width k, the best {@value #WIDER_SEARCH} of each are. A cell the
 * release never shows ({@link CountCube#unpublished}) is suppressed from the start, and protected when small; in a cube
 * whose absent keys are published zeros ({@link CountCube#CountCube(int, List, boolean)}) a cube with such a corner
 * gives no width. Edge cases: a count whose coordinate
 * is in no split of a dimension does not vary there; a weighted equation ({@link CountCube#equation}: an ASR) that
 * holds a suppressed count is withheld. Not minimal (that is NP-hard); the method over-suppresses somewhat, as
 * GHMITER does.
 */
public final class HypercubeSuppression {

    /** How many δ of each dimension are combined per small count. */
    static final int BEST_PER_DIMENSION = 2;

    /** How many δ of each dimension are combined when the best ones give no cube wide enough. */
    static final int WIDER_SEARCH = 6;

    private final CountCube cube;
    private final List<List<String>> keys;
    private final int dims;
    /** Coordinate values of each dimension, and their numbers. */
    private final List<Map<String, Integer>> coordinates = new ArrayList<>();
    private final long[] stride;
    /** Cell numbers by code {@code Σ coordinate_d · stride_d}. */
    private final CellIndex cellAt;
    private final int[][] coordinateOf;
    /** The valid δ of each dimension for each coordinate at +1, computed when first needed. */
    private final List<Map<Integer, List<Delta>>> deltas = new ArrayList<>();
    private final List<List<int[]>> splitRows = new ArrayList<>();

    /** One δ_d: the coordinates it moves and the sign of each; {@code at[0]} is the count's own, at +1. */
    private record Delta(int[] at, int[] sign) {
    }

    /** A cube: one δ per dimension, with what it gives and costs. */
    private record Cube(Delta[] deltas, long up, long down, double cost) {
    }

    private HypercubeSuppression(CountCube cube) {
        this.cube = cube;
        this.keys = cube.keys();
        this.dims = cube.dimensions();
        for (int d = 0; d < dims; d++) {
            coordinates.add(new LinkedHashMap<>());
            deltas.add(new HashMap<>());
        }
        for (List<String> key : keys) {
            for (int d = 0; d < dims; d++) {
                coordinates.get(d).putIfAbsent(key.get(d), coordinates.get(d).size());
            }
        }
        for (int d = 0; d < dims; d++) {
            for (Map.Entry<String, List<List<String>>> e : cube.splits(d).entrySet()) {
                coordinates.get(d).putIfAbsent(e.getKey(), coordinates.get(d).size());
            }
        }
        stride = new long[dims];
        long s = 1;
        for (int d = dims - 1; d >= 0; d--) {
            stride[d] = s;
            s = Math.multiplyExact(s, coordinates.get(d).size() + 1L);
        }
        for (int d = 0; d < dims; d++) {
            List<int[]> rows = new ArrayList<>();
            Map<String, Integer> index = coordinates.get(d);
            for (Map.Entry<String, List<List<String>>> e : cube.splits(d).entrySet()) {
                for (List<String> children : e.getValue()) {
                    // parent first, then the children; a child no cell has cannot move (-1)
                    int[] row = new int[children.size() + 1];
                    row[0] = index.get(e.getKey());
                    for (int i = 0; i < children.size(); i++) {
                        row[i + 1] = index.getOrDefault(children.get(i), -1);
                    }
                    rows.add(row);
                }
            }
            splitRows.add(rows);
        }
        coordinateOf = new int[keys.size()][];
        cellAt = new CellIndex(keys.size());
        for (int c = 0; c < keys.size(); c++) {
            int[] at = new int[dims];
            long code = 0;
            for (int d = 0; d < dims; d++) {
                at[d] = coordinates.get(d).get(keys.get(c).get(d));
                code += at[d] * stride[d];
            }
            coordinateOf[c] = at;
            cellAt.put(code, c);
        }
    }

    /**
     * Protects the counts of {@code cube} under {@code rule}: primary suppression of the small counts, then hypercubes.
     *
     * @return the status of each cell (in the cell numbers of {@link CountCube#build}), the figures withheld, one
     *         round and no linear program
     * @throws IllegalStateException when a small count cannot be protected by any cube (named)
     */
    public static CellSuppression.Protection protect(CountCube cube, DisclosureRule rule) {
        HypercubeSuppression h = new HypercubeSuppression(cube);
        CellStatus[] status = new CellStatus[h.keys.size()];
        Arrays.fill(status, CellStatus.PUBLISHED);
        if (!rule.protects()) {
            return new CellSuppression.Protection(status, Set.of(), 0, 0);
        }
        for (int c = 0; c < status.length; c++) {
            if (cube.value(c) == LinkedCounts.UNKNOWN) {
                throw new IllegalArgumentException("the publisher needs every true count; " + h.keys.get(c) + " is unknown");
            }
            if (rule.isSmall(cube.value(c))) {
                status[c] = CellStatus.SUPPRESSED_SMALL;
            } else if (cube.isUnpublished(c)) {
                status[c] = CellStatus.SUPPRESSED_COMPLEMENTARY; // never shown: a free corner
            }
        }
        for (int c = 0; c < status.length; c++) {
            if (status[c] == CellStatus.SUPPRESSED_SMALL) {
                h.protectOne(c, rule.requiredWidth(), status);
            }
        }
        Set<String> withheld = new TreeSet<>();
        for (Map.Entry<int[], String> q : cube.equationCells()) {
            if (Arrays.stream(q.getKey()).anyMatch(c -> status[c].suppressed())) {
                withheld.add(q.getValue());
            }
        }
        return new CellSuppression.Protection(status, withheld, 1, 0);
    }

    private void protectOne(int cell, int width, CellStatus[] status) {
        List<Cube> cubes = combinations(cell, BEST_PER_DIMENSION, status, width);
        Cube[] chosen = cheapest(cubes, cube.value(cell), width);
        if (chosen == null) {
            chosen = cheapest(combinations(cell, WIDER_SEARCH, status, width), cube.value(cell), width);
        }
        if (chosen == null) {
            throw new IllegalStateException("cannot protect " + String.join(" | ", keys.get(cell))
                    + ": no cube of suppressed counts around it is " + width + " wide");
        }
        for (Cube c : chosen) {
            forEachCorner(c.deltas(), (corner, sign) -> {
                if (corner >= 0 && !status[corner].suppressed()) {
                    status[corner] = CellStatus.SUPPRESSED_COMPLEMENTARY;
                }
            });
        }
    }

    /** The cheapest cube, or pair of cubes, giving {@code width}; null when none does. */
    private static Cube[] cheapest(List<Cube> cubes, long value, int width) {
        Cube single = null;
        for (Cube c : cubes) {
            if (wideEnough(c, width) && (single == null || c.cost() < single.cost())) {
                single = c;
            }
        }
        // down never exceeds the count itself; for each split of the width between down and up, the cheapest of each
        Cube[] pair = null;
        double pairCost = single == null ? Double.POSITIVE_INFINITY : single.cost();
        for (long down = 1; down <= Math.min(value, width - 1); down++) {
            Cube bestDown = null;
            Cube bestUp = null;
            for (Cube c : cubes) {
                if (c.down() >= down && (bestDown == null || c.cost() < bestDown.cost())) {
                    bestDown = c;
                }
                if (sat(c.up(), width - down) && (bestUp == null || c.cost() < bestUp.cost())) {
                    bestUp = c;
                }
            }
            if (bestDown != null && bestUp != null && bestDown.cost() + bestUp.cost() < pairCost) {
                pairCost = bestDown.cost() + bestUp.cost();
                pair = new Cube[] {bestDown, bestUp};
            }
        }
        return pair != null ? pair : single == null ? null : new Cube[] {single};
    }

    private static boolean wideEnough(Cube c, long width) {
        return c.up() == Long.MAX_VALUE || c.up() + c.down() >= width;
    }

    private static boolean sat(long have, long need) {
        return have >= need || have == Long.MAX_VALUE;
    }

    /**
     * Every combination of the {@code best} δ of each dimension, evaluated, in a fixed order; the evaluation stops at
     * the first cube that gives {@code width} at no cost (every corner suppressed already), which is the cube the
     * whole list would have given ({@link #cheapest} takes the first of the cheapest, and no pair costs less than 0).
     * Where earlier suppressions already protect a count this saves most of the search.
     */
    private List<Cube> combinations(int cell, int best, CellStatus[] status, long width) {
        int[] at = coordinateOf[cell];
        List<List<Delta>> options = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            List<Delta> valid = validDeltas(d, at[d]);
            if (valid.isEmpty()) {
                return List.of();
            }
            if (valid.size() > best) {
                int dimension = d;
                Map<Delta, Double> score = new HashMap<>();
                for (Delta delta : valid) {
                    Delta[] alone = unitDeltas(at);
                    alone[dimension] = delta;
                    Cube c = evaluate(cell, alone, status);
                    // a δ whose line gives no width at all ranks last
                    score.put(delta, c.cost() + (c.up() == 0 && c.down() == 0 ? 1e12 : 0) - Math.min(c.up(), 1_000_000) * 1e-6);
                }
                List<Delta> ranked = valid.stream().sorted(Comparator.comparingDouble(score::get)).limit(best).toList();
                // the climb to the totals (every sign +1) is always among them: its cube moves the count up without
                // bound, so every small count has at least one cube that protects it
                Delta climb = valid.stream().filter(HypercubeSuppression::climbs).findFirst().orElse(null);
                if (climb != null && !ranked.contains(climb)) {
                    ranked = new ArrayList<>(ranked);
                    ranked.add(climb);
                }
                valid = ranked;
            }
            options.add(valid);
        }
        List<Cube> out = new ArrayList<>();
        Delta[] current = new Delta[dims];
        combine(cell, options, 0, current, status, width, out);
        return out;
    }

    /** Adds the cubes of {@code options} from dimension d on; true when it stopped at a cube that costs nothing. */
    private boolean combine(int cell, List<List<Delta>> options, int d, Delta[] current, CellStatus[] status, long width,
                            List<Cube> out) {
        if (d == dims) {
            Cube c = evaluate(cell, current.clone(), status);
            out.add(c);
            return c.cost() == 0 && wideEnough(c, width);
        }
        for (Delta delta : options.get(d)) {
            current[d] = delta;
            if (combine(cell, options, d + 1, current, status, width, out)) {
                return true;
            }
        }
        return false;
    }

    private static boolean climbs(Delta delta) {
        return Arrays.stream(delta.sign()).allMatch(x -> x > 0);
    }

    private Delta[] unitDeltas(int[] at) {
        Delta[] out = new Delta[dims];
        for (int d = 0; d < dims; d++) {
            out[d] = new Delta(new int[] {at[d]}, new int[] {1});
        }
        return out;
    }

    private Cube evaluate(int cell, Delta[] chosen, CellStatus[] status) {
        long[] up = {Long.MAX_VALUE};
        long[] down = {Long.MAX_VALUE};
        double[] cost = {0};
        forEachCorner(chosen, (corner, sign) -> {
            if (corner < 0) { // a published 0 of a table without its empty strata: it pins the cube both ways
                up[0] = 0;
                down[0] = 0;
                return;
            }
            long v = cube.value(corner);
            if (sign < 0) {
                up[0] = Math.min(up[0], v);
            } else {
                down[0] = Math.min(down[0], v);
            }
            if (!status[corner].suppressed()) {
                cost[0] += 1 + v;
            }
        });
        return new Cube(chosen, up[0], down[0], cost[0]);
    }

    private interface CornerVisitor {
        void visit(int corner, int sign);
    }

    /**
     * Visits every corner of the cube that is a cell, with its sign; a corner that is no cell is skipped, or visited
     * as −1 when the cube's absent keys are published zeros.
     */
    private void forEachCorner(Delta[] chosen, CornerVisitor visitor) {
        corners(chosen, 0, 0, 1, visitor);
    }

    private void corners(Delta[] chosen, int d, long code, int sign, CornerVisitor visitor) {
        if (d == dims) {
            int c = cellAt.get(code);
            if (c >= 0 || cube.absentIsZero()) {
                visitor.visit(c, sign);
            }
            return;
        }
        Delta delta = chosen[d];
        for (int i = 0; i < delta.at().length; i++) {
            corners(chosen, d + 1, code + delta.at()[i] * stride[d], sign * delta.sign()[i], visitor);
        }
    }

    /**
     * Cell numbers by code, in open addressing over primitive arrays: every cube evaluated looks up each of its
     * corners (up to 3^6), billions of look-ups for a national release. A {@code HashMap<Long, Integer>} spent most
     * of the publisher's time there (boxing, and bins that had turned into trees); here a probe is a multiply, a
     * shift and an array read.
     */
    private static final class CellIndex {
        private final long[] codes;
        private final int[] cells;
        private final int shift;

        CellIndex(int expected) {
            int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(Math.max(1, expected * 2L - 1))); // load ≤ 1/2
            codes = new long[1 << bits];
            cells = new int[1 << bits];
            Arrays.fill(cells, -1);
            shift = 64 - bits;
        }

        /** Fibonacci hashing: the top bits of the code times 2^64 / φ. */
        private int slot(long code) {
            return (int) ((code * 0x9E3779B97F4A7C15L) >>> shift);
        }

        void put(long code, int cell) {
            int mask = cells.length - 1;
            int i = slot(code);
            while (cells[i] >= 0 && codes[i] != code) {
                i = (i + 1) & mask;
            }
            codes[i] = code;
            cells[i] = cell;
        }

        /** The cell of the code, or −1. */
        int get(long code) {
            int mask = cells.length - 1;
            for (int i = slot(code); cells[i] >= 0; i = (i + 1) & mask) {
                if (codes[i] == code) {
                    return cells[i];
                }
            }
            return -1;
        }
    }

    /** The δ of dimension d with the coordinate at +1 that satisfy every split of d: support 1, else 2 and 3. */
    private List<Delta> validDeltas(int d, int coordinate) {
        return deltas.get(d).computeIfAbsent(coordinate, v -> {
            int n = coordinates.get(d).size();
            List<Delta> out = new ArrayList<>();
            if (satisfies(d, new int[] {v}, new int[] {1})) {
                out.add(new Delta(new int[] {v}, new int[] {1}));
                return out;
            }
            for (int w = 0; w < n; w++) {
                for (int s : new int[] {-1, 1}) {
                    if (w != v && satisfies(d, new int[] {v, w}, new int[] {1, s})) {
                        out.add(new Delta(new int[] {v, w}, new int[] {1, s}));
                    }
                }
            }
            // with 3: a count whose climb to the totals passes a coordinate of two splits (rectum → colorectal → all)
            for (int w = 0; w < n; w++) {
                for (int u = w + 1; u < n; u++) {
                    for (int s : new int[] {-1, 1}) {
                        for (int t : new int[] {-1, 1}) {
                            if (w != v && u != v && satisfies(d, new int[] {v, w, u}, new int[] {1, s, t})) {
                                out.add(new Delta(new int[] {v, w, u}, new int[] {1, s, t}));
                            }
                        }
                    }
                }
            }
            if (out.stream().noneMatch(HypercubeSuppression::climbs)) {
                Delta climb = climb(d, v);
                if (climb != null) {
                    out.add(climb);
                }
            }
            return out;
        });
    }

    /**
     * The climb of a coordinate to the totals when it has more than three coordinates: the coordinate, every parent
     * above it and, for each of those that is a parent in a split none of whose children moves, that split's last
     * child, all at +1 (prevalence's nested durations: 1 year, 3, 5, 10, complete, each the one before and a band);
     * null when that δ breaks a split.
     */
    private Delta climb(int d, int coordinate) {
        Set<Integer> above = new TreeSet<>(List.of(coordinate));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int[] row : splitRows.get(d)) {
                boolean childIn = false;
                for (int i = 1; i < row.length; i++) {
                    childIn |= above.contains(row[i]);
                }
                if (childIn && above.add(row[0])) {
                    grew = true;
                } else if (!childIn && above.contains(row[0]) && row[row.length - 1] >= 0) {
                    grew |= above.add(row[row.length - 1]); // a parent moves with one child: the split's last
                }
            }
        }
        int[] at = new int[above.size()];
        at[0] = coordinate;
        int i = 1;
        for (int c : above) {
            if (c != coordinate) {
                at[i++] = c;
            }
        }
        int[] sign = new int[at.length];
        Arrays.fill(sign, 1);
        return satisfies(d, at, sign) ? new Delta(at, sign) : null;
    }

    private boolean satisfies(int d, int[] at, int[] sign) {
        for (int[] row : splitRows.get(d)) {
            int balance = signAt(row[0], at, sign);
            for (int i = 1; i < row.length; i++) {
                balance -= signAt(row[i], at, sign);
            }
            if (balance != 0) {
                return false;
            }
        }
        return true;
    }

    private static int signAt(int coordinate, int[] at, int[] sign) {
        for (int i = 0; i < at.length; i++) {
            if (at[i] == coordinate) {
                return sign[i];
            }
        }
        return 0;
    }
}
