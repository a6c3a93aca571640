package org.cancerstats.core.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * A span of calendar years, both ends included, such as the diagnosis period 2019-2023 of a survival cohort or the
 * pooled years 2021-2023 of the comorbidity figures.
 *
 * @param first first year
 * @param last  last year, at least {@code first}
 */
public record YearSpan(int first, int last) implements java.io.Serializable {

    public YearSpan {
        if (last < first) {
            throw new IllegalArgumentException("a year span must not end before it starts; got " + first + "-" + last);
        }
    }

    /** "2019-2023", or "2023" for one year (read as 2023-2023). */
    public static YearSpan parse(String text) {
        String t = text == null ? "" : text.trim().replace('\u2013', '-');
        try {
            int dash = t.indexOf('-', 1);
            if (dash < 0) {
                int year = Integer.parseInt(t);
                return new YearSpan(year, year);
            }
            return new YearSpan(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected years such as 2019-2023; got '" + text + "'");
        }
    }

    /** "2019-2023", or "2023" for a single year. */
    public String label() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }

    public int length() {
        return last - first + 1;
    }

    public boolean contains(int year) {
        return year >= first && year <= last;
    }

    /** Whether the span lies wholly inside {@code other}. */
    public boolean within(YearSpan other) {
        return first >= other.first && last <= other.last;
    }

    /**
     * The block of {@code length} years holding {@code year}, blocks counted back from {@code lastYear}
     * (lastYear−length+1 .. lastYear, the one before it, ...): the periods registries publish, ending with the
     * latest complete year.
     */
    public static YearSpan blockOf(int year, int lastYear, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("period length must be at least 1 year; got " + length);
        }
        if (year > lastYear) {
            throw new IllegalArgumentException("year " + year + " is after the last year " + lastYear);
        }
        int end = lastYear - ((lastYear - year) / length) * length;
        return new YearSpan(end - length + 1, end);
    }

    /**
     * The blocks of {@code length} years counted back from the last year of {@code span}, oldest first; a first block
     * that would start before the span is incomplete and is not among them (see {@link #incompleteBlock}).
     */
    public static List<YearSpan> completeBlocks(YearSpan span, int length) {
        List<YearSpan> out = new ArrayList<>();
        for (int end = span.last; end - length + 1 >= span.first; end -= length) {
            out.add(0, new YearSpan(end - length + 1, end));
        }
        return out;
    }

    /** The years of {@code span} before its first complete block of {@code length} years, or null when there are none. */
    public static YearSpan incompleteBlock(YearSpan span, int length) {
        List<YearSpan> blocks = completeBlocks(span, length);
        int firstCovered = blocks.isEmpty() ? span.last + 1 : blocks.get(0).first;
        return firstCovered > span.first ? new YearSpan(span.first, firstCovered - 1) : null;
    }

    @Override
    public String toString() {
        return label();
    }
}
