package org.cancerstats.ingest;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * One delivered record and where it stood in its file.
 *
 * @param line   line number in the file, the header being line 1 (for Parquet: the row number from 1)
 * @param fields the record's fields in file order; null when the line's quoting could not be read
 */
record NumberedRecord(long line, ArrayList<String> fields) implements Serializable {
}
