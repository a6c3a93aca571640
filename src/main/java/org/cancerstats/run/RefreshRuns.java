package org.cancerstats.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;

import scala.jdk.javaapi.CollectionConverters;

/** The run ledger: writes the {@code refresh_runs} table, one row per run, whatever its outcome. */
public final class RefreshRuns {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RefreshRuns() {
    }

    /** The first line of a failure's message, for the ledger and the command's one-line error. */
    public static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** A new run identifier: UTC start time and a random suffix, sortable by start. */
    public static String newId(Instant start) {
        return ID.format(start) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Appends the run's row (one Delta commit).
     *
     * @param outcome succeeded, no-op or failed
     */
    public static void record(RegistryCatalog catalog, String refreshId, String command, Instant started, String outcome,
                              String message, List<FileReport> files, Map<String, Long> versions) {
        // Each input_files struct in its declared field order: extract, source_file, file_sha256, status, counts.
        List<Row> inputs = files.stream().map(f -> RowFactory.create(f.extract().tableName(), f.file(), f.sha256(),
                f.status().name().toLowerCase(java.util.Locale.ROOT), f.read(), f.accepted(), f.quarantined())).toList();
        Row row = RegistryTables.REFRESH_RUNS.everyColumnRow().row().set("refresh_id", refreshId).set("command", command)
                .set("started_at", Timestamp.from(started)).set("finished_at", Timestamp.from(Instant.now()))
                .set("outcome", outcome).set("message", message).set("input_files", inputs.toArray())
                .set("table_versions", CollectionConverters.asScala(versions)).build();
        catalog.ensure(RegistryTables.REFRESH_RUNS);
        RegistryCatalog.committing("write " + RegistryTables.REFRESH_RUNS.name());
        catalog.spark().createDataFrame(List.of(row), RegistryTables.REFRESH_RUNS.schema())
                .write().format("delta").mode("append").saveAsTable(catalog.qualified(RegistryTables.REFRESH_RUNS.name()));
    }
}
