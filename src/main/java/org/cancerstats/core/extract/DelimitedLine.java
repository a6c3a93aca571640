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
    private final char delimiter;

    public DelimitedLine(char delimiter) {
        this.delimiter = delimiter;
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator("\n").build();
    }

    /**
     * The fields of a line; an empty list for a blank line; null when the quoting is broken (an unclosed quote).
     */
    public List<String> split(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        if (line.indexOf('"') < 0 && line.indexOf('\r') < 0 && line.indexOf('\n') < 0) {
            // Nothing quoted: RFC 4180 reads the fields between delimiters as they are. Most lines take this
            // path, which is several times faster than making a parser per line.
            return plainFields(line);
        }
        if (!wellQuoted(line)) {
            return null;
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

    /**
     * Whether every quote of the line belongs to RFC 4180 quoting: a field is either unquoted, with no quote in it, or
     * wholly quoted, with inner quotes doubled. Commons CSV takes a stray quote inside an unquoted field ({@code
     * ab"c}) as a character; a registry extract with one is broken and its line is reported, not read.
     */
    boolean wellQuoted(String line) {
        boolean fieldStart = true;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i++; // a doubled quote inside the field
                    } else if (i + 1 == line.length() || line.charAt(i + 1) == delimiter) {
                        quoted = false;
                    } else {
                        return false; // text after the closing quote
                    }
                }
            } else if (c == delimiter) {
                fieldStart = true;
                continue;
            } else if (c == '"') {
                if (!fieldStart) {
                    return false; // a quote inside an unquoted field
                }
                quoted = true;
            }
            fieldStart = false;
        }
        return !quoted;
    }

    private List<String> plainFields(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, start)) {
            fields.add(line.substring(start, at));
            start = at + 1;
        }
        fields.add(line.substring(start));
        return fields;
    }
}
