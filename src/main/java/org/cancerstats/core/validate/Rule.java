package org.cancerstats.core.validate;

import java.util.Arrays;
import java.util.Locale;

/**
 * The validation rules of SPEC.md section 5. Codes are stable: they are stored in the quarantine table and
 * in {@code warning_codes}, and analysts filter on them. Never renumber; add new rules at the end.
 *
 * <p>Severities are defaults; {@code cancerstats.rules.severity.<CODE>} in the configuration overrides them
 * (file-level rules, marked below, always reject the whole file).
 */
public enum Rule {
    V01("malformed record", Severity.REJECT, "a line with more or fewer fields than the header, or a blank line"),
    V02("missing required value", Severity.REJECT, "a required column is blank"),
    V03("unparseable value", Severity.REJECT, "a date, number or age that cannot be read in the configured format"),
    V04("unknown code", Severity.REJECT,
            "sex, basis of diagnosis, behaviour, vital status, condition, stage, education or autopsy outside its code list"),
    V05("invalid ICD-10 code", Severity.REJECT,
            "not an ICD-10 code; for incidence, not a neoplasm code (C00-C97, D00-D48)"),
    V06("invalid morphology", Severity.REJECT, "not a 4-digit ICD-O-3 morphology 8000-9999"),
    V07("date out of range", Severity.REJECT, "a date before 1800-01-01 or after the run date"),
    V08("value out of range", Severity.REJECT,
            "age outside 0-120, a year after the run date, an age band upside down, a survival probability outside (0, 1]"),
    V09("negative count", Severity.REJECT, "a negative population or persons count"),
    V10("birth after event", Severity.REJECT, "date of birth after the diagnosis or the death"),
    V11("age mismatch", Severity.REJECT, "stated age at diagnosis differs from the age computed from the dates"),
    V12("sex-site conflict", Severity.REJECT, "male with C51-C58, or female with C60-C63"),
    V13("age-site rarity", Severity.WARN,
            "under 5 with C53 or C61; under 20 with C15, C19-C21, C23-C24, C50, C53-C55"),
    V14("morphology-behaviour conflict", Severity.REJECT,
            "in situ (2) outside epithelial and melanocytic morphologies 8000-8799; benign or in situ haematological 9590-9989"),
    V15("duplicate tumour", Severity.REJECT,
            "a tumour id seen earlier in the delivery, or the same person, ICD-10 (3 characters) and diagnosis date"),
    V16("duplicate key", Severity.REJECT, "a second row with the key of an earlier row in the same delivery"),
    V17("diagnosis after end of follow-up", Severity.REJECT,
            "a follow-up row whose end date is before one of the patient's diagnoses"),
    V18("death with vital status alive", Severity.REJECT,
            "a follow-up row saying alive for a person in the cause-of-death register"),
    V19("life-table gap", Severity.REJECT, "file-level: a year, sex (and region) without all ages 0-99; the file is rejected"),
    V20("population gap", Severity.REJECT,
            "file-level: a year and region without every sex and age; the file is rejected"),
    V21("non-integer count", Severity.WARN,
            "a population or persons count with a fraction (12.5): persons come whole; kept, flagged (set reject to refuse)"),
    V22("invalid topography", Severity.WARN,
            "an optional topography that is not an ICD-O-3 C-code (C00.0-C80.9): the tumour is kept, the topography not"),
    V23("death before diagnosis", Severity.WARN,
            "a death dated before one of the person's diagnoses in the incidence table; kept: which date is wrong is unknown"),
    V24("follow-up without tumour", Severity.WARN,
            "a follow-up row for a person with no tumour in the incidence table; kept, unused by survival"),
    V25("onset before birth", Severity.REJECT,
            "a comorbidity onset date before the person's date of birth in the incidence or mortality table"),
    V26("persons above population", Severity.REJECT,
            "a condition_prevalence count above the population of the same year, sex, age band and region"),
    V27("same tumour in another file", Severity.REJECT,
            "a tumour with a new tumour_id but the person, ICD-10 category and diagnosis date of a tumour another file "
                    + "delivered (IARC multiple primaries: the same tumour); the first loaded is kept");

    private final String title;
    private final Severity defaultSeverity;
    private final String description;

    Rule(String title, Severity defaultSeverity, String description) {
        this.title = title;
        this.defaultSeverity = defaultSeverity;
        this.description = description;
    }

    public String code() {
        return name();
    }

    public String title() {
        return title;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String description() {
        return description;
    }

    /** Whether the rule judges a whole file rather than a row. */
    public boolean fileLevel() {
        return this == V19 || this == V20;
    }

    public static Rule ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code.trim().toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rule code '" + code + "'"));
    }
}
