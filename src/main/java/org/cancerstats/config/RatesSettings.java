package org.cancerstats.config;

import com.typesafe.config.ConfigException;

/**
 * The {@code cancerstats.rates} section.
 *
 * @param confidence    level of every interval of the run (also survival's and comorbidity's), in (0, 1)
 * @param periodYears   length of the multi-year periods, counted back from the last year
 * @param truncatedAges the truncated-rate age range {lowest, highest} (35-64), or null for none
 */
public record RatesSettings(double confidence, int periodYears, int[] truncatedAges) {

    public static final String CONFIDENCE = "cancerstats.rates.confidence";
    public static final String PERIOD_YEARS = "cancerstats.rates.period-years";
    public static final String TRUNCATED_AGES = "cancerstats.rates.truncated-ages";

    public RatesSettings {
        truncatedAges = truncatedAges == null ? null : truncatedAges.clone();
    }

    static RatesSettings read(ConfigReader c) {
        double confidence = c.decimal(CONFIDENCE);
        if (!(confidence > 0 && confidence < 1)) {
            throw new ConfigException.BadValue(CONFIDENCE, "must lie in (0, 1); got " + confidence);
        }
        return new RatesSettings(confidence, c.positiveInt(PERIOD_YEARS), truncatedAges(c.string(TRUNCATED_AGES)));
    }

    @Override
    public int[] truncatedAges() {
        return truncatedAges == null ? null : truncatedAges.clone();
    }

    /** "35-64" as {35, 64}: whole 5-year groups below 85; null for "". */
    static int[] truncatedAges(String value) {
        if (value.isEmpty()) {
            return null;
        }
        ConfigException bad = new ConfigException.BadValue(TRUNCATED_AGES,
                "expected whole 5-year groups below 85 such as 35-64; got " + value);
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw bad;
        }
        int from;
        int to;
        try {
            from = Integer.parseInt(parts[0].trim());
            to = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw bad;
        }
        if (from % 5 != 0 || (to + 1) % 5 != 0 || to <= from || to > 84) {
            throw bad;
        }
        return new int[] {from, to};
    }
}
