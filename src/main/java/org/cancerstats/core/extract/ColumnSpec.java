package org.cancerstats.core.extract;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One column of an extract as the contract (SPEC.md section 1) defines it.
 *
 * @param name     the column name in the delivered file header (case-insensitive)
 * @param aliases  other header names accepted for the same column (e.g. {@code age} for {@code age_group})
 * @param type     how the value is parsed
 * @param required whether a missing column rejects the file and a blank value quarantines the row
 * @param codes    allowed values for {@link ColumnType#INT_CODE} and {@link ColumnType#TEXT_CODE}; an empty set
 *                 on a TEXT_CODE column means the configured list (chronic conditions, {@code conf/conditions.csv})
 * @param min      lowest allowed value for INTEGER columns
 * @param max      highest allowed value for INTEGER columns
 * @param pastOnly  whether a value after the run date's year is out of range (the observed years; not a projection's)
 * @param comment  the catalog comment analysts see in {@code DESCRIBE TABLE}
 */
public record ColumnSpec(String name, List<String> aliases, ColumnType type, boolean required, Set<String> codes,
                         int min, int max, boolean pastOnly, String comment) {

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        aliases = List.copyOf(aliases);
        codes = Set.copyOf(codes);
        if (min > max) {
            throw new IllegalArgumentException("column " + name + ": min " + min + " > max " + max);
        }
    }

    static ColumnSpec required(String name, ColumnType type, String comment) {
        return new ColumnSpec(name, List.of(), type, true, Set.of(), Integer.MIN_VALUE, Integer.MAX_VALUE, false, comment);
    }

    static ColumnSpec optional(String name, ColumnType type, String comment) {
        return new ColumnSpec(name, List.of(), type, false, Set.of(), Integer.MIN_VALUE, Integer.MAX_VALUE, false, comment);
    }

    ColumnSpec withCodes(String... allowed) {
        return new ColumnSpec(name, aliases, type, required, Set.of(allowed), min, max, pastOnly, comment);
    }

    ColumnSpec withRange(int low, int high) {
        return new ColumnSpec(name, aliases, type, required, codes, low, high, pastOnly, comment);
    }

    /** A year no later than the run date's: an observed year, not a projected one. */
    ColumnSpec observedYear() {
        return new ColumnSpec(name, aliases, type, required, codes, min, max, true, comment);
    }

    ColumnSpec withAlias(String alias) {
        return new ColumnSpec(name, List.of(alias), type, required, codes, min, max, pastOnly, comment);
    }

    /** True when {@code header} (trimmed, any case) names this column. */
    public boolean matches(String header) {
        String h = header.trim();
        return name.equalsIgnoreCase(h) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(h));
    }
}
