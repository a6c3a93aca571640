package org.cancerstats.ingest;

import static org.apache.spark.sql.functions.array_append;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.core.reference.VitalStatus;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.validate.Rule;
import org.cancerstats.core.validate.Severity;
import org.cancerstats.core.validate.ValidationSettings;
import org.cancerstats.tables.RegistryCatalog;

/**
 * Rules that need more than one record (SPEC.md section 5): duplicates within a delivery (V15, V16) and against the
 * tumours of other files (V27); a follow-up row checked against the patient's tumours (V17, V24) and the
 * cause-of-death register (V18); a death against the person's diagnoses (V23); a comorbidity onset against the date
 * of birth (V25); a reference count against the population of its cell (V26). Extracts are ingested in an order that
 * has the tables a rule compares with loaded first ({@link LandingFolder#ORDER}).
 *
 * <p>Each rule finds the lines that break it from a narrow projection of the checked rows (line number, key and
 * the fields it compares), with Spark window functions and joins; only those columns are shuffled. The lines found
 * (few, in a usable delivery) are kept, and the wide rows are marked by a join on the line number, which Spark
 * broadcasts when the set is small. A broken rule adds its code to {@code reject_codes} (or {@code warning_codes},
 * when configured to warn).
 */
final class CrossRecordRules {

    private static final String RANK = "_rank";
    private static final String KEPT = "_key_kept";
    private static final String HIT = "_hit";

    private final ValidationSettings settings;
    private final RegistryCatalog catalog;
    private final List<Dataset<Row>> kept = new ArrayList<>();

    CrossRecordRules(ValidationSettings settings, RegistryCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /**
     * The rows with the rules' codes added. {@code checked} should be persisted, since each rule reads it; the
     * lines each rule found are persisted here, until {@link #release()}.
     */
    Dataset<Row> apply(Extract extract, String file, Dataset<Row> checked) {
        Dataset<Row> out = checked;
        if (extract == Extract.INCIDENCE) {
            out = mark(out, duplicates(checked, List.of("tumour_id"), List.of("tumour_id")), Rule.V15,
                    "tumour_id seen earlier in the file");
            // On the rows as the first rule left them: a line it rejected does not keep its key from a later line.
            List<String> sameTumour = List.of("person_key", "_icd3", "date_of_diagnosis");
            out = mark(out, duplicates(out.withColumn("_icd3", substring(col("icd10"), 1, 3)), sameTumour, sameTumour),
                    Rule.V15, "same person, ICD-10 category and diagnosis date as an earlier line");
        } else {
            out = mark(out, duplicates(checked, extract.keyColumns(), extract.requiredKeyColumns()), Rule.V16,
                    "key " + extract.keyColumns() + " seen earlier in the file");
        }
        if (extract == Extract.INCIDENCE && catalog.exists(Extract.INCIDENCE)) {
            out = mark(out, sameTumourInAnotherFile(out, file), Rule.V27,
                    "same person, ICD-10 category and diagnosis date as a tumour with another tumour_id in another file");
        }
        if (extract == Extract.FOLLOWUP) {
            if (catalog.exists(Extract.INCIDENCE)) {
                out = mark(out, beforeLatestDiagnosis(checked, "end_of_followup"), Rule.V17, "end_of_followup before the patient's latest diagnosis");
                out = mark(out, withoutTumour(checked), Rule.V24, "no tumour of this person in the incidence table");
            }
            if (catalog.exists(Extract.MORTALITY)) {
                out = mark(out, aliveButDead(checked), Rule.V18, "vital_status 1 (alive) but registered dead");
            }
        }
        if (extract == Extract.MORTALITY && catalog.exists(Extract.INCIDENCE)) {
            out = mark(out, beforeLatestDiagnosis(checked, "date_of_death"), Rule.V23, "date_of_death before the person's latest date_of_diagnosis");
        }
        if (extract == Extract.COMORBIDITY) {
            out = mark(out, onsetBeforeBirth(checked), Rule.V25, "onset_date before the person's date_of_birth");
        }
        if (extract == Extract.CONDITION_PREVALENCE && catalog.exists(Extract.POPULATION)) {
            out = mark(out, personsAbovePopulation(checked), Rule.V26,
                    "persons above the population of the same year, sex, age band and region");
        }
        return out;
    }

    /** Unpersists the lines the rules found. */
    void release() {
        kept.forEach(Dataset::unpersist);
        kept.clear();
    }

    /**
     * Lines after the first with the same key, when the key has a row that is kept. Accepted rows sort first, so a
     * key's one good row is kept even when an earlier line with that key was already rejected; rows that only
     * repeat rejected rows are left with their own codes. Rows whose required key parts are missing are left to V02.
     */
    private static Dataset<Row> duplicates(Dataset<Row> rows, List<String> key, List<String> requiredParts) {
        Column[] partition = key.stream().map(k -> col(k)).toArray(Column[]::new);
        Column accepted = size(col(RecordCheck.REJECTIONS)).equalTo(0);
        Column present = lit(true);
        for (String k : requiredParts) {
            present = present.and(col(k).isNotNull());
        }
        List<Column> narrow = new ArrayList<>(List.of(partition));
        narrow.add(col(RecordCheck.LINE));
        narrow.add(accepted.as("_accepted"));
        return rows.select(narrow.toArray(Column[]::new))
                .withColumn(RANK, row_number().over(Window.partitionBy(partition).orderBy(col("_accepted").desc(), col(RecordCheck.LINE))))
                .withColumn(KEPT, max(col("_accepted")).over(Window.partitionBy(partition)))
                .filter(col(RANK).gt(1).and(col(KEPT)).and(present))
                .select(RecordCheck.LINE);
    }

    /**
     * Lines whose {@code date} (end of follow-up, date of death) is before the person's latest diagnosis in the
     * incidence table (a tumour found at death has the death's date, which is no conflict).
     */
    private Dataset<Row> beforeLatestDiagnosis(Dataset<Row> rows, String date) {
        Dataset<Row> lastDiagnosis = catalog.extract(Extract.INCIDENCE)
                .groupBy("person_key").agg(max("date_of_diagnosis").as("_last_diagnosis"));
        return rows.select(RecordCheck.LINE, "person_key", date).join(lastDiagnosis, "person_key")
                .filter(col(date).lt(col("_last_diagnosis")))
                .select(RecordCheck.LINE);
    }

    /**
     * Incidence lines whose person, ICD-10 category and diagnosis date are those of a tumour of another file already in
     * the table, under another tumour_id: a re-numbered tumour (IARC/IACR multiple primaries: one tumour). A line of
     * the same file, or with the same tumour_id, is the file's own row or its correction (merged by key), not a duplicate.
     */
    private Dataset<Row> sameTumourInAnotherFile(Dataset<Row> rows, String file) {
        Dataset<Row> loaded = catalog.extract(Extract.INCIDENCE).select(col("person_key").as("_p"),
                substring(col("icd10"), 1, 3).as("_c"), col("date_of_diagnosis").as("_d"), col("tumour_id").as("_t"),
                col("source_file").as("_f"));
        return rows.select(col(RecordCheck.LINE), col("person_key"), substring(col("icd10"), 1, 3).as("_icd3"),
                        col("date_of_diagnosis"), col("tumour_id"))
                .join(loaded, col("person_key").equalTo(col("_p")).and(col("_icd3").equalTo(col("_c")))
                        .and(col("date_of_diagnosis").equalTo(col("_d"))))
                .filter(col("tumour_id").notEqual(col("_t")).and(col("_f").notEqual(lit(file))))
                .select(RecordCheck.LINE);
    }

    /** Follow-up lines of persons with no tumour in the incidence table. */
    private Dataset<Row> withoutTumour(Dataset<Row> rows) {
        return rows.select(RecordCheck.LINE, "person_key").filter(col("person_key").isNotNull())
                .join(catalog.extract(Extract.INCIDENCE).select("person_key"), "person_key", "left_anti")
                .select(RecordCheck.LINE);
    }

    /** Comorbidity lines whose onset is before the date of birth the incidence or mortality table holds. */
    private Dataset<Row> onsetBeforeBirth(Dataset<Row> rows) {
        List<Dataset<Row>> births = new ArrayList<>();
        for (Extract e : List.of(Extract.INCIDENCE, Extract.MORTALITY)) {
            if (catalog.exists(e)) {
                births.add(catalog.extract(e).select("person_key", "date_of_birth"));
            }
        }
        if (births.isEmpty()) {
            return rows.select(RecordCheck.LINE).limit(0);
        }
        Dataset<Row> birth = births.stream().reduce(Dataset::union).orElseThrow()
                .groupBy("person_key").agg(functions.min("date_of_birth").as("_birth"));
        return rows.select(RecordCheck.LINE, "person_key", "onset_date").join(birth, "person_key")
                .filter(col("onset_date").lt(col("_birth")))
                .select(RecordCheck.LINE);
    }

    /**
     * Reference lines counting more persons than live in their cell: the population of the same year, sex and region
     * summed over the population's age bands inside the line's band (and over education). Checked only where those
     * bands cover the line's band exactly; a band the population's bands cross is left unchecked.
     */
    private Dataset<Row> personsAbovePopulation(Dataset<Row> rows) {
        Dataset<Row> population = catalog.extract(Extract.POPULATION)
                .groupBy("year", "sex", "region", "age_lower", "age_upper").agg(functions.sum("population").as("_pop"))
                .select(col("year").as("_y"), col("sex").as("_s"), col("region").as("_r"), col("age_lower").as("_lo"),
                        col("age_upper").as("_hi"), col("_pop"));
        Column inside = col("_lo").geq(col("age_lower"))
                .and(col("age_upper").isNull().or(col("_hi").isNotNull().and(col("_hi").leq(col("age_upper")))));
        Column closedWidth = when(col("_hi").isNotNull(), col("_hi").minus(col("_lo")).plus(1)).otherwise(0);
        Dataset<Row> cells = rows.filter(col("persons").isNotNull())
                .select(RecordCheck.LINE, "year", "sex", "region", "age_lower", "age_upper", "persons")
                .join(population, col("year").equalTo(col("_y")).and(col("sex").equalTo(col("_s")))
                        .and(col("region").equalTo(col("_r"))).and(inside))
                .groupBy(RecordCheck.LINE, "age_lower", "age_upper", "persons")
                .agg(functions.sum("_pop").as("_cell"), functions.sum(closedWidth).as("_width"),
                        functions.min(when(col("_hi").isNull(), col("_lo"))).as("_open_from"));
        Column covered = when(col("age_upper").isNotNull(), col("_width").equalTo(col("age_upper").minus(col("age_lower")).plus(1)))
                .otherwise(col("_open_from").isNotNull().and(col("_width").equalTo(col("_open_from").minus(col("age_lower")))));
        return cells.filter(covered.and(col("persons").gt(col("_cell")))).select(RecordCheck.LINE);
    }

    /** Lines saying alive (vital_status 1) of a person the cause-of-death register holds. */
    private Dataset<Row> aliveButDead(Dataset<Row> rows) {
        Dataset<Row> deaths = catalog.extract(Extract.MORTALITY)
                .select("person_key").distinct();
        return rows.filter(col("vital_status").equalTo(VitalStatus.ALIVE.code())).select(RecordCheck.LINE, "person_key")
                .join(deaths, "person_key", "left_semi")
                .select(RecordCheck.LINE);
    }

    /** Adds the rule's code (once) and a detail line to the rows of the {@code broken} lines. */
    private Dataset<Row> mark(Dataset<Row> rows, Dataset<Row> broken, Rule rule, String what) {
        Dataset<Row> lines = broken.distinct().withColumn(HIT, lit(true)).persist(StorageLevel.MEMORY_AND_DISK());
        kept.add(lines);
        String target = settings.severity(rule) == Severity.REJECT ? RecordCheck.REJECTIONS : RecordCheck.WARNINGS;
        Column hit = functions.coalesce(col(HIT), lit(false));
        Column already = array_contains(col(target), rule.code());
        // Broadcast: a usable delivery breaks a rule on few lines, and a line is one number.
        return rows.join(broadcast(lines), RecordCheck.LINE, "left")
                .withColumn(target, when(hit.and(functions.not(already)), array_append(col(target), lit(rule.code())))
                        .otherwise(col(target)))
                .withColumn(RecordCheck.DETAILS, when(hit, array_append(col(RecordCheck.DETAILS),
                        lit(rule.code() + " record: " + what))).otherwise(col(RecordCheck.DETAILS)))
                .drop(HIT);
    }
}
