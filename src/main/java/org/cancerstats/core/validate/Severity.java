package org.cancerstats.core.validate;

/** What a broken rule does to a row. */
public enum Severity {
    /** The row goes to quarantine with the rule code; nothing of it reaches the validated table. */
    REJECT,
    /** The row is kept; the code is stored in its {@code warning_codes} column and counted. */
    WARN
}
