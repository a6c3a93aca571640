package org.cancerstats.core.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one line of a delimited extract into fields, with RFC 4180 quoting ({@code "a;b"} is one field,
 * {@code ""} inside quotes is a quote), by Apache Commons CSV.
 *
 * <p>Registry extracts hold one record per line; a field with a line break inside quotes is not supported
 * and shows up as a malformed record (rule V01) on both lines.
 */
public final class DelimitedLine {

    private final CSVFormat format;

    public DelimitedLine(char delimiter) {
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator("\n").build();
    }

    /**
     * The fields of a line; an empty list for a blank line; null when the quoting is broken (an unclosed quote).
     */
    public List<String> split(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        try (CSVParser parser = CSVParser.parse(line, format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                return null;
            }
            List<String> fields = new ArrayList<>(records.get(0).size());
            records.get(0).forEach(fields::add);
            return fields;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }
}
