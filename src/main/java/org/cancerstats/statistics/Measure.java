package org.cancerstats.statistics;

import org.cancerstats.core.extract.Extract;

/** What a rate counts: new tumours (incidence) or deaths by underlying cause (mortality). */
public enum Measure {
    INCIDENCE(Extract.INCIDENCE, "date_of_diagnosis", "icd10", true),
    MORTALITY(Extract.MORTALITY, "date_of_death", "underlying_cause", false);

    private final Extract extract;
    private final String dateColumn;
    private final String codeColumn;
    private final boolean hasMorphology;

    Measure(Extract extract, String dateColumn, String codeColumn, boolean hasMorphology) {
        this.extract = extract;
        this.dateColumn = dateColumn;
        this.codeColumn = codeColumn;
        this.hasMorphology = hasMorphology;
    }

    /** The extract table's name: also the {@code extract} value of its data_quality rows. */
    public String table() {
        return extract.tableName();
    }

    public Extract extract() {
        return extract;
    }

    String dateColumn() {
        return dateColumn;
    }

    String codeColumn() {
        return codeColumn;
    }

    boolean hasMorphology() {
        return hasMorphology;
    }
}
