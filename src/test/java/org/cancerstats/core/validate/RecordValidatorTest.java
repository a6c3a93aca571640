package org.cancerstats.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerstats.core.extract.Extract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per row-level rule of SPEC.md section 5, on the Spark-free validator. */
class RecordValidatorTest {

    private static final ValidationSettings SETTINGS = new ValidationSettings("yyyy-MM-dd", LocalDate.of(2026, 11, 22),
            Set.of("asthma", "copd"), Map.of(), false);

    static Map<String, String> goodTumour() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("patient_id", "0101501234");
        r.put("tumour_id", "T1");
        r.put("sex", "1");
        r.put("date_of_birth", "1950-03-01");
        r.put("date_of_diagnosis", "2015-06-10");
        r.put("icd10", "C18.7");
        r.put("morphology", "8140");
        r.put("behaviour", "3");
        r.put("basis_of_diagnosis", "7");
        r.put("region", "Sjælland");
        r.put("age_at_diagnosis", "65");
        return r;
    }

    private static Outcome check(Extract extract, Map<String, String> record, ValidationSettings settings) {
        RecordValidator v = RecordValidator.forHeader(extract, new ArrayList<>(record.keySet()), settings,
                id -> "pseudo(" + id.length() + ")", ",");
        return v.validate(new ArrayList<>(record.values()));
    }

    private static Outcome tumourWith(String column, String value) {
        Map<String, String> r = goodTumour();
        r.put(column, value);
        return check(Extract.INCIDENCE, r, SETTINGS);
    }

    @Test
    void goodTumourIsAcceptedTypedAndPseudonymised() {
        Outcome o = check(Extract.INCIDENCE, goodTumour(), SETTINGS);
        assertThat(o.accepted()).isTrue();
        assertThat(o.warnings()).isEmpty();
        List<Object> values = Arrays.asList(o.values());
        assertThat(values).startsWith("pseudo(10)", "T1", 1, LocalDate.of(1950, 3, 1), LocalDate.of(2015, 6, 10), "C187", 8140, 3, 7,
                "Sjælland");
        assertThat(o.maskedRecord()).startsWith("pseudo(10),T1,").doesNotContain("0101501234");
    }

    @ParameterizedTest(name = "{0}={1} breaks {2}")
    @CsvSource({
            "date_of_diagnosis, '', V02",
            "date_of_birth, 1950-02-30, V03",
            "date_of_birth, 01.03.1950, V03",
            "sex, 3, V04",
            "sex, M, V04",
            "basis_of_diagnosis, 8, V04",
            "behaviour, 5, V04",
            "icd10, I21.9, V05",
            "icd10, C1, V05",
            "morphology, 81A0, V06",
            "morphology, 814, V06",
            "date_of_diagnosis, 2026-11-23, V07",
            "date_of_birth, 1799-12-31, V07",
            "age_at_diagnosis, 121, V08",
            "date_of_birth, 2015-06-11, V10",
            "age_at_diagnosis, 64, V11",
            "icd10, C56, V12",
    })
    void eachRowRuleHasItsCode(String column, String value, String code) {
        Outcome o = tumourWith(column, value);
        assertThat(o.rejections()).as(column + "=" + value).containsExactly(code);
        assertThat(o.details()).anySatisfy(d -> assertThat(d).startsWith(code + " "));
    }

    @Test
    void femaleWithProstateIsASexSiteConflict() {
        Map<String, String> r = goodTumour();
        r.put("sex", "2");
        r.put("icd10", "C61");
        assertThat(check(Extract.INCIDENCE, r, SETTINGS).rejections()).containsExactly("V12");
    }

    @Test
    void ageSiteRarityWarnsAndKeeps() {
        Map<String, String> r = goodTumour();
        r.put("date_of_birth", "2012-01-01");
        r.put("age_at_diagnosis", "3");
        r.put("icd10", "C61");
        Outcome o = check(Extract.INCIDENCE, r, SETTINGS);
        assertThat(o.accepted()).isTrue();
        assertThat(o.warnings()).containsExactly("V13");

        r.put("icd10", "C50");
        r.put("date_of_birth", "1998-01-01");
        r.put("age_at_diagnosis", "17");
        r.put("sex", "2");
        assertThat(check(Extract.INCIDENCE, r, SETTINGS).warnings()).containsExactly("V13");
        r.put("date_of_birth", "1990-01-01");
        r.put("age_at_diagnosis", "25");
        assertThat(check(Extract.INCIDENCE, r, SETTINGS).warnings()).isEmpty();
    }

    @Test
    void morphologyBehaviour() {
        Map<String, String> r = goodTumour();
        r.put("behaviour", "2");
        assertThat(check(Extract.INCIDENCE, r, SETTINGS).accepted()).as("8140/2 adenocarcinoma in situ").isTrue();
        r.put("morphology", "8800");
        assertThat(check(Extract.INCIDENCE, r, SETTINGS).rejections()).as("sarcoma in situ").containsExactly("V14");
        r.put("morphology", "9680");
        r.put("behaviour", "0");
        assertThat(check(Extract.INCIDENCE, r, SETTINGS).rejections()).as("benign lymphoma").containsExactly("V14");
    }

    @Test
    void severityCanBeChangedToWarn() {
        ValidationSettings lenient = new ValidationSettings("yyyy-MM-dd", LocalDate.of(2026, 11, 22), Set.of(),
                Map.of(Rule.V11, Severity.WARN), false);
        Map<String, String> r = goodTumour();
        r.put("age_at_diagnosis", "64");
        Outcome o = check(Extract.INCIDENCE, r, lenient);
        assertThat(o.accepted()).isTrue();
        assertThat(o.warnings()).containsExactly("V11");
    }

    @Test
    void malformedRecordsAreV01AndTheirContentWithheld() {
        RecordValidator v = RecordValidator.forHeader(Extract.INCIDENCE, new ArrayList<>(goodTumour().keySet()), SETTINGS,
                id -> "pseudo", ",");
        Outcome tooShort = v.validate(List.of("0101501234", "T1", "1"));
        assertThat(tooShort.rejections()).containsExactly("V01");
        assertThat(tooShort.maskedRecord()).doesNotContain("0101501234").contains("withheld");
        assertThat(v.validate(List.of()).rejections()).containsExactly("V01");
        assertThat(v.validate(null).rejections()).containsExactly("V01");
    }

    @Test
    void configuredDatePatternAndDecimalComma() {
        ValidationSettings danish = new ValidationSettings("dd.MM.yyyy", LocalDate.of(2026, 11, 22), Set.of(), Map.of(), true);
        Map<String, String> life = new LinkedHashMap<>();
        life.put("year", "2020");
        life.put("sex", "2");
        life.put("age", "85+");
        life.put("survival_probability", "0,91");
        Outcome o = check(Extract.LIFETABLE, life, danish);
        assertThat(o.accepted()).isTrue();
        assertThat(Arrays.asList(o.values())).containsExactly(2020, 2, 85, null, 0.91, null);

        Map<String, String> tumour = goodTumour();
        tumour.put("date_of_birth", "01.03.1950");
        tumour.put("date_of_diagnosis", "10.06.2015");
        assertThat(check(Extract.INCIDENCE, tumour, danish.withDecimalComma(false)).accepted()).isTrue();
    }

    @ParameterizedTest(name = "population age {0}")
    @CsvSource({"0-4, 0, 4", "85+, 85, ", "100+, 100, ", "42, 42, 42", "'5\u20139', 5, 9"})
    void ageBands(String age, Integer lower, Integer upper) {
        Map<String, String> pop = new LinkedHashMap<>();
        pop.put("year", "2020");
        pop.put("sex", "1");
        pop.put("age", age);
        pop.put("region", "Sjælland");
        pop.put("population", "1200");
        Outcome o = check(Extract.POPULATION, pop, SETTINGS);
        assertThat(o.accepted()).isTrue();
        assertThat(o.values()[2]).isEqualTo(lower);
        assertThat(o.values()[3]).isEqualTo(upper);
    }

    @Test
    void countsAndProbabilitiesAreRangeChecked() {
        Map<String, String> pop = new LinkedHashMap<>();
        pop.put("year", "2020");
        pop.put("sex", "1");
        pop.put("age", "10-5");
        pop.put("region", "Sjælland");
        pop.put("population", "-1");
        assertThat(check(Extract.POPULATION, pop, SETTINGS).rejections()).containsExactly("V08", "V09");
        Map<String, String> life = new LinkedHashMap<>();
        life.put("year", "2027");
        life.put("sex", "1");
        life.put("age", "50");
        life.put("survival_probability", "0");
        assertThat(check(Extract.LIFETABLE, life, SETTINGS).rejections()).containsExactly("V08");
    }

    @Test
    void deathBeforeBirthAndUnknownConditionAndVitalStatus() {
        Map<String, String> death = new LinkedHashMap<>();
        death.put("person_id", "x");
        death.put("sex", "1");
        death.put("date_of_birth", "1990-01-01");
        death.put("date_of_death", "1980-01-01");
        death.put("underlying_cause", "I21.9");
        death.put("region", "Sjælland");
        assertThat(check(Extract.MORTALITY, death, SETTINGS).rejections()).containsExactly("V10");

        Map<String, String> condition = new LinkedHashMap<>();
        condition.put("person_id", "x");
        condition.put("condition", "Gout");
        condition.put("onset_date", "2010-01-01");
        assertThat(check(Extract.COMORBIDITY, condition, SETTINGS).rejections()).containsExactly("V04");
        condition.put("condition", "COPD");
        assertThat(check(Extract.COMORBIDITY, condition, SETTINGS).values()[1]).isEqualTo("copd");

        Map<String, String> followup = new LinkedHashMap<>();
        followup.put("patient_id", "x");
        followup.put("vital_status", "4");
        followup.put("end_of_followup", "2020-01-01");
        assertThat(check(Extract.FOLLOWUP, followup, SETTINGS).rejections()).containsExactly("V04");
    }

    @Test
    void missingRequiredColumnRejectsTheFileNamingTheColumn() {
        List<String> header = new ArrayList<>(goodTumour().keySet());
        header.remove("icd10");
        assertThatThrownBy(() -> RecordValidator.forHeader(Extract.INCIDENCE, header, SETTINGS, id -> id, ","))
                .isInstanceOf(MissingColumnsException.class)
                .hasMessageContaining("[icd10]");
    }

    @Test
    void icd10Normalisation() {
        assertThat(Icd10.normalise(" c18.7 ")).isEqualTo("C187");
        assertThat(Icd10.normalise("C61")).isEqualTo("C61");
        assertThat(Icd10.normalise("18.7")).isNull();
        assertThat(Icd10.isNeoplasm("D414")).isTrue();
        assertThat(Icd10.isNeoplasm("D500")).isFalse();
        assertThat(Icd10.inRange("C569", "C51", "C58")).isTrue();
    }
}
