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

    /** A weighted equation kept until {@link #build}, so that the sums come first. */
    private record Equation(int[] cells, double[] coefficients, double constant, String derivedFrom) {
    }

    public CountCube(int dimensions, List<Split> hierarchy) {
        this.dimensions = dimensions;
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
        int[] parts = new int[children.size()];
        long sum = 0;
        boolean allKnown = values.get(total) != LinkedCounts.UNKNOWN;
        for (int i = 0; i < parts.length; i++) {
            List<String> child = new ArrayList<>(key);
            child.set(dimension, children.get(i));
            Integer c = cells.get(child);
            if (c == null) {
                return;
            }
            parts[i] = c;
            long v = values.get(c);
            allKnown &= v != LinkedCounts.UNKNOWN;
            sum += v;
        }
        if (allKnown && sum != values.get(total)) {
            return;
        }
        builder.sum(total, parts);
    }
}
