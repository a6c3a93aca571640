package org.cancerstats.core.validate;

import java.util.List;

/**
 * The verdict on one delivered record.
 *
 * @param values       typed values in {@link org.cancerstats.core.extract.Extract#tableColumns()} order
 *                     (String, Integer, Double, LocalDate or null); the person id already pseudonymised
 * @param rejections   codes of broken rules whose severity is REJECT, in rule order, each code once
 * @param warnings     codes of broken rules whose severity is WARN
 * @param details      one line per finding: code, column and the offending value (never a person id)
 * @param maskedRecord the delivered fields joined by the delimiter, the person id replaced by its pseudonym
 */
public record Outcome(Object[] values, List<String> rejections, List<String> warnings, List<String> details,
                      String maskedRecord) {

    public boolean accepted() {
        return rejections.isEmpty();
    }
}
