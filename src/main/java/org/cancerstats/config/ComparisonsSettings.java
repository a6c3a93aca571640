package org.cancerstats.config;

import com.typesafe.config.ConfigException;

/**
 * The {@code cancerstats.comparisons} section (regional ratios and inequality, docs/methods.md).
 *
 * @param unknownEducationLimit share of a stratum's cases of unknown education above which its inequality row is
 *                              flagged ({@code unknown_education_flag}), in [0, 1]
 */
public record ComparisonsSettings(double unknownEducationLimit) {

    public static final String UNKNOWN_EDUCATION_LIMIT = "cancerstats.comparisons.unknown-education-limit";

    static ComparisonsSettings read(ConfigReader c) {
        double limit = c.decimal(UNKNOWN_EDUCATION_LIMIT);
        if (!(limit >= 0 && limit <= 1)) {
            throw new ConfigException.BadValue(UNKNOWN_EDUCATION_LIMIT, "a share in [0, 1]; got " + limit);
        }
        return new ComparisonsSettings(limit);
    }
}
