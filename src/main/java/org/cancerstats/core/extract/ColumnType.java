package org.cancerstats.core.extract;

/**
 * How a delivered text value is parsed and what it becomes in the validated table.
 *
 * <p>Every extract value arrives as text (CSV) or is rendered to text (Parquet) and is parsed by
 * {@link org.cancerstats.core.validate.RecordValidator}, so the rules are the same for both formats.
 */
public enum ColumnType {
    /** The person key: replaced by its keyed-hash pseudonym, never stored raw. */
    PERSON_ID,
    /** Free text, trimmed. */
    TEXT,
    /** A whole number from a closed set of codes (sex, basis, behaviour, vital status, autopsy). */
    INT_CODE,
    /** A text code from a closed set (stage, education, condition), lower-cased. */
    TEXT_CODE,
    /** A whole number within a range (age, year). */
    INTEGER,
    /** A non-negative count or person-years (population, persons). */
    COUNT,
    /** A probability in (0, 1] (life-table one-year survival). */
    PROBABILITY,
    /** A calendar date in the configured pattern. */
    DATE,
    /** An ICD-10 code, C18.7 or C187, stored upper-case without the dot. */
    ICD10,
    /** An ICD-O-3 morphology, four digits 8000-9999. */
    MORPHOLOGY,
    /** A single year of age (0..120, "100+") or a band ("0-4", "85+"): stored as lower and upper bound. */
    AGE_BAND
}
