package org.cancerstats.config;

import java.util.List;
import java.util.function.Function;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;

import org.cancerstats.core.reference.YearSpan;

/**
 * Reads typed values of the resolved configuration; a bad value is a {@link ConfigException.BadValue} naming the key
 * and the value, whatever layer (file, --conf, environment) it came from.
 */
final class ConfigReader {

    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    String string(String key) {
        return config.getString(key).trim();
    }

    double decimal(String key) {
        return config.getDouble(key);
    }

    int integer(String key) {
        return config.getInt(key);
    }

    boolean bool(String key) {
        return config.getBoolean(key);
    }

    int positiveInt(String key) {
        int value = config.getInt(key);
        if (value < 1) {
            throw new ConfigException.BadValue(key, "must be at least 1; got " + value);
        }
        return value;
    }

    /** A whole number, or null when the value is empty. */
    Integer optionalInt(String key) {
        String value = string(key);
        try {
            return value.isEmpty() ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ConfigException.BadValue(key, "expected a whole number or empty; got " + value);
        }
    }

    /** A list setting: a list in a file, or "a,b" (or "" for none) from --conf key=value. */
    List<String> stringList(String key) {
        return config.getValue(key).valueType() == ConfigValueType.LIST
                ? config.getStringList(key)
                : java.util.Arrays.stream(config.getString(key).replace("[", "").replace("]", "").split(","))
                        .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    int[] intList(String key) {
        return config.getIntList(key).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Year spans ("2019-2023") of a list setting, each checked, the bad one named with its key. */
    List<YearSpan> yearSpans(String key) {
        return stringList(key).stream().map(v -> parsed(key, v, YearSpan::parse)).toList();
    }

    /** A year span, or null when the value is empty. */
    YearSpan optionalYearSpan(String key) {
        String value = string(key);
        return value.isEmpty() ? null : parsed(key, value, YearSpan::parse);
    }

    /** {@code parser} applied to {@code value} of {@code key}; its complaint becomes an error naming the key. */
    static <T> T parsed(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ConfigException.BadValue(key, e.getMessage());
        }
    }
}
