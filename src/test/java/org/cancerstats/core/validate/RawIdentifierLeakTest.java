package org.cancerstats.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;

/** No raw person id reaches a stored record or a message, whatever column or line it arrives in. */
class RawIdentifierLeakTest {

    private static final ValidationSettings SETTINGS = new ValidationSettings("yyyy-MM-dd", LocalDate.of(2026, 11, 22),
            Set.of("asthma"), Map.of(), false);
    private static final List<String> HEADER = List.of("patient_id", "tumour_id", "sex", "date_of_birth", "date_of_diagnosis",
            "icd10", "morphology", "behaviour", "basis_of_diagnosis", "region", "person_id");

    @Test
    void anExtraColumnHoldingTheRawIdIsBlankedInTheStoredRecord() {
        RecordValidator v = RecordValidator.forHeader(Extract.INCIDENCE, HEADER, SETTINGS, id -> "pseudo", ",");
        Outcome o = v.validate(List.of("0101501234", "T1", "1", "1950-03-01", "2015-06-10", "C18.7", "8140", "3", "X",
                "Nord", "0101501234"));
        assertThat(o.accepted()).as("basis X is V04").isFalse();
        assertThat(o.maskedRecord()).doesNotContain("0101501234").startsWith("pseudo,T1,").endsWith(",Nord,");
    }

    @Test
    void aFileWithoutAHeaderIsRefusedWithoutEchoingItsFirstLine() {
        List<String> firstLine = List.of("0101501234", "T1", "1", "1950-03-01", "2015-06-10", "C18.7", "8140", "3", "7", "Nord");
        assertThatThrownBy(() -> RecordValidator.forHeader(Extract.INCIDENCE, firstLine, SETTINGS, id -> "pseudo", ","))
                .isInstanceOf(MissingColumnsException.class).hasMessageContaining("patient_id")
                .hasMessageContaining("10 other field(s), not shown").hasMessageContaining("header line missing")
                .hasMessageNotContaining("0101501234");
        assertThatThrownBy(() -> RecordValidator.forHeader(Extract.FOLLOWUP, List.of("patient_id", "end_of_followup"), SETTINGS,
                id -> "pseudo", ",")).hasMessageContaining("[patient_id, end_of_followup]")
                .hasMessageContaining("vital_status");
    }
}
