package org.cancerstats.core.extract;

import static org.cancerstats.core.extract.ColumnSpec.optional;
import static org.cancerstats.core.extract.ColumnSpec.required;
import static org.cancerstats.core.extract.ColumnType.AGE_BAND;
import static org.cancerstats.core.extract.ColumnType.COUNT;
import static org.cancerstats.core.extract.ColumnType.DATE;
import static org.cancerstats.core.extract.ColumnType.ICD10;
import static org.cancerstats.core.extract.ColumnType.INTEGER;
import static org.cancerstats.core.extract.ColumnType.INT_CODE;
import static org.cancerstats.core.extract.ColumnType.MORPHOLOGY;
import static org.cancerstats.core.extract.ColumnType.PERSON_ID;
import static org.cancerstats.core.extract.ColumnType.PROBABILITY;
import static org.cancerstats.core.extract.ColumnType.TEXT;
import static org.cancerstats.core.extract.ColumnType.TEXT_CODE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry extracts of SPEC.md section 1, and the projected population of the projections: their columns, the key that identifies a row across
 * deliveries (a corrected re-delivery replaces rows by this key) and the table each lands in.
 */
public enum Extract {
    INCIDENCE("one tumour", List.of("tumour_id"),
            required("patient_id", PERSON_ID, "Pseudonymised person key (HMAC-SHA256 of the registry's person id)"),
            required("tumour_id", TEXT, "Registry tumour identifier, unique per tumour"),
            required("sex", INT_CODE, "1 male, 2 female").withCodes("1", "2"),
            required("date_of_birth", DATE, "Date of birth"),
            required("date_of_diagnosis", DATE, "Date of diagnosis (incidence date)"),
            required("icd10", ICD10, "ICD-10 code, upper case without the dot (C187)"),
            required("morphology", MORPHOLOGY, "ICD-O-3 morphology, 4 digits"),
            required("behaviour", INT_CODE, "ICD-O-3 behaviour: 0 benign, 1 uncertain, 2 in situ, 3 malignant, 6 metastatic")
                    .withCodes("0", "1", "2", "3", "6"),
            required("basis_of_diagnosis", INT_CODE,
                    "0 DCO, 1 clinical, 2 clinical investigation, 4 tumour markers, 5 cytology, 6 histology of metastasis, "
                            + "7 histology of primary, 9 unknown").withCodes("0", "1", "2", "4", "5", "6", "7", "9"),
            required("region", TEXT, "Region of residence at diagnosis"),
            optional("topography", TEXT, "ICD-O-3 topography C-code"),
            optional("age_at_diagnosis", INTEGER, "Age at diagnosis in completed years, as delivered (checked against the dates)")
                    .withRange(0, 120),
            optional("stage", TEXT_CODE, "Stage: localised, regional, distant, unknown")
                    .withCodes("localised", "regional", "distant", "unknown"),
            optional("autopsy", INT_CODE, "1 when found at autopsy").withCodes("0", "1"),
            optional("education", TEXT_CODE, "Education: low, medium, high, unknown").withCodes("low", "medium", "high", "unknown")),
    MORTALITY("one death", List.of("person_key"),
            required("person_id", PERSON_ID, "Pseudonymised person key (HMAC-SHA256 of the registry's person id)"),
            required("sex", INT_CODE, "1 male, 2 female").withCodes("1", "2"),
            required("date_of_birth", DATE, "Date of birth"),
            required("date_of_death", DATE, "Date of death"),
            required("underlying_cause", ICD10, "Underlying cause of death, ICD-10 upper case without the dot"),
            required("region", TEXT, "Region of residence at death"),
            optional("education", TEXT_CODE, "Education: low, medium, high, unknown").withCodes("low", "medium", "high", "unknown")),
    FOLLOWUP("one patient", List.of("person_key"),
            required("patient_id", PERSON_ID, "Pseudonymised person key (HMAC-SHA256 of the registry's person id)"),
            required("vital_status", INT_CODE, "1 alive, 2 dead, 3 emigrated or lost, 9 unknown").withCodes("1", "2", "3", "9"),
            required("end_of_followup", DATE, "Date of death, emigration or last known alive")),
    COMORBIDITY("one person and chronic condition", List.of("person_key", "condition"),
            required("person_id", PERSON_ID, "Pseudonymised person key (HMAC-SHA256 of the registry's person id)"),
            required("condition", TEXT_CODE, "Chronic condition code from conf/conditions.csv"),
            required("onset_date", DATE, "Date the condition was first recorded"),
            optional("source", TEXT, "Register or source of the condition record")),
    CONDITION_PREVALENCE("general-population reference count", List.of("year", "sex", "age_lower", "region", "condition"),
            required("year", INTEGER, "Calendar year (persons living with the condition on 1 January)").withRange(1800, 2200)
                    .observedYear(),
            required("sex", INT_CODE, "1 male, 2 female").withCodes("1", "2"),
            required("age_group", AGE_BAND, "Age band (single year or group)").withAlias("age"),
            required("region", TEXT, "Region"),
            required("condition", TEXT_CODE, "Chronic condition code from conf/conditions.csv"),
            required("persons", COUNT, "People living with the condition on 1 January")),
    POPULATION("population at risk", List.of("year", "sex", "age_lower", "region", "education"),
            required("year", INTEGER, "Calendar year").withRange(1800, 2200).observedYear(),
            required("sex", INT_CODE, "1 male, 2 female").withCodes("1", "2"),
            required("age", AGE_BAND, "Age (single year 0..100+, or a 5-year group)"),
            required("region", TEXT, "Region"),
            required("population", COUNT, "Mid-year population, used as person-years"),
            optional("education", TEXT_CODE, "Education: low, medium, high, unknown").withCodes("low", "medium", "high", "unknown")),
    /**
     * Projected population of the years after the last observed one, as the statistics office projects it (the
     * columns of {@link #POPULATION}; a projection may come in several scenarios, default {@code main}).
     */
    POPULATION_PROJECTION("projected population cell", List.of("year", "sex", "age_lower", "region", "education", "scenario"),
            required("year", INTEGER, "Calendar year projected (after the last observed year)").withRange(1800, 2200),
            required("sex", INT_CODE, "1 male, 2 female").withCodes("1", "2"),
            required("age", AGE_BAND, "Age (single year 0..100+, or a 5-year group)"),
            required("region", TEXT, "Region"),
            required("population", COUNT, "Projected mid-year population, used as person-years"),
            optional("education", TEXT_CODE, "Education: low, medium, high, unknown").withCodes("low", "medium", "high", "unknown"),
            optional("scenario", TEXT, "Projection scenario (the office's variant name); empty means main")),
    LIFETABLE("expected survival", List.of("year", "sex", "age_lower", "region"),
            required("year", INTEGER, "Calendar year").withRange(1800, 2200).observedYear(),
            required("sex", INT_CODE, "1 male, 2 female").withCodes("1", "2"),
            required("age", AGE_BAND, "Single year of age"),
            required("survival_probability", PROBABILITY, "One-year survival probability, 1 - qx"),
            optional("region", TEXT, "Region, when the life table is regional"));

    private final String grain;
    private final List<String> keyColumns;
    private final List<ColumnSpec> columns;

    Extract(String grain, List<String> keyColumns, ColumnSpec... columns) {
        this.grain = grain;
        this.keyColumns = List.copyOf(keyColumns);
        this.columns = List.of(columns);
    }

    /** The extract's name: its landing folder and its table. */
    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String grain() {
        return grain;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    /** Table columns that identify one row across deliveries. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Key columns that every valid row has (optional parts, such as education, may be null). */
    public List<String> requiredKeyColumns() {
        List<String> required = new ArrayList<>();
        for (String key : keyColumns) {
            ColumnSpec source = columns.stream().filter(c -> switch (key) {
                case "person_key" -> c.type() == PERSON_ID;
                case "age_lower" -> c.type() == AGE_BAND;
                default -> c.name().equals(key);
            }).findFirst().orElseThrow(() -> new IllegalStateException(this + ": key column " + key + " has no source"));
            if (source.required()) {
                required.add(key);
            }
        }
        return required;
    }

    /** The person-id column of the delivered file, if the extract has one. */
    public Optional<ColumnSpec> personIdColumn() {
        return columns.stream().filter(c -> c.type() == PERSON_ID).findFirst();
    }

    /**
     * The columns of the validated table, in the order {@link org.cancerstats.core.validate.RecordValidator} fills
     * them: the person id becomes {@code person_key}; an age band becomes {@code age_lower} and {@code age_upper}.
     */
    public List<TableColumn> tableColumns() {
        List<TableColumn> out = new ArrayList<>();
        for (ColumnSpec c : columns) {
            switch (c.type()) {
                case PERSON_ID -> out.add(new TableColumn("person_key", TableColumn.Kind.STRING, c.comment()));
                case TEXT, TEXT_CODE, ICD10 -> out.add(new TableColumn(c.name(), TableColumn.Kind.STRING, c.comment()));
                case INT_CODE, INTEGER, MORPHOLOGY -> out.add(new TableColumn(c.name(), TableColumn.Kind.INT, c.comment()));
                case COUNT, PROBABILITY -> out.add(new TableColumn(c.name(), TableColumn.Kind.DOUBLE, c.comment()));
                case DATE -> out.add(new TableColumn(c.name(), TableColumn.Kind.DATE, c.comment()));
                case AGE_BAND -> {
                    out.add(new TableColumn("age_lower", TableColumn.Kind.INT, c.comment() + ": lowest age in the band"));
                    out.add(new TableColumn("age_upper", TableColumn.Kind.INT,
                            c.comment() + ": highest age in the band, null when open-ended (85+, 100+)"));
                }
            }
        }
        return out;
    }

    /** The extract whose table or landing folder is called {@code name}. */
    public static Extract named(String name) {
        return Arrays.stream(values()).filter(e -> e.tableName().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown extract '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(Extract::tableName).toList()));
    }
}
