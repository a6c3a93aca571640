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

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.config.CsvOptions;
import org.cancerstats.config.Settings;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.core.validate.BadHeaderException;
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
 * append when the table has no rows yet, the first load), the quarantine table (the file's rejected rows; a
 * re-delivery's replace the earlier ones), and the {@code ingested_files} ledger last. A run killed
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
        filesTotal = digests.size();
        for (int i = 0; i < digests.size(); i++) {
            FileReport report = ingest(options.files().get(i), digests.get(i), ledger, options.refreshId(), written,
                    options.files());
            filesDone.incrementAndGet();
            LOG.info("{} {}: {} read, {} accepted, {} quarantined {}", report.status(), report.file(), report.read(),
                    report.accepted(), report.quarantined(), report.message());
            reports.add(report);
        }
        return new Result(options.refreshId(), reports, catalog.versions(written));
    }

    private final java.util.concurrent.atomic.AtomicInteger filesDone = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int filesTotal = -1;

    /** How far a running {@link #run} is, for a progress line: "3/7 files", or empty before it counts them. */
    public String progress() {
        return filesTotal < 0 ? "" : filesDone.get() + "/" + filesTotal + " files";
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
                              Set<TableDef> tablesWritten, List<LandingFile> delivered) {
        if (digest.sha256() == null) {
            return FileReport.rejected(file, null, digest.error());
        }
        String sha = digest.sha256();
        String previous = ledger.get(ledgerKey(file.extract(), file.name()));
        if (sha.equals(previous)) {
            return FileReport.unchanged(file, sha);
        }
        Checked check = null;
        long read = -1;
        try {
            check = check(file, sha, refreshId);
            Dataset<Row> checked = check.rows();
            Row counts = checked.agg(count(lit(1)),
                    sum(when(size(col(RecordCheck.REJECTIONS)).equalTo(0), 1).otherwise(0)),
                    sum(when(size(col(RecordCheck.REJECTIONS)).equalTo(0).and(size(col(RecordCheck.WARNINGS)).gt(0)), 1)
                            .otherwise(0))).head();
            read = counts.getLong(0);
            long accepted = counts.isNullAt(1) ? 0 : counts.getLong(1);
            long warned = counts.isNullAt(2) ? 0 : counts.getLong(2);
            Dataset<Row> acceptedRows = checked.filter(size(col(RecordCheck.REJECTIONS)).equalTo(0));
            CoverageRules.check(file.extract(), file.name(), acceptedRows);

            boolean replacing = previous != null;
            TableDef table = RegistryTables.extract(file.extract());
            // Keys this file delivered before and no longer does: taken before the MERGE deletes their rows, so that
            // another file still delivering them can give them back (rows belong to the files that deliver them).
            Dataset<Row> dropped = replacing ? droppedKeys(table, file, acceptedRows) : null;
            long written = writeByKey(table, acceptedRows.select(table.columnRefs()), file.extract().keyColumns(), file.name(), replacing);
            tablesWritten.add(table);
            String restored = dropped == null ? "" : restore(table, file, dropped, delivered, ledger, refreshId);
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
                    replacing ? FileReport.Status.REPLACED : FileReport.Status.LOADED, read, accepted, quarantined, warned, restored);
            recordInLedger(report, refreshId);
            tablesWritten.add(RegistryTables.INGESTED_FILES);
            ledger.put(ledgerKey(file.extract(), file.name()), sha);
            return report;
        } catch (FileRejectedException e) {
            return FileReport.rejected(file, sha, e.getMessage(), read >= 0 ? read : recordsIn(file));
        } finally {
            if (check != null) {
                check.release();
            }
        }
    }

    /** Key columns compared null-safely (an education key may be null), for joins of rows by their extract key. */
    private static Column sameKey(List<String> keys, String left, String right) {
        Column on = lit(true);
        for (String k : keys) {
            on = on.and(col(left + ".`" + k + "`").eqNullSafe(col(right + ".`" + k + "`")));
        }
        return on;
    }

    /** The keys of the table's rows from {@code file} that its new delivery lacks, materialised (the MERGE changes the table). */
    private Dataset<Row> droppedKeys(TableDef table, LandingFile file, Dataset<Row> accepted) {
        List<String> keys = file.extract().keyColumns();
        Column[] keyColumns = keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
        return spark.table(catalog.qualified(table.name())).filter(col("source_file").equalTo(file.name())).select(keyColumns)
                .alias("t").join(accepted.select(keyColumns).alias("s"), sameKey(keys, "t", "s"), "left_anti")
                .localCheckpoint(true);
    }

    /**
     * Gives back the rows of {@code dropped} keys that other loaded files of the extract still deliver, each from the
     * last such file by name (the order files are applied in, so a later name wins as on a first delivery).
     *
     * @return what was restored, for the file's report; empty when nothing was
     */
    private String restore(TableDef table, LandingFile file, Dataset<Row> dropped, List<LandingFile> delivered,
                           Map<String, String> ledger, String refreshId) {
        if (dropped.isEmpty()) {
            return "";
        }
        List<String> keys = file.extract().keyColumns();
        List<String> from = new ArrayList<>();
        long restored = 0;
        for (LandingFile other : delivered) {
            String sha = ledger.get(ledgerKey(other.extract(), other.name()));
            if (other.extract() != file.extract() || other.name().equals(file.name()) || sha == null) {
                continue;
            }
            Checked check = check(other, sha, refreshId);
            try {
                Dataset<Row> rows = check.rows().filter(size(col(RecordCheck.REJECTIONS)).equalTo(0)).alias("s")
                        .join(dropped.alias("d"), sameKey(keys, "s", "d"), "left_semi");
                long n = writeByKey(table, rows.select(table.columnRefs()), keys, other.name(), false);
                if (n > 0) {
                    restored += n;
                    from.add(other.name());
                }
            } finally {
                check.release();
            }
        }
        LOG.info("{}: {} row(s) it no longer delivers restored from {}", file.name(), restored, from);
        return restored == 0 ? "" : restored + " row(s) it no longer delivers kept from " + String.join(", ", from);
    }

    /**
     * The records of a file rejected before they were counted (a header it lacks, say): its lines after the header,
     * or its Parquet rows; 0 when not even that can be read.
     */
    private long recordsIn(LandingFile file) {
        try {
            return file.parquet() ? spark.read().parquet(file.uri()).count()
                    : Math.max(0, spark.read().textFile(file.uri()).count() - 1);
        } catch (Exception e) { // SparkException, checked but thrown from Scala, for a file that is no Parquet at all
            return 0;
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
        } catch (MissingColumnsException | BadHeaderException e) {
            throw new FileRejectedException(file.name(), e.getMessage());
        }
        Dataset<Row> perRecord = spark.createDataFrame(delivered.records().mapPartitions(recordCheck), RecordCheck.schema(extract))
                .persist(StorageLevel.MEMORY_AND_DISK());
        CrossRecordRules rules = new CrossRecordRules(validation, catalog);
        Dataset<Row> checked = rules.apply(extract, file.name(), perRecord)
                .withColumn("source_file", lit(file.name()))
                .withColumn("file_sha256", lit(sha))
                .withColumn("refresh_id", lit(refreshId));
        return new Checked(checked, perRecord, rules);
    }

    /**
     * One Delta commit: a MERGE by key, so that a run killed before its ledger commit and run again writes the
     * same rows once (an append when the table has no rows yet). A first delivery of a file is merged by key (a new
     * file may correct rows of an older one); a re-delivery also deletes the rows its earlier delivery wrote and it no longer has.
     *
     * @return rows inserted or updated, as Delta counted them
     */
    private long writeByKey(TableDef table, Dataset<Row> rows, List<String> key, String file, boolean replacing) {
        RegistryCatalog.committing("write " + table.name() + " from " + file);
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
        Row row = RegistryTables.INGESTED_FILES.everyColumnRow().row().set("extract", report.extract().tableName())
                .set("source_file", report.file()).set("file_sha256", report.sha256()).set("rows_read", report.read())
                .set("rows_accepted", report.accepted()).set("rows_quarantined", report.quarantined())
                .set("rows_with_warnings", report.withWarnings())
                .set("replaced_previous", report.status() == FileReport.Status.REPLACED).set("refresh_id", refreshId)
                .set("loaded_at", null).build(); // stamped by Spark below
        RegistryCatalog.committing("write " + RegistryTables.INGESTED_FILES.name() + " for " + report.file());
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
            out.put(r.<String>getAs("extract") + "/" + r.<String>getAs("source_file"), r.getString(2));
        }
        return out;
    }

    private static String ledgerKey(Extract extract, String file) {
        return extract.tableName() + "/" + file;
    }

}
