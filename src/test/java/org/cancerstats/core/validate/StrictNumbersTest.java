package org.cancerstats.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers are read as a statistics office writes them, not as Java's parsers would also read them. */
class StrictNumbersTest {

    private static final ValidationSettings SETTINGS = new ValidationSettings("yyyy-MM-dd", LocalDate.of(2026, 11, 22),
            Set.of("asthma"), Map.of(), false);
    private static final List<String> HEADER = List.of("year", "sex", "age", "region", "population");

    private static Outcome population(String sex, String count) {
        return RecordValidator.forHeader(Extract.POPULATION, HEADER, SETTINGS, id -> id, ",")
                .validate(List.of("2020", sex, "40", "Nord", count));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12d", "0.99d", "100D", "0x1p3", "1e3", "1E3", "١٢", "12 5", "Infinity", "NaN"})
    void countsWithSuffixesExponentsOrForeignDigitsAreUnparseable(String count) {
        assertThat(population("1", count).rejections()).containsExactly("V03");
    }

    @Test
    void codesInOtherScriptsAreRefusedAndFractionalCountsFlagged() {
        assertThat(population("١", "100").rejections()).as("Arabic-Indic one").isNotEmpty();
        assertThat(population("1", "100").accepted()).isTrue();
        assertThat(population("1", "100.0").warnings()).isEmpty();
        Outcome fraction = population("1", "12.5");
        assertThat(fraction.accepted()).isTrue();
        assertThat(fraction.warnings()).containsExactly("V21");
        assertThat(population("1", "-3").rejections()).containsExactly("V09");
    }
}
