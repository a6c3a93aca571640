package org.cancerstats.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 * whole-file rules; then three Delta commits, in this order: the extract table (a MERGE by the extract's key,
 * which also removes rows an earlier delivery of the same file had and this one lacks), the quarantine table
 * (the file's rejected rows replace its earlier ones), and the {@code ingested_files} ledger last. A run killed
 * before the ledger commit re-ingests the file next time, and the MERGE by key makes that idempotent.
 *
 * <p>Reconciliation: rows read = accepted + quarantined, checked against the rows read back from the tables.
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
        catalog.ensure(RegistryTables.QUARANTINE);
        catalog.ensure(RegistryTables.INGESTED_FILES);
        Map<String, String> ledger = ledger();
        List<FileReport> reports = new ArrayList<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        for (LandingFile file : options.files()) {
            FileReport report = ingest(file, ledger, options.refreshId(), versions);
            LOG.info("{} {}: {} read, {} accepted, {} quarantined {}", report.status(), report.file(), report.read(),
                    report.accepted(), report.quarantined(), report.message());
            reports.add(report);
        }
        return new Result(options.refreshId(), reports, versions);
    }

    private FileReport ingest(LandingFile file, Map<String, String> ledger, String refreshId, Map<String, Long> versions) {
        String sha;
        try {
            sha = FileDigest.sha256(spark.sparkContext().hadoopConfiguration(), file.uri());
        } catch (RuntimeException e) {
            return FileReport.rejected(file, null, file.name() + ": cannot be read: " + e.getMessage());
        }
        String previous = ledger.get(ledgerKey(file.extract(), file.name()));
        if (sha.equals(previous)) {
            return FileReport.unchanged(file, sha);
        }
        Dataset<Row> checked = null;
        try {
            checked = check(file, sha, refreshId);
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
            mergeFileRows(table, acceptedRows.select(columns(table)), file.extract().keyColumns(), file.name());
            versions.put(table.name(), catalog.version(table));
            long quarantined = read - accepted;
            if (quarantined > 0 || replacing) {
                Dataset<Row> rejected = checked.filter(size(col(RecordCheck.REJECTIONS)).gt(0))
                        .withColumn("extract", lit(file.extract().tableName()))
                        .withColumn("rule_codes", col(RecordCheck.REJECTIONS));
                mergeFileRows(RegistryTables.QUARANTINE, rejected.select(columns(RegistryTables.QUARANTINE)),
                        List.of("source_line"), file.name());
                versions.put(RegistryTables.QUARANTINE.name(), catalog.version(RegistryTables.QUARANTINE));
            }
            reconcile(file, table, refreshId, accepted, quarantined);
            FileReport report = new FileReport(file.extract(), file.name(), sha,
                    replacing ? FileReport.Status.REPLACED : FileReport.Status.LOADED, read, accepted, quarantined, warned, "");
            recordInLedger(report, refreshId);
            versions.put(RegistryTables.INGESTED_FILES.name(), catalog.version(RegistryTables.INGESTED_FILES));
            ledger.put(ledgerKey(file.extract(), file.name()), sha);
            return report;
        } catch (FileRejectedException e) {
            return FileReport.rejected(file, sha, e.getMessage());
        } finally {
            if (checked != null) {
                checked.unpersist();
            }
        }
    }

    /** Reads and validates a file; the result is persisted (the caller unpersists it). */
    private Dataset<Row> check(LandingFile file, String sha, String refreshId) {
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
        Dataset<Row> perRecord = spark.createDataFrame(delivered.records().mapPartitions(recordCheck), RecordCheck.schema(extract));
        Dataset<Row> checked = new CrossRecordRules(validation, catalog).apply(extract, perRecord)
                .withColumn("source_file", lit(file.name()))
                .withColumn("file_sha256", lit(sha))
                .withColumn("refresh_id", lit(refreshId));
        return checked.persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * One MERGE: rows of this delivery update or insert by key; rows that an earlier delivery of the same file
     * wrote and this one no longer has are deleted.
     */
    private void mergeFileRows(TableDef table, Dataset<Row> rows, List<String> key, String file) {
        String on = key.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
        if (table == RegistryTables.QUARANTINE) {
            on = "t.source_file = s.source_file AND " + on;
        }
        catalog.delta(table).as("t").merge(rows.as("s"), on)
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .whenNotMatchedBySource("t.source_file = '" + file.replace("'", "''") + "'").delete()
                .execute();
    }

    /** Reads back what was written and checks it against the counts: nothing lost, nothing doubled. */
    private void reconcile(LandingFile file, TableDef table, String refreshId, long accepted, long quarantined) {
        long inTable = spark.table(catalog.qualified(table.name()))
                .filter(col("source_file").equalTo(file.name()).and(col("refresh_id").equalTo(refreshId))).count();
        long inQuarantine = spark.table(catalog.qualified(RegistryTables.QUARANTINE.name()))
                .filter(col("source_file").equalTo(file.name()).and(col("refresh_id").equalTo(refreshId))).count();
        if (inTable != accepted || inQuarantine != quarantined) {
            throw new IllegalStateException(file.name() + ": reconciliation failed: " + accepted + " accepted but "
                    + inTable + " in " + table.name() + "; " + quarantined + " quarantined but " + inQuarantine
                    + " in quarantine");
        }
    }

    private void recordInLedger(FileReport report, String refreshId) {
        Row row = org.apache.spark.sql.RowFactory.create(report.extract().tableName(), report.file(), report.sha256(),
                report.read(), report.accepted(), report.quarantined(), report.withWarnings(),
                report.status() == FileReport.Status.REPLACED, refreshId, null);
        Dataset<Row> entry = spark.createDataFrame(List.of(row), RegistryTables.INGESTED_FILES.schema())
                .withColumn("loaded_at", current_timestamp());
        catalog.delta(RegistryTables.INGESTED_FILES).as("t")
                .merge(entry.as("s"), "t.extract = s.extract AND t.source_file = s.source_file")
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
    }

    /** extract/file to the hash last loaded. Small: one row per delivered file. */
    private Map<String, String> ledger() {
        Map<String, String> out = new HashMap<>();
        for (Row r : spark.table(catalog.qualified(RegistryTables.INGESTED_FILES.name()))
                .select("extract", "source_file", "file_sha256").collectAsList()) {
            out.put(r.getString(0) + "/" + r.getString(1), r.getString(2));
        }
        return out;
    }

    private static String ledgerKey(Extract extract, String file) {
        return extract.tableName() + "/" + file;
    }

    private static Column[] columns(TableDef table) {
        return table.columnNames().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    }
}
