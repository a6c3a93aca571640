package org.cancerstats.tables;

import java.util.ArrayList;
import java.util.List;

import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.extract.TableColumn;

/** Definitions of the ingest-side tables of SPEC.md section 3: validated extracts, quarantine and the ledgers. */
public final class RegistryTables {

    /** Lineage columns every validated extract row carries after its own columns. */
    public static final List<TableColumnDef> LINEAGE = List.of(
            new TableColumnDef("warning_codes", "ARRAY<STRING>", "Codes of warn-severity rules the row broke (docs/validation.md)"),
            new TableColumnDef("source_file", "STRING", "Delivered file, relative to the landing folder"),
            new TableColumnDef("source_line", "BIGINT", "Line in the delivered file (header is line 1); row number for Parquet"),
            new TableColumnDef("file_sha256", "STRING", "SHA-256 of the delivered file's bytes"),
            new TableColumnDef("refresh_id", "STRING", "The run that wrote this row (refresh_runs.refresh_id)"));

    public static final TableDef QUARANTINE = new TableDef("quarantine",
            "Rejected extract rows: one row per rejected record, with every rule it broke. Person ids are pseudonymised.",
            List.of(new TableColumnDef("extract", "STRING", "Extract the row was delivered in"),
                    new TableColumnDef("source_file", "STRING", "Delivered file, relative to the landing folder"),
                    new TableColumnDef("source_line", "BIGINT", "Line in the delivered file (header is line 1)"),
                    new TableColumnDef("file_sha256", "STRING", "SHA-256 of the delivered file's bytes"),
                    new TableColumnDef("rule_codes", "ARRAY<STRING>", "Reject-severity rules broken (docs/validation.md)"),
                    new TableColumnDef("warning_codes", "ARRAY<STRING>", "Warn-severity rules also broken"),
                    new TableColumnDef("rule_details", "ARRAY<STRING>", "One finding per entry: code, column, offending value"),
                    new TableColumnDef("raw_record", "STRING",
                            "The delivered fields joined by the delimiter, the person id replaced by its pseudonym"),
                    new TableColumnDef("refresh_id", "STRING", "The run that quarantined the row")));

    public static final TableDef INGESTED_FILES = new TableDef("ingested_files",
            "Ledger of delivered files: one row per load of a file, with its content hash and reconciliation "
                    + "(rows_read = rows_accepted + rows_quarantined). The latest row per file is what is loaded now.",
            List.of(new TableColumnDef("extract", "STRING", "Extract"),
                    new TableColumnDef("source_file", "STRING", "Delivered file, relative to the landing folder"),
                    new TableColumnDef("file_sha256", "STRING", "SHA-256 of the file's bytes when last loaded"),
                    new TableColumnDef("rows_read", "BIGINT", "Records read (data lines, header excluded)"),
                    new TableColumnDef("rows_accepted", "BIGINT", "Records written to the extract table"),
                    new TableColumnDef("rows_quarantined", "BIGINT", "Records written to quarantine"),
                    new TableColumnDef("rows_with_warnings", "BIGINT", "Accepted records carrying warning codes"),
                    new TableColumnDef("replaced_previous", "BOOLEAN", "Whether this load replaced an earlier delivery of the same file"),
                    new TableColumnDef("refresh_id", "STRING", "The run that loaded it"),
                    new TableColumnDef("loaded_at", "TIMESTAMP", "When it was loaded (UTC)")));

    public static final TableDef REFRESH_RUNS = new TableDef("refresh_runs",
            "One row per run (ingest or refresh): inputs, row counts, table versions written and outcome.",
            List.of(new TableColumnDef("refresh_id", "STRING", "Run identifier, also stored on every row the run wrote"),
                    new TableColumnDef("command", "STRING", "Subcommand that ran (ingest, refresh, ...)"),
                    new TableColumnDef("started_at", "TIMESTAMP", "Start (UTC)"),
                    new TableColumnDef("finished_at", "TIMESTAMP", "End (UTC)"),
                    new TableColumnDef("outcome", "STRING", "succeeded, no-op or failed"),
                    new TableColumnDef("message", "STRING", "One-line reason when failed; summary otherwise"),
                    new TableColumnDef("input_files", "ARRAY<STRUCT<extract: STRING, source_file: STRING, file_sha256: STRING, "
                            + "status: STRING, rows_read: BIGINT, rows_accepted: BIGINT, rows_quarantined: BIGINT>>",
                            "Every file considered: its hash, what happened to it (loaded, unchanged, rejected) and its counts"),
                    new TableColumnDef("table_versions", "MAP<STRING, BIGINT>",
                            "Delta version of each table this run wrote; read one as of it with VERSION AS OF")));

    public static final TableDef STATISTIC_INPUTS = new TableDef("statistic_inputs",
            "One row per statistic the refresh keeps current: the Delta versions of the extract tables it was last "
                    + "computed from. A refresh recomputes a statistic when these differ from the current versions, so a "
                    + "run killed after ingest or between statistics is completed by the next run.",
            List.of(new TableColumnDef("statistic", "STRING", "A refresh stage: rates, prevalence, comorbidity, survival or projections"),
                    new TableColumnDef("input_versions", "MAP<STRING, BIGINT>",
                            "Delta version of each input extract table when the statistic was computed (-1: no table)"),
                    new TableColumnDef("refresh_id", "STRING", "The run that computed it"),
                    new TableColumnDef("computed_at", "TIMESTAMP", "When its computation finished (UTC)")));

    private RegistryTables() {
    }

    /** The validated table of an extract: its own columns, then the lineage columns. */
    public static TableDef extract(Extract extract) {
        List<TableColumnDef> columns = new ArrayList<>();
        for (TableColumn c : extract.tableColumns()) {
            columns.add(new TableColumnDef(c.name(), sqlType(c.kind()), c.comment()));
        }
        columns.addAll(LINEAGE);
        return new TableDef(extract.tableName(), "Validated " + extract.tableName() + " extract, one row per "
                + extract.grain() + "; person ids pseudonymised at ingest.", columns);
    }

    static String sqlType(TableColumn.Kind kind) {
        return switch (kind) {
            case STRING -> "STRING";
            case INT -> "INT";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
        };
    }
}
