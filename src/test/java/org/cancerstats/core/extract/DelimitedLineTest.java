package org.cancerstats.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

class DelimitedLineTest {

    @Test
    void splitsOnTheDelimiterKeepingQuotedDelimitersAndEmptyFields() {
        assertThat(new DelimitedLine(';').split("a;\"b;c\";;\"d\"\"e\""))
                .containsExactly("a", "b;c", "", "d\"e");
        assertThat(new DelimitedLine(',').split("x,,")).containsExactly("x", "", "");
    }

    /** Commons CSV reads a quote inside an unquoted field as a character; an extract with one is broken. */
    @Test
    void aStrayQuoteInsideAnUnquotedFieldOrAfterAClosingQuoteIsUnreadable() {
        assertThat(new DelimitedLine(',').split("a,b\"c,d")).isNull();
        assertThat(new DelimitedLine(',').split("a,\"b\"c,d")).isNull();
        assertThat(new DelimitedLine(',').split("a,\"\",\"x\"\"y\"")).containsExactly("a", "", "x\"y");
        assertThat(new DelimitedLine(';').split("\"a;b\";c")).containsExactly("a;b", "c");
    }

    @Test
    void blankLineIsNoFieldsAndAnUnclosedQuoteIsUnreadable() {
        assertThat(new DelimitedLine(',').split("   ")).isEmpty();
        assertThat(new DelimitedLine(',').split("a,\"b,c")).isNull();
    }

    /** Lines without quotes skip the parser; they must split exactly as Commons CSV's RFC 4180 format does. */
    @Test
    void unquotedLinesSplitAsCommonsCsvSplitsThem() throws IOException {
        List<String> lines = List.of("a", ";", ";;", ";a;", " a ; b ;", "P000123;2001-02-03;C50.9;8500;3;1",
                "a|b||c", "x\ty\t", "ø;å;æ", "\u00a0;\t");
        for (char delimiter : new char[] {';', '|', '\t', ','}) {
            for (String line : lines) {
                List<String> expected = new ArrayList<>();
                CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).build();
                try (CSVParser parser = CSVParser.parse(line, format)) {
                    parser.getRecords().get(0).forEach(expected::add);
                }
                assertThat(new DelimitedLine(delimiter).split(line)).as("'%s' split on '%s'", line, delimiter)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
