package org.cancerstats.core.reference;

import java.util.List;

/**
 * The rate age groups of SPEC.md section 2: 18 five-year groups 0–4 … 80–84 and 85+ (open), or the finer 20 that
 * split 85+ into 85–89, 90–94 and 95+ (Europe 2013 needs them).
 */
public enum AgeGroups {
    STANDARD(18), FINE(20);

    private final int count;

    AgeGroups(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    /** Index of the group holding {@code age}: floor(age / 5), the last group open-ended. */
    public int indexOf(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must be >= 0; got " + age);
        }
        return Math.min(age / 5, count - 1);
    }

    /** Lowest age of group {@code index}. */
    public int lower(int index) {
        return 5 * index;
    }

    /** Labels: "0-4", ..., "85+" (or "95+"). */
    public List<String> labels() {
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i == count - 1 ? (5 * i) + "+" : (5 * i) + "-" + (5 * i + 4);
        }
        return List.of(labels);
    }

    /** Index of the group whose label is {@code label} ("85+", "0-4"). */
    public int indexOfLabel(String label) {
        int at = labels().indexOf(label.trim());
        if (at < 0) {
            throw new IllegalArgumentException("'" + label + "' is not one of the " + count + " age groups " + labels());
        }
        return at;
    }
}
