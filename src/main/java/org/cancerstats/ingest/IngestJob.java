package org.cancerstats.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.config.CsvOptions;
import org.cancerstats.config.Settings;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.core.validate.MissingColumnsException;
import org.cancerstats.core.validate.ValidationSettings;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.TableDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates delivered files and lands them in the registry's Delta tables (SPEC.md sections 1, 3 and 5).
 *
 * <p>Per file: hash it; skip it when the ledger holds the same hash (re-running changes nothing); read it as
 * numbered records; validate each record (pseudonymising the person id) and apply the cross-record and
 * whole-file rules; then up to three Delta commits, in this order: the extract table (a MERGE by the extract's
 * key, which for a re-delivery also removes rows the earlier delivery of the same file had and this one lacks; an
 * append when the table has no rows yet, the first load), the quarantine table (the file's rejected rows; a re-delivery's replace the earlier ones), and the
 * {@code ingested_files} ledger last. A run killed
 * before the ledger commit re-ingests the file next time, and the MERGE by key makes that idempotent.
 *
 * <p>Reconciliation: rows read = accepted + quarantined, and each must equal the rows Delta reports the commit
 * wrote (inserted plus updated by a MERGE, output rows of an append); a difference fails the run before the ledger commit.
 */
public final class IngestJob {

    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    /**
     * @param files     the files to ingest, in order (see {@link LandingFolder#ORDER})
     * @param refreshId the run's identifier, stored on every row written
     */
    public record Options(List<LandingFile> files, String refreshId) {
        public Options {
            files = List.copyOf(files);
            Objects.requireNonNull(refreshId, "refreshId");
        }
    }

    /**
     * @param refreshId     the run
     * @param files         one report per file, in the order given
     * @param tableVersions the Delta version each written table is at after the run
     */
    public record Result(String refreshId, List<FileReport> files, Map<String, Long> tableVersions) {
        public boolean anyRejected() {
            return files.stream().anyMatch(f -> f.status() == FileReport.Status.REJECTED);
        }

        public boolean wroteRows() {
            return files.stream().anyMatch(FileReport::wroteRows);
        }
    }

    private final SparkSession spark;
    private final Settings settings;
    private final PseudonymKey key;
    private final RegistryCatalog catalog;

    public IngestJob(SparkSession spark, Settings settings, PseudonymKey key, RegistryCatalog catalog) {
        this.spark = spark;
        this.settings = settings;
        this.key = key;
        this.catalog = catalog;
    }

    public Result run(Options options) {
        catalog.ensure(RegistryTables.INGESTED_FILES);
        Map<String, String> ledger = ledger();
        // Every file hashed first, so that the tables the new and changed ones go to are created together.
        List<Digest> digests = options.files().stream().map(this::digest).toList();
        List<TableDef> tables = new ArrayList<>(List.of(RegistryTables.QUARANTINE));
        for (int i = 0; i < digests.size(); i++) {
            LandingFile file = options.files().get(i);
            if (digests.get(i).sha256() != null && !digests.get(i).sha256().equals(ledger.get(ledgerKey(file.extract(), file.name())))) {
                tables.add(RegistryTables.extract(file.extract()));
            }
        }
        catalog.ensureAll(tables);
        List<FileReport> reports = new ArrayList<>();
        Set<TableDef> written = new LinkedHashSet<>();
        for (int i = 0; i < digests.size(); i++) {
            FileReport report = ingest(options.files().get(i), digests.get(i), ledger, options.refreshId(), written);
            LOG.info("{} {}: {} read, {} accepted, {} quarantined {}", report.status(), report.file(), report.read(),
                    report.accepted(), report.quarantined(), report.message());
            reports.add(report);
        }
        return new Result(options.refreshId(), reports, catalog.versions(written));
    }

    /** A file's SHA-256, or why it cannot be read. */
    private record Digest(String sha256, String error) {
    }

    private Digest digest(LandingFile file) {
        try {
            return new Digest(FileDigest.sha256(spark.sparkContext().hadoopConfiguration(), file.uri()), null);
        } catch (RuntimeException e) {
            return new Digest(null, file.name() + ": cannot be read: " + e.getMessage());
        }
    }

    private FileReport ingest(LandingFile file, Digest digest, Map<String, String> ledger, String refreshId,
                              Set<TableDef> tablesWritten) {
        if (digest.sha256() == null) {
            return FileReport.rejected(file, null, digest.error());
        }
        String sha = digest.sha256();
        String previous = ledger.get(ledgerKey(file.extract(), file.name()));
        if (sha.equals(previous)) {
            return FileReport.unchanged(file, sha);
        }
        Checked check = null;
        try {
            check = check(file, sha, refreshId);
            Dataset<Row> checked = check.rows();
            Row counts = checked.agg(count(lit(1)),
                    sum(when(size(col(RecordCheck.REJECTIONS)).equalTo(0), 1).otherwise(0)),
                    sum(when(size(col(RecordCheck.REJECTIONS)).equalTo(0).and(size(col(RecordCheck.WARNINGS)).gt(0)), 1)
                            .otherwise(0))).head();
            long read = counts.getLong(0);
            long accepted = counts.isNullAt(1) ? 0 : counts.getLong(1);
            long warned = counts.isNullAt(2) ? 0 : counts.getLong(2);
            Dataset<Row> acceptedRows = checked.filter(size(col(RecordCheck.REJECTIONS)).equalTo(0));
            CoverageRules.check(file.extract(), file.name(), acceptedRows);

            boolean replacing = previous != null;
            TableDef table = RegistryTables.extract(file.extract());
            long written = writeByKey(table, acceptedRows.select(table.columnRefs()), file.extract().keyColumns(), file.name(), replacing);
            tablesWritten.add(table);
            long quarantined = read - accepted;
            long quarantinedWritten = 0;
            if (quarantined > 0 || replacing) {
                Dataset<Row> rejected = checked.filter(size(col(RecordCheck.REJECTIONS)).gt(0))
                        .withColumn("extract", lit(file.extract().tableName()))
                        .withColumn("rule_codes", col(RecordCheck.REJECTIONS));
                quarantinedWritten = writeByKey(RegistryTables.QUARANTINE, rejected.select(RegistryTables.QUARANTINE.columnRefs()),
                        List.of("source_file", "source_line"), file.name(), replacing);
                tablesWritten.add(RegistryTables.QUARANTINE);
            }
            if (written != accepted || quarantinedWritten != quarantined) {
                throw new IllegalStateException(file.name() + ": reconciliation failed: " + read + " read, " + accepted
                        + " accepted but Delta wrote " + written + " to " + table.name() + ", " + quarantined
                        + " quarantined but Delta wrote " + quarantinedWritten);
            }
            FileReport report = new FileReport(file.extract(), file.name(), sha,
                    replacing ? FileReport.Status.REPLACED : FileReport.Status.LOADED, read, accepted, quarantined, warned, "");
            recordInLedger(report, refreshId);
            tablesWritten.add(RegistryTables.INGESTED_FILES);
            ledger.put(ledgerKey(file.extract(), file.name()), sha);
            return report;
        } catch (FileRejectedException e) {
            return FileReport.rejected(file, sha, e.getMessage());
        } finally {
            if (check != null) {
                check.release();
            }
        }
    }

    /**
     * A file's checked rows: each record as the validator left it (persisted, since the cross-record rules and every
     * write read it) with the cross-record rules' codes added by broadcast joins on the line number.
     */
    private record Checked(Dataset<Row> rows, Dataset<Row> validated, CrossRecordRules rules) {
        void release() {
            rules.release();
            validated.unpersist();
        }
    }

    private Checked check(LandingFile file, String sha, String refreshId) {
        Extract extract = file.extract();
        CsvOptions csv = settings.csv(extract);
        DeliveredRecords delivered = DeliveredRecords.read(spark, file, csv);
        ValidationSettings validation = settings.validation(extract).withDecimalComma(";".equals(delivered.delimiter()));
        RecordCheck recordCheck = new RecordCheck(extract, delivered.header(), delivered.delimiter(), validation, key.bytes());
        try {
            recordCheck.checkHeader();
        } catch (MissingColumnsException e) {
            throw new FileRejectedException(file.name(), e.getMessage());
        }
        Dataset<Row> perRecord = spark.createDataFrame(delivered.records().mapPartitions(recordCheck), RecordCheck.schema(extract))
                .persist(StorageLevel.MEMORY_AND_DISK());
        CrossRecordRules rules = new CrossRecordRules(validation, catalog);
        Dataset<Row> checked = rules.apply(extract, perRecord)
                .withColumn("source_file", lit(file.name()))
                .withColumn("file_sha256", lit(sha))
                .withColumn("refresh_id", lit(refreshId));
        return new Checked(checked, perRecord, rules);
    }

    /**
     * One Delta commit: a MERGE by key, so that a run killed before its ledger commit and run again writes the
     * same rows once (an append when the table has no rows yet). A first delivery of a file is merged by key (a new file may correct rows of an older one);
     * a re-delivery also deletes the rows its earlier delivery wrote and it no longer has.
     *
     * @return rows inserted or updated, as Delta counted them
     */
    private long writeByKey(TableDef table, Dataset<Row> rows, List<String> key, String file, boolean replacing) {
        if (!replacing && catalog.isEmpty(table)) {
            // Into a table with no rows a MERGE could only insert: an append writes the same rows in one pass where
            // the MERGE takes two. A rerun after a kill finds the table filled and merges.
            rows.write().mode("append").insertInto(catalog.ensure(table));
            return catalog.rowsWritten(table.name(), catalog.version(table));
        }
        String on = key.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
        var merge = catalog.delta(table).as("t").merge(rows.as("s"), on)
                .whenMatched().updateAll()
                .whenNotMatched().insertAll();
        if (replacing) {
            merge = merge.whenNotMatchedBySource("t.source_file = '" + file.replace("'", "''") + "'").delete();
        }
        // Delta's own count of the rows this commit inserted or updated: every source row lands exactly once.
        Row metrics = merge.execute().head();
        return metrics.<Long>getAs("num_inserted_rows") + metrics.<Long>getAs("num_updated_rows");
    }

    /** Appends the file's load to the ledger (its history of loads; the latest row per file is its state). */
    private void recordInLedger(FileReport report, String refreshId) {
        Row row = RowFactory.create(report.extract().tableName(), report.file(), report.sha256(),
                report.read(), report.accepted(), report.quarantined(), report.withWarnings(),
                report.status() == FileReport.Status.REPLACED, refreshId, null);
        spark.createDataFrame(List.of(row), RegistryTables.INGESTED_FILES.schema())
                .withColumn("loaded_at", current_timestamp())
                .write().format("delta").mode("append").saveAsTable(catalog.qualified(RegistryTables.INGESTED_FILES.name()));
    }

    /** extract/file to the hash of its latest load. Small: one row per delivered file and load. */
    private Map<String, String> ledger() {
        Map<String, String> out = new HashMap<>();
        for (Row r : spark.table(catalog.qualified(RegistryTables.INGESTED_FILES.name()))
                .groupBy("extract", "source_file").agg(max_by(col("file_sha256"), col("loaded_at")))
                .collectAsList()) {
            out.put(r.getString(0) + "/" + r.getString(1), r.getString(2));
        }
        return out;
    }

    private static String ledgerKey(Extract extract, String file) {
        return extract.tableName() + "/" + file;
    }

}
