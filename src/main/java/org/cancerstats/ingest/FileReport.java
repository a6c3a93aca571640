package org.cancerstats.ingest;

import org.cancerstats.core.extract.Extract;

/**
 * What ingest did with one delivered file. For a loaded file, {@code read = accepted + quarantined} holds, and
 * was checked against the rows read back from the tables.
 *
 * @param extract      the extract
 * @param file         the file's name relative to the landing folder
 * @param sha256       the file's content hash (null when it could not be read)
 * @param status       what happened
 * @param read         records read (header excluded)
 * @param accepted     records written to the extract table
 * @param quarantined  records written to quarantine
 * @param withWarnings accepted records carrying warning codes
 * @param message      why a file was rejected; for a loaded file what else happened (rows it dropped kept from other files), or empty
 */
public record FileReport(Extract extract, String file, String sha256, Status status, long read, long accepted,
                         long quarantined, long withWarnings, String message) {

    /** What happened to a file. */
    public enum Status {
        /** First delivery of this file name, loaded. */
        LOADED,
        /** A changed delivery of a file name loaded before: its rows replaced the earlier delivery's, by key. */
        REPLACED,
        /** The same bytes were loaded before: nothing written. */
        UNCHANGED,
        /** Rejected whole (missing column, unreadable, coverage gap): nothing written. */
        REJECTED
    }

    static FileReport unchanged(LandingFile file, String sha256) {
        return new FileReport(file.extract(), file.name(), sha256, Status.UNCHANGED, 0, 0, 0, 0, "");
    }

    static FileReport rejected(LandingFile file, String sha256, String message) {
        return rejected(file, sha256, message, 0);
    }

    /** @param read the records the file holds, none of them loaded */
    static FileReport rejected(LandingFile file, String sha256, String message, long read) {
        return new FileReport(file.extract(), file.name(), sha256, Status.REJECTED, read, 0, 0, 0, message);
    }

    public boolean wroteRows() {
        return status == Status.LOADED || status == Status.REPLACED;
    }
}
