package org.cancerstats.core.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts keyed by their coordinates in a few dimensions (period, sex, region, age, site, ...), with the dimensions'
 * hierarchies: a coordinate that is the sum of others ({@code both = male + female}, {@code 2019-2023} = its five
 * years, {@code national} = the regions, {@code all} ages = the age groups, a site group = its sites). The sum
 * relations of {@link LinkedCounts} are made from the hierarchies: for every cell whose coordinate in a dimension is
 * a parent there, {@code cell = Σ} the cells with that coordinate replaced by each child.
 *
 * <p>A relation is made only when every child cell is present; when all its counts are known it must hold (a
 * count left out of a total, such as cases in an age group without person-years, breaks it, and the relation is
 * then not one the release implies). The same key given twice must carry the same count.
 */
public final class CountCube {

    /** One way a parent coordinate of dimension {@code dimension} splits into children. */
    public record Split(int dimension, String parent, List<String> children) {
        public Split {
            children = List.copyOf(children);
        }
    }

    private final int dimensions;
    private final LinkedCounts.Builder builder = LinkedCounts.builder();
    private final Map<List<String>, Integer> cells = new LinkedHashMap<>();
    private final List<Long> values = new ArrayList<>();
    private final Map<Integer, Map<String, List<List<String>>>> splits = new HashMap<>();
    private final List<Equation> equations = new ArrayList<>();
    private final boolean absentIsZero;
    private final java.util.BitSet unpublished = new java.util.BitSet();

    /** A weighted equation kept until {@link #build}, so that the sums come first. */
    private record Equation(int[] cells, double[] coefficients, double constant, String derivedFrom) {
    }

    public CountCube(int dimensions, List<Split> hierarchy) {
        this(dimensions, hierarchy, false);
    }

    /** @param absentIsZero whether a key that is not a cell is a published 0 (a table without its empty strata) */
    public CountCube(int dimensions, List<Split> hierarchy, boolean absentIsZero) {
        this.dimensions = dimensions;
        this.absentIsZero = absentIsZero;
        for (Split s : hierarchy) {
            if (s.dimension() < 0 || s.dimension() >= dimensions) {
                throw new IllegalArgumentException("dimension " + s.dimension() + " outside 0.." + (dimensions - 1));
            }
            splits.computeIfAbsent(s.dimension(), d -> new HashMap<>())
                    .computeIfAbsent(s.parent(), p -> new ArrayList<>()).add(s.children());
        }
    }

    /** The cell of {@code key}, added with {@code value} (or {@link LinkedCounts#UNKNOWN}) the first time. */
    public int cell(List<String> key, long value) {
        if (key.size() != dimensions) {
            throw new IllegalArgumentException("key " + key + " has " + key.size() + " coordinates, not " + dimensions);
        }
        Integer at = cells.get(key);
        if (at != null) {
            long before = values.get(at);
            if (before != value && before != LinkedCounts.UNKNOWN && value != LinkedCounts.UNKNOWN) {
                throw new IllegalArgumentException(key + " is given as " + before + " and as " + value);
            }
            if (before == LinkedCounts.UNKNOWN && value != LinkedCounts.UNKNOWN) {
                throw new IllegalArgumentException(key + " is known in one table and suppressed in another");
            }
            return at;
        }
        List<String> copy = List.copyOf(key);
        int c = builder.cell(String.join(" | ", copy), value);
        cells.put(copy, c);
        values.add(value);
        return c;
    }

    /**
     * Marks a cell the release never shows (it is suppressed from the start), but that the published counts imply
     * through the sums: the publisher protects it like any count when it is small.
     */
    public void unpublished(int cell) {
        if (cell < 0 || cell >= values.size()) {
            throw new IllegalArgumentException("no cell " + cell + " (there are " + values.size() + ")");
        }
        unpublished.set(cell);
    }

    /** Whether {@link #unpublished} was called for the cell. */
    boolean isUnpublished(int cell) {
        return unpublished.get(cell);
    }

    /** Whether a key that is not a cell is a published 0. */
    boolean absentIsZero() {
        return absentIsZero;
    }

    /** A weighted equation implied by a published figure (see {@link LinkedCounts.Builder#equation}). */
    public void equation(int[] cellNumbers, double[] coefficients, double constant, String derivedFrom) {
        equations.add(new Equation(cellNumbers, coefficients, constant, derivedFrom));
    }

    /** How many coordinates a key has. */
    int dimensions() {
        return dimensions;
    }

    /** The keys in cell-number order. */
    List<List<String>> keys() {
        return List.copyOf(cells.keySet());
    }

    /** The true count of each cell, in cell-number order. */
    long value(int cell) {
        return values.get(cell);
    }

    /** The ways each parent coordinate of {@code dimension} splits, by parent. */
    Map<String, List<List<String>>> splits(int dimension) {
        return splits.getOrDefault(dimension, Map.of());
    }

    /** For each equation added, its cells and the figure it is derived from. */
    List<Map.Entry<int[], String>> equationCells() {
        return equations.stream().map(q -> Map.entry(q.cells(), q.derivedFrom() == null ? "" : q.derivedFrom())).toList();
    }

    /** The cells with the sum relations of the hierarchy and the equations added. */
    public LinkedCounts build() {
        for (Map.Entry<List<String>, Integer> e : cells.entrySet()) {
            List<String> key = e.getKey();
            for (int d = 0; d < dimensions; d++) {
                List<List<String>> ways = splits.getOrDefault(d, Map.of()).get(key.get(d));
                if (ways == null) {
                    continue;
                }
                for (List<String> children : ways) {
                    addSum(e.getValue(), key, d, children);
                }
            }
        }
        for (Equation q : equations) {
            builder.equation(q.cells(), q.coefficients(), q.constant(), q.derivedFrom());
        }
        return builder.build();
    }

    private void addSum(int total, List<String> key, int dimension, List<String> children) {
        List<Integer> present = new ArrayList<>();
        long sum = 0;
        boolean allKnown = values.get(total) != LinkedCounts.UNKNOWN;
        for (String coordinate : children) {
            List<String> child = new ArrayList<>(key);
            child.set(dimension, coordinate);
            Integer c = cells.get(child);
            if (c == null) {
                if (absentIsZero) {
                    continue; // a published 0: it adds nothing to the sum
                }
                return;
            }
            present.add(c);
            long v = values.get(c);
            allKnown &= v != LinkedCounts.UNKNOWN;
            sum += v;
        }
        if (present.isEmpty() || allKnown && sum != values.get(total)) {
            return; // (no child present: a table's total over strata all empty, which no table lists)
        }
        builder.sum(total, present.stream().mapToInt(Integer::intValue).toArray());
    }
}
