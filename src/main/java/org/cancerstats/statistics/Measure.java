package org.cancerstats.statistics;

/** What a rate counts: new tumours (incidence) or deaths by underlying cause (mortality). */
public enum Measure {
    INCIDENCE("incidence", "date_of_diagnosis", "icd10", true),
    MORTALITY("mortality", "date_of_death", "underlying_cause", false);

    private final String table;
    private final String dateColumn;
    private final String codeColumn;
    private final boolean hasMorphology;

    Measure(String table, String dateColumn, String codeColumn, boolean hasMorphology) {
        this.table = table;
        this.dateColumn = dateColumn;
        this.codeColumn = codeColumn;
        this.hasMorphology = hasMorphology;
    }

    public String table() {
        return table;
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
