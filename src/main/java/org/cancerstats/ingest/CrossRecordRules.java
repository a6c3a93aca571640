package org.cancerstats.ingest;

import static org.apache.spark.sql.functions.array_append;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.validate.Rule;
import org.cancerstats.core.validate.Severity;
import org.cancerstats.core.validate.ValidationSettings;
import org.cancerstats.tables.RegistryCatalog;

/**
 * Rules that need more than one record (SPEC.md section 5): duplicates within a delivery (V15, V16), and a
 * follow-up row checked against the patient's tumours (V17) and the cause-of-death register (V18).
 *
 * <p>Applied with Spark window functions and joins on the checked rows of one file; a broken rule adds its
 * code to {@code reject_codes} (or {@code warning_codes}, when configured to warn).
 */
final class CrossRecordRules {

    private static final String RANK = "_rank";
    private static final String KEPT = "_key_kept";

    private final ValidationSettings settings;
    private final RegistryCatalog catalog;

    CrossRecordRules(ValidationSettings settings, RegistryCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    Dataset<Row> apply(Extract extract, Dataset<Row> checked) {
        Dataset<Row> out = checked;
        if (extract == Extract.INCIDENCE) {
            out = out.withColumn("_icd3", substring(col("icd10"), 1, 3));
            out = duplicates(out, List.of("tumour_id"), List.of("tumour_id"), Rule.V15, "tumour_id seen earlier in the file");
            List<String> sameTumour = List.of("person_key", "_icd3", "date_of_diagnosis");
            out = duplicates(out, sameTumour, sameTumour, Rule.V15,
                    "same person, ICD-10 category and diagnosis date as an earlier line");
        } else {
            out = duplicates(out, extract.keyColumns(), extract.requiredKeyColumns(), Rule.V16,
                    "key " + extract.keyColumns() + " seen earlier in the file");
        }
        if (extract == Extract.FOLLOWUP) {
            out = followupAgainstIncidence(out);
            out = followupAgainstDeaths(out);
        }
        return out.drop("_icd3");
    }

    /**
     * Marks every row after the first with the same key, when the key has a row that is kept. Accepted rows sort
     * first, so a key's one good row is kept even when an earlier line with that key was already rejected; rows
     * that only repeat rejected rows are left with their own codes. Rows whose required key parts are missing
     * are left to V02.
     */
    private Dataset<Row> duplicates(Dataset<Row> rows, List<String> key, List<String> requiredParts, Rule rule,
                                    String what) {
        Column[] partition = key.stream().map(k -> col(k)).toArray(Column[]::new);
        Column accepted = size(col(RecordCheck.REJECTIONS)).equalTo(0);
        Dataset<Row> ranked = rows
                .withColumn(RANK, row_number().over(Window.partitionBy(partition).orderBy(accepted.desc(), col(RecordCheck.LINE))))
                .withColumn(KEPT, max(accepted).over(Window.partitionBy(partition)));
        Column present = lit(true);
        for (String k : requiredParts) {
            present = present.and(col(k).isNotNull());
        }
        return mark(ranked, col(RANK).gt(1).and(col(KEPT)).and(present), rule, what).drop(RANK, KEPT);
    }

    private Dataset<Row> followupAgainstIncidence(Dataset<Row> rows) {
        if (!catalog.exists(Extract.INCIDENCE.tableName())) {
            return rows;
        }
        Dataset<Row> lastDiagnosis = catalog.spark().table(catalog.qualified(Extract.INCIDENCE.tableName()))
                .groupBy("person_key").agg(max("date_of_diagnosis").as("_last_diagnosis"));
        Dataset<Row> joined = rows.join(lastDiagnosis, rows.col("person_key").equalTo(lastDiagnosis.col("person_key")), "left")
                .drop(lastDiagnosis.col("person_key"));
        return mark(joined, col("end_of_followup").lt(col("_last_diagnosis")), Rule.V17,
                "end_of_followup before the patient's latest diagnosis").drop("_last_diagnosis");
    }

    private Dataset<Row> followupAgainstDeaths(Dataset<Row> rows) {
        if (!catalog.exists(Extract.MORTALITY.tableName())) {
            return rows;
        }
        Dataset<Row> deaths = catalog.spark().table(catalog.qualified(Extract.MORTALITY.tableName()))
                .select(col("person_key").as("_dead_key")).distinct();
        Dataset<Row> joined = rows.join(deaths, rows.col("person_key").equalTo(deaths.col("_dead_key")), "left");
        return mark(joined, col("vital_status").equalTo(1).and(col("_dead_key").isNotNull()), Rule.V18,
                "vital_status 1 (alive) but registered dead").drop("_dead_key");
    }

    /** Adds the rule's code (once) and a detail line to rows meeting {@code broken}. */
    private Dataset<Row> mark(Dataset<Row> rows, Column broken, Rule rule, String what) {
        String target = settings.severity(rule) == Severity.REJECT ? RecordCheck.REJECTIONS : RecordCheck.WARNINGS;
        Column hit = functions.coalesce(broken, lit(false)); // unknown (null) is not a breach
        Column already = array_contains(col(target), rule.code());
        return rows
                .withColumn(target, when(hit.and(functions.not(already)), array_append(col(target), lit(rule.code())))
                        .otherwise(col(target)))
                .withColumn(RecordCheck.DETAILS, when(hit, array_append(col(RecordCheck.DETAILS),
                        lit(rule.code() + " record: " + what))).otherwise(col(RecordCheck.DETAILS)));
    }
}
