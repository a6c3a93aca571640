package org.cancerstats.config;

import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * How one extract's CSV files are read.
 *
 * @param delimiter   ";" or ","; null to detect it from the header line
 * @param encoding    character set of the files (UTF-8 or ISO-8859-1)
 * @param datePattern java.time date pattern
 */
public record CsvOptions(String delimiter, String encoding, String datePattern) implements Serializable {

    public CsvOptions {
        if (delimiter != null && delimiter.length() != 1) {
            throw new IllegalArgumentException("CSV delimiter must be one character or 'auto'; got '" + delimiter + "'");
        }
        Charset.forName(encoding); // fails early on an unknown encoding, naming it
    }

    /** The delimiter of a file whose header line is {@code header}: the configured one, else ";" or ",". */
    public String delimiterFor(String header) {
        if (delimiter != null) {
            return delimiter;
        }
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ";" : ",";
    }
}
