package org.cancerstats.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;

/** Values a careless or hostile supplier sends that the first rules let through (issue: reliability). */
class SupplierErrorsTest {

    private static final ValidationSettings SETTINGS = new ValidationSettings("yyyy-MM-dd", LocalDate.of(2026, 11, 22),
            Set.of("asthma"), Map.of(), false);

    private static Outcome tumour(String column, String value) {
        Map<String, String> r = RecordValidatorTest.goodTumour();
        r.remove("age_at_diagnosis");
        r.put("topography", "C18.7");
        r.put(column, value);
        return RecordValidator.forHeader(Extract.INCIDENCE, new ArrayList<>(r.keySet()), SETTINGS, id -> "pseudo", ",")
                .validate(new ArrayList<>(r.values()));
    }

    @Test
    void nulBytesAndMegabyteFieldsAreUnreadableAndNotStored() {
        Outcome nul = tumour("region", "No\u0000rd");
        assertThat(nul.rejections()).containsExactly("V03");
        assertThat(nul.details()).anySatisfy(d -> assertThat(d).contains("U+0000").doesNotContain("No"));
        Outcome huge = tumour("region", "x".repeat(1_000_000));
        assertThat(huge.rejections()).containsExactly("V03");
        assertThat(huge.maskedRecord().length()).isLessThan(400);
        Outcome id = tumour("patient_id", "0101501234\u0000");
        assertThat(id.maskedRecord()).doesNotContain("0101501234");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefused() {
        List<String> header = List.of("patient_id", "tumour_id", "sex", "date_of_birth", "date_of_diagnosis", "icd10",
                "morphology", "behaviour", "basis_of_diagnosis", "region", "sex");
        assertThatThrownBy(() -> RecordValidator.forHeader(Extract.INCIDENCE, header, SETTINGS, id -> "pseudo", ","))
                .isInstanceOf(BadHeaderException.class).hasMessageContaining("column sex 2 times (fields [3, 11])");
    }

    @Test
    void icd10WithLettersWhereTheSubcategoryBelongsIsInvalid() {
        assertThat(tumour("icd10", "C18ZZ").rejections()).containsExactly("V05");
        assertThat(tumour("icd10", "C18.7").accepted()).isTrue();
        assertThat(tumour("icd10", "C509A").accepted()).as("a national extension character").isTrue();
    }

    @Test
    void aTopographyThatIsNoCCodeIsFlaggedAndNotKept() {
        Outcome o = tumour("topography", "XYZ");
        assertThat(o.accepted()).isTrue();
        assertThat(o.warnings()).containsExactly("V22");
        assertThat(o.values()).doesNotContain("XYZ");
        assertThat(tumour("topography", "C187").warnings()).isEmpty();
    }

    @Test
    void anAgeOfOneHundredAndSixtyFromTheDatesIsInvalidWithNoStatedAge() {
        Outcome o = tumour("date_of_birth", "1855-01-01");
        assertThat(o.rejections()).containsExactly("V08");
        assertThat(o.details()).anySatisfy(d -> assertThat(d).contains("160"));
    }
}
