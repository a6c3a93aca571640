package org.cancerstats.statistics;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.sql.Row;
import org.cancerstats.core.stats.ExpectedSurvival;

/**
 * One life table (national, or one region's) as arrays for the survival kernel, shipped to executors with the
 * task. Ages above the oldest delivered age use the oldest; a missing year, sex or age is an error naming it.
 */
final class LifeTable implements ExpectedSurvival, Serializable {
    private static final long serialVersionUID = 1L;

    private final int firstYear;
    private final int maxAge;
    private final double[][][] p; // [sex-1][year-firstYear][age]

    private LifeTable(int firstYear, int maxAge, double[][][] p) {
        this.firstYear = firstYear;
        this.maxAge = maxAge;
        this.p = p;
    }

    private String label = "the life table";

    /** From rows (year, sex, age_lower, survival_probability), not empty; {@code label} names it in errors. */
    static LifeTable of(List<Row> rows, String label) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        int oldest = 0;
        for (Row r : rows) {
            first = Math.min(first, r.getInt(0));
            last = Math.max(last, r.getInt(0));
            oldest = Math.max(oldest, r.getInt(2));
        }
        double[][][] p = new double[2][last - first + 1][oldest + 1];
        for (Row r : rows) {
            p[r.getInt(1) - 1][r.getInt(0) - first][r.getInt(2)] = r.getDouble(3);
        }
        LifeTable table = new LifeTable(first, oldest, p);
        table.label = label;
        return table;
    }

    /**
     * SPEC.md section 1: ages 0-99 for both sexes in every year from {@code firstYear} to {@code lastYear}.
     *
     * @throws IllegalStateException naming the first missing cells and how many there are
     */
    void requireCoverage(int firstYear, int lastYear) {
        List<String> missing = new java.util.ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            for (int sex = 1; sex <= 2; sex++) {
                for (int age = 0; age <= 99; age++) {
                    int y = year - this.firstYear;
                    boolean present = y >= 0 && y < p[0].length && age <= maxAge && p[sex - 1][y][age] > 0;
                    if (!present) {
                        missing.add("year=" + year + " sex=" + sex + " age=" + age);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(label + " lacks " + missing.size() + " cell(s) survival needs ("
                    + firstYear + "-" + lastYear + ", both sexes, ages 0-99): "
                    + String.join("; ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? "; ..." : ""));
        }
    }

    @Override
    public double oneYear(int sex, int age, int year) {
        int y = year - firstYear;
        int a = Math.min(age, maxAge);
        if (y < 0 || y >= p[0].length || a < 0 || p[sex - 1][y][a] == 0) {
            throw new IllegalArgumentException(label + " lacks year " + year + ", sex " + sex + ", age " + a
                    + " (survival needs every year from the first diagnosis to the last follow-up)");
        }
        return p[sex - 1][y][a];
    }
}
