package org.cancerstats.tables;

/**
 * One column of a catalog table: its Spark SQL type and the comment {@code DESCRIBE TABLE} shows.
 *
 * @param name    column name
 * @param sqlType Spark SQL type, e.g. {@code STRING}, {@code ARRAY<STRING>}
 * @param comment what the column holds, for analysts
 */
public record TableColumnDef(String name, String sqlType, String comment) {
}
