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
 * Rules that need more than one record (SPEC.md section 5): duplicates within a delivery (V15, V16), and a
 * follow-up row checked against the patient's tumours (V17) and the cause-of-death register (V18).
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
    Dataset<Row> apply(Extract extract, Dataset<Row> checked) {
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
        if (extract == Extract.FOLLOWUP) {
            if (catalog.exists(Extract.INCIDENCE.tableName())) {
                out = mark(out, followupBeforeDiagnosis(checked), Rule.V17, "end_of_followup before the patient's latest diagnosis");
            }
            if (catalog.exists(Extract.MORTALITY.tableName())) {
                out = mark(out, aliveButDead(checked), Rule.V18, "vital_status 1 (alive) but registered dead");
            }
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

    /** Lines whose end of follow-up is before the patient's latest diagnosis in the incidence table. */
    private Dataset<Row> followupBeforeDiagnosis(Dataset<Row> rows) {
        Dataset<Row> lastDiagnosis = catalog.spark().table(catalog.qualified(Extract.INCIDENCE.tableName()))
                .groupBy("person_key").agg(max("date_of_diagnosis").as("_last_diagnosis"));
        return rows.select(RecordCheck.LINE, "person_key", "end_of_followup").join(lastDiagnosis, "person_key")
                .filter(col("end_of_followup").lt(col("_last_diagnosis")))
                .select(RecordCheck.LINE);
    }

    /** Lines saying alive (vital_status 1) of a person the cause-of-death register holds. */
    private Dataset<Row> aliveButDead(Dataset<Row> rows) {
        Dataset<Row> deaths = catalog.spark().table(catalog.qualified(Extract.MORTALITY.tableName()))
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
