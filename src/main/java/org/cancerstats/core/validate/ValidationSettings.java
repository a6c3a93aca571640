package org.cancerstats.core.validate;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the validator needs besides the record: the date pattern, the day the run counts as "today", the
 * configured chronic-condition codes and the rule severities.
 *
 * @param datePattern  a {@link java.time.format.DateTimeFormatter} pattern, e.g. {@code yyyy-MM-dd} or {@code dd.MM.yyyy}
 * @param runDate      dates after this day are out of range (rule V07)
 * @param conditions   allowed chronic-condition codes, lower case
 * @param severities   severity per rule; rules not in the map keep their default
 * @param decimalComma whether a comma may stand for the decimal point (files delimited by semicolons)
 * @param openTopAge   a single age that stands for itself and over (100 when a delivery's "100" means 100+), or
 *                     null when only a band marked open ("100+") is open-ended
 */
public record ValidationSettings(String datePattern, LocalDate runDate, Set<String> conditions,
                                 Map<Rule, Severity> severities, boolean decimalComma, Integer openTopAge)
        implements Serializable {

    /** With no open top age. */
    public ValidationSettings(String datePattern, LocalDate runDate, Set<String> conditions, Map<Rule, Severity> severities,
                              boolean decimalComma) {
        this(datePattern, runDate, conditions, severities, decimalComma, null);
    }

    public ValidationSettings {
        Objects.requireNonNull(datePattern, "datePattern");
        Objects.requireNonNull(runDate, "runDate");
        conditions = Set.copyOf(conditions);
        EnumMap<Rule, Severity> all = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            all.put(r, severities.getOrDefault(r, r.defaultSeverity()));
        }
        severities = Map.copyOf(all);
    }

    public Severity severity(Rule rule) {
        return severities.get(rule);
    }

    public ValidationSettings withDecimalComma(boolean comma) {
        return new ValidationSettings(datePattern, runDate, conditions, severities, comma, openTopAge);
    }

    public ValidationSettings withDatePattern(String pattern) {
        return new ValidationSettings(pattern, runDate, conditions, severities, decimalComma, openTopAge);
    }
}
