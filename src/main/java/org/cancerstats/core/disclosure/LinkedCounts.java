package org.cancerstats.core.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Non-negative counts and the linear equations the published figures make between them: a total equal to the sum of
 * its parts ({@code male + female = both}, regions = national, ages = all ages, years = period, sites = group), and
 * weighted equations a published figure implies (an age-standardised rate is {@code Σ (w_a / y_a) c_a} over its age
 * groups). An outsider who knows every published figure knows every equation; a suppressed count is protected only
 * as far as the equations leave it free ({@link SuppressionAudit}).
 *
 * <p>Cells are numbered from 0 in the order they are added. A cell whose value is not known (read back from a release,
 * where it is suppressed) has value {@link #UNKNOWN}.
 */
public final class LinkedCounts {

    /** Value of a cell whose count is not known. */
    public static final long UNKNOWN = -1;

    /**
     * {@code Σ coefficients[i] · x[cells[i]] = constant}.
     *
     * @param cells        cell numbers
     * @param coefficients one per cell
     * @param constant     the right-hand side
     * @param derivedFrom  null for a sum relation of the tables' structure; otherwise the name of the published figure
     *                     the equation comes from (withholding that figure removes the equation)
     */
    public record Relation(int[] cells, double[] coefficients, double constant, String derivedFrom) {
        public Relation {
            if (cells.length != coefficients.length) {
                throw new IllegalArgumentException(cells.length + " cells but " + coefficients.length + " coefficients");
            }
        }

        /** Whether this is a total = Σ parts relation (the total first, with coefficient −1). */
        public boolean isSum() {
            return derivedFrom == null;
        }
    }

    private final String[] labels;
    private final long[] values;
    private final List<Relation> relations;
    private final int[][] relationsOf;
    private final long largest;

    private LinkedCounts(List<String> labels, long[] values, List<Relation> relations) {
        this.labels = labels.toArray(String[]::new);
        this.values = values;
        this.relations = List.copyOf(relations);
        largest = Arrays.stream(values).max().orElse(0);
        int[] degree = new int[values.length];
        for (Relation r : relations) {
            for (int c : r.cells()) {
                degree[c]++;
            }
        }
        relationsOf = new int[values.length][];
        for (int c = 0; c < values.length; c++) {
            relationsOf[c] = new int[degree[c]];
        }
        int[] filled = new int[values.length];
        for (int i = 0; i < relations.size(); i++) {
            for (int c : relations.get(i).cells()) {
                relationsOf[c][filled[c]++] = i;
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return values.length;
    }

    public long value(int cell) {
        return values[cell];
    }

    /** The largest known count (0 when none is known). */
    public long largest() {
        return Math.max(0, largest);
    }

    public String label(int cell) {
        return labels[cell];
    }

    public List<Relation> relations() {
        return relations;
    }

    /** Numbers of the relations cell {@code cell} appears in. */
    public int[] relationsOf(int cell) {
        return relationsOf[cell];
    }

    /** Collects cells and relations. */
    public static final class Builder {
        private final List<String> labels = new ArrayList<>();
        private long[] values = new long[64];
        private final List<Relation> relations = new ArrayList<>();

        /** Adds a cell: a count of at least 0, or {@link #UNKNOWN}. Returns its number. */
        public int cell(String label, long value) {
            if (value < 0 && value != UNKNOWN) {
                throw new IllegalArgumentException("count of " + label + " must be >= 0; got " + value);
            }
            if (labels.size() == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[labels.size()] = value;
            labels.add(label);
            return labels.size() - 1;
        }

        /** {@code total = Σ parts}. */
        public Builder sum(int total, int... parts) {
            if (parts.length == 0) {
                throw new IllegalArgumentException("a sum relation needs at least one part; total " + labels.get(total));
            }
            int[] cells = new int[parts.length + 1];
            double[] coefficients = new double[parts.length + 1];
            cells[0] = total;
            coefficients[0] = -1;
            for (int i = 0; i < parts.length; i++) {
                cells[i + 1] = parts[i];
                coefficients[i + 1] = 1;
            }
            relations.add(new Relation(cells, coefficients, 0, null));
            return this;
        }

        /** {@code Σ coefficients[i] · x[cells[i]] = constant}, implied by the published figure {@code derivedFrom}. */
        public Builder equation(int[] cells, double[] coefficients, double constant, String derivedFrom) {
            if (derivedFrom == null) {
                throw new IllegalArgumentException("an equation names the published figure it comes from");
            }
            relations.add(new Relation(cells.clone(), coefficients.clone(), constant, derivedFrom));
            return this;
        }

        public LinkedCounts build() {
            return new LinkedCounts(labels, Arrays.copyOf(values, labels.size()), relations);
        }
    }
}
