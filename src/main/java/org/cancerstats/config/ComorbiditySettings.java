package org.cancerstats.config;

import java.util.List;

import org.cancerstats.core.reference.YearSpan;

/**
 * The {@code cancerstats.comorbidity} section.
 *
 * @param lookbackYears look-back window in years, or null for any onset before diagnosis
 * @param periodYears   length of the periods counted back from the last diagnosis year
 * @param periods       pooled diagnosis years besides single years and the blocks ("2021-2023")
 * @param standard      name of the standard population of the age-standardised prevalences
 */
public record ComorbiditySettings(Integer lookbackYears, int periodYears, List<YearSpan> periods, String standard) {

    public static final String LOOKBACK_YEARS = "cancerstats.comorbidity.lookback-years";
    public static final String PERIOD_YEARS = "cancerstats.comorbidity.period-years";
    public static final String PERIODS = "cancerstats.comorbidity.periods";
    public static final String STANDARD = "cancerstats.comorbidity.standard";

    public ComorbiditySettings {
        periods = List.copyOf(periods);
    }

    static ComorbiditySettings read(ConfigReader c) {
        return new ComorbiditySettings(c.optionalInt(LOOKBACK_YEARS), c.positiveInt(PERIOD_YEARS), c.yearSpans(PERIODS),
                c.string(STANDARD));
    }
}
