package org.cancerstats.tables;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A catalog table: name, comment and columns. {@link RegistryCatalog} creates it; jobs write data frames of
 * exactly {@link #schema()}.
 *
 * @param name    table name inside the registry database
 * @param comment table comment
 * @param columns columns in order
 */
public record TableDef(String name, String comment, List<TableColumnDef> columns) {

    public TableDef {
        columns = List.copyOf(columns);
    }

    /** The Spark schema, with each column's comment in its metadata. */
    public StructType schema() {
        StructField[] fields = columns.stream().map(c -> new StructField(c.name(), DataType.fromDDL(c.sqlType()), true,
                new MetadataBuilder().putString("comment", c.comment()).build())).toArray(StructField[]::new);
        return new StructType(fields);
    }

    /** The column naming the run that wrote a row; {@link RegistryCatalog#overwrite} stamps it. */
    public static final String REFRESH_ID = "refresh_id";

    /** The schema of the columns a job computes: all but {@link #REFRESH_ID}. */
    public StructType computedSchema() {
        return schemaWithout(REFRESH_ID);
    }

    /** The names of the computed columns ({@link #computedSchema()}), in table order. */
    public List<String> computedColumns() {
        return columnNames().stream().filter(c -> !c.equals(REFRESH_ID)).toList();
    }

    /** Builds rows of the computed columns by column name. */
    public TableRow computedRow() {
        return new TableRow(name, computedColumns());
    }

    /** Builds rows of every column by column name, refresh_id included: for the ledgers, written row by row. */
    public TableRow everyColumnRow() {
        return new TableRow(name, columnNames());
    }

    /** The schema without one column. */
    public StructType schemaWithout(String column) {
        return new TableDef(name, comment, columns.stream().filter(c -> !c.name().equals(column)).toList()).schema();
    }

    /** Column references in table order, to select a data frame into this table's shape. */
    public Column[] columnRefs() {
        return columns.stream().map(c -> functions.col("`" + c.name() + "`")).toArray(Column[]::new);
    }

    public List<String> columnNames() {
        return columns.stream().map(TableColumnDef::name).toList();
    }

    /**
     * Table properties every registry table is created with. {@code delta.dataSkippingNumIndexedCols = 0}: Delta
     * keeps each file's row count but no per-column minimum and maximum. A registry table has few files, each
     * written after a hash shuffle and so spanning every site, sex and period: the minima and maxima could not skip
     * a file, while collecting them doubled the time to write a table keyed by strings (6 million survival curve
     * rows: 10.2 s with them, 5.3 s without; docs/benchmarks.md).
     */
    static final String PROPERTIES = "'delta.dataSkippingNumIndexedCols' = '0'";

    /** {@code CREATE TABLE IF NOT EXISTS} with column and table comments and {@link #PROPERTIES}. */
    String createStatement(String qualifiedName) {
        String body = columns.stream()
                .map(c -> "  `" + c.name() + "` " + c.sqlType() + " COMMENT '" + escape(c.comment()) + "'")
                .collect(Collectors.joining(",\n"));
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " (\n" + body + "\n) USING delta COMMENT '"
                + escape(comment) + "' TBLPROPERTIES (" + PROPERTIES + ")";
    }

    /**
     * {@code ALTER TABLE ... ADD COLUMNS} for the columns this definition has and {@code existing} lacks, each placed
     * after its predecessor, so that a table made by an earlier version gains a new column with its comment and keeps
     * its rows and history. Empty when nothing is missing.
     *
     * @throws IllegalStateException when {@code existing} has a column this definition does not (a rename or drop
     *                               needs a deliberate migration)
     */
    List<String> addColumnStatements(String qualifiedName, List<String> existing) {
        List<String> unknown = existing.stream().filter(c -> !columnNames().contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("table " + qualifiedName + " has column(s) " + unknown + " this version of "
                    + "cancerstats does not write; drop or migrate the table deliberately (docs/configuration.md)");
        }
        List<String> statements = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            TableColumnDef c = columns.get(i);
            if (!existing.contains(c.name())) {
                String position = i == 0 ? "FIRST" : "AFTER `" + columns.get(i - 1).name() + "`";
                statements.add("ALTER TABLE " + qualifiedName + " ADD COLUMNS (`" + c.name() + "` " + c.sqlType()
                        + " COMMENT '" + escape(c.comment()) + "' " + position + ")");
            }
        }
        return statements;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }
}
