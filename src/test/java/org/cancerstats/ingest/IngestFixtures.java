package org.cancerstats.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.cancerstats.SharedSpark;
import org.cancerstats.config.Settings;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.tables.RegistryCatalog;

/** Helpers for ingest tests on the shared session. */
final class IngestFixtures {

    static final PseudonymKey KEY = PseudonymKey.resolve(null, Map.of(PseudonymKey.VALUE_ENV,
            "test key for cancerstats, synthetic data only"), false);

    private IngestFixtures() {
    }

    static IngestJob.Result ingest(Settings settings, List<LandingFile> files) {
        SparkSession spark = SharedSpark.get();
        RegistryCatalog catalog = new RegistryCatalog(spark, settings.database());
        return new IngestJob(spark, settings, KEY, catalog).run(new IngestJob.Options(files, "test-" + System.nanoTime()));
    }

    /** Every table of the database, each row rendered as one string of all its columns (arrays flattened). */
    static List<String> allText(String database) {
        SparkSession spark = SharedSpark.get();
        List<String> text = new ArrayList<>();
        for (Row table : spark.sql("SHOW TABLES IN " + database).collectAsList()) {
            Dataset<Row> rows = spark.table(database + "." + table.getString(1));
            List<Column> columns = new ArrayList<>();
            for (StructField f : rows.schema().fields()) {
                Column c = col("`" + f.name() + "`");
                columns.add(f.dataType() instanceof ArrayType ? concat_ws("|", c.cast("array<string>")) : c.cast("string"));
            }
            rows.select(concat_ws(",", columns.toArray(Column[]::new))).collectAsList().forEach(r -> text.add(r.getString(0)));
        }
        return text;
    }

    static Map<String, Long> versions(String database, String... tables) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (String t : tables) {
            out.put(t, SharedSpark.get().sql("DESCRIBE HISTORY " + database + "." + t).select("version")
                    .orderBy(col("version").desc()).head().getLong(0));
        }
        return out;
    }
}
