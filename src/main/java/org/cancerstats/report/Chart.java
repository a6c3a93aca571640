package org.cancerstats.report;

import java.util.List;

/**
 * One chart of a report page and the numbers it draws, written into the page as JSON: {@code report.js} draws the
 * chart with ECharts and the table and CSV under it from the same record, so the table shows exactly what is drawn.
 *
 * @param id       unique on the page (also the CSV file's name)
 * @param title    heading
 * @param kind     {@code line} (numeric x, years), {@code category} (lines over categories such as age groups),
 *                 {@code bar}, {@code pyramid} (male left, female right), {@code interval} (a point and its 95%
 *                 interval per category) or {@code spark} (a small trend without axes)
 * @param xTitle   the x axis (and the first column of the table)
 * @param yTitle   the y axis
 * @param logY     whether the y axis is logarithmic
 * @param digits   decimals the table shows (the CSV has every digit)
 * @param variants what the reader can choose between (a standard population, a sex); the first is shown first
 * @param note     a sentence under the chart, or null
 */
public record Chart(String id, String title, String kind, String xTitle, String yTitle, boolean logY, int digits,
                    List<Variant> variants, String note) {

    public Chart {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("chart " + id + " has nothing to draw");
        }
        variants = List.copyOf(variants);
    }

    /** The figures of one choice, e.g. the ASRs with the European standard. */
    public record Variant(String label, List<Series> series) {
        public Variant {
            series = List.copyOf(series);
        }
    }

    /**
     * One line, set of bars or set of points.
     *
     * @param style {@code solid}, {@code dashed} (a projection), or {@code band} (solid with its 95% interval drawn
     *              as a shaded band)
     */
    public record Series(String name, String style, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * One value. A value that is null with a {@code reason} is a gap (suppressed or unreliable), drawn as a mark on the
     * axis whose tooltip gives the reason, and shown as "–" with the reason in the table; never as a zero.
     *
     * @param x      a year (number) or a category (text)
     * @param y      the value, or null
     * @param lower  lower 95% limit, or null
     * @param upper  upper 95% limit, or null
     * @param reason why the value is not shown, or null
     */
    public record Point(Object x, Double y, Double lower, Double upper, String reason) {
        static Point of(Object x, Double y) {
            return new Point(x, y, null, null, null);
        }
    }

    /** Whether any variant has anything to draw. */
    boolean empty() {
        return variants.stream().allMatch(v -> v.series().stream().allMatch(s -> s.points().isEmpty()));
    }
}
