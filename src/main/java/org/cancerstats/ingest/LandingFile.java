package org.cancerstats.ingest;

import java.util.Locale;

import org.cancerstats.core.extract.Extract;

/**
 * One delivered file.
 *
 * @param extract what it holds
 * @param uri     where it is (a Hadoop path: local, hdfs://, s3a://)
 * @param name    its stable name in ledgers and quarantine: the path relative to the landing folder, or the
 *                file name for files given outside it. A corrected re-delivery keeps the name.
 */
public record LandingFile(Extract extract, String uri, String name) {

    /** Parquet by the file's ending; everything else is read as delimited text. */
    public boolean parquet() {
        return name.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }
}
