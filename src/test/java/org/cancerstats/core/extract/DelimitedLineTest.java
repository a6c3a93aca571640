package org.cancerstats.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelimitedLineTest {

    @Test
    void splitsOnTheDelimiterKeepingQuotedDelimitersAndEmptyFields() {
        assertThat(new DelimitedLine(';').split("a;\"b;c\";;\"d\"\"e\""))
                .containsExactly("a", "b;c", "", "d\"e");
        assertThat(new DelimitedLine(',').split("x,,")).containsExactly("x", "", "");
    }

    @Test
    void blankLineIsNoFieldsAndAnUnclosedQuoteIsUnreadable() {
        assertThat(new DelimitedLine(',').split("   ")).isEmpty();
        assertThat(new DelimitedLine(',').split("a,\"b,c")).isNull();
    }
}
