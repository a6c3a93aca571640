package org.cancerstats.core.extract;

/**
 * One column of a validated extract table, in the order the validator fills it.
 *
 * @param name    column name in the Delta table
 * @param kind    storage type
 * @param comment catalog comment
 */
public record TableColumn(String name, Kind kind, String comment) {

    /** Storage types, mapped to Spark SQL types by the table layer. */
    public enum Kind { STRING, INT, DOUBLE, DATE }
}
