package org.cancerstats.core.stats;

/** How a statistics table stores a figure. */
public final class Figures {

    private Figures() {
    }

    /** {@code value}, or null when it is NaN or infinite: a figure that could not be computed is stored as null. */
    public static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
