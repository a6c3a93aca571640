package org.cancerstats.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/**
 * The files of one release folder: {@code csv/<table>.csv} (UTF-8, header line, empty for null),
 * {@code parquet/<table>.parquet}, {@code dictionary.csv} and, last, {@code manifest.json}. Each table becomes one
 * file (Spark writes a folder of parts; the single part is moved to its name), so that the manifest can give the
 * SHA-256 of every file. Works on any Hadoop file system.
 */
final class ReleaseFiles {

    static final String MANIFEST = "manifest.json";
    static final String DICTIONARY = "dictionary.csv";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FileSystem fs;
    private final Path folder;

    ReleaseFiles(Configuration hadoop, String releasesDir, String release) {
        this.folder = new Path(releasesDir, release);
        try {
            FileSystem found = folder.getFileSystem(hadoop);
            // on local disk, no .crc file beside each file of the release
            this.fs = found instanceof LocalFileSystem local ? local.getRawFileSystem() : found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the releases folder " + releasesDir, e);
        }
    }

    Path folder() {
        return folder;
    }

    /** The manifest of a finished release, or null: a folder without one is a release killed before its end. */
    @SuppressWarnings("unchecked")
    Map<String, Object> manifest() {
        Path m = new Path(folder, MANIFEST);
        try {
            if (!fs.exists(m)) {
                return null;
            }
            try (InputStream in = fs.open(m)) {
                return JSON.readValue(in, Map.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + m, e);
        }
    }

    /** Removes what a publish killed before its manifest left, so the release is made again from nothing. */
    boolean clearUnfinished() {
        try {
            return fs.exists(folder) && fs.delete(folder, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished release " + folder, e);
        }
    }

    /** Writes one table as a single CSV and a single Parquet file; returns the two relative paths. */
    List<String> write(String table, Dataset<Row> rows) {
        String csv = "csv/" + table + ".csv";
        String parquet = "parquet/" + table + ".parquet";
        Path parts = new Path(folder, "_parts/" + table);
        // The CSV parts are written in parallel, without a header, and joined in partition order after the header:
        // the same file as one task writing them all, in a fraction of the time (the CSV writer is the costliest).
        Dataset<Row> csvRows = csvColumns(rows);
        csvRows.write().mode("overwrite").option("header", false).option("encoding", "UTF-8")
                .option("emptyValue", "").csv(new Path(parts, "csv").toString());
        joinParts(new Path(parts, "csv"), ".csv", headerLine(csvRows.columns()), new Path(folder, csv));
        rows.coalesce(1).write().mode("overwrite").parquet(new Path(parts, "parquet").toString());
        moveSinglePart(new Path(parts, "parquet"), ".parquet", new Path(folder, parquet));
        try {
            fs.delete(parts, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + parts, e);
        }
        return List.of(csv, parquet);
    }

    /**
     * The rows as CSV can hold them: a map, array or struct column (comorbidity's {@code by_condition}) as its JSON
     * text, which CSV readers take as one field; Parquet keeps the type.
     */
    static Dataset<Row> csvColumns(Dataset<Row> rows) {
        Dataset<Row> out = rows;
        for (StructField f : rows.schema().fields()) {
            if (f.dataType() instanceof MapType || f.dataType() instanceof ArrayType || f.dataType() instanceof StructType) {
                out = out.withColumn(f.name(), to_json(col("`" + f.name() + "`")));
            }
        }
        return out;
    }

    /** Removes the folder Spark's parts were written in. */
    void clearParts() {
        Path parts = new Path(folder, "_parts");
        try {
            fs.delete(parts, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + parts, e);
        }
    }

    /** The header line of a CSV file with these columns, as Spark's CSV writer quotes them. */
    static String headerLine(String[] columns) {
        StringBuilder out = new StringBuilder();
        for (String c : columns) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(csvField(c));
        }
        return out.append('\n').toString();
    }

    /** Writes {@code header} and then every part of the folder, in the order of their names (Spark's partitions). */
    private void joinParts(Path parts, String suffix, String header, Path target) {
        try {
            FileStatus[] found = fs.listStatus(parts, p -> p.getName().startsWith("part-") && p.getName().endsWith(suffix));
            Arrays.sort(found, Comparator.comparing(f -> f.getPath().getName()));
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(target, true)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                for (FileStatus part : found) {
                    try (InputStream in = fs.open(part.getPath())) {
                        in.transferTo(out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot join the written parts into " + target, e);
        }
    }

    private void moveSinglePart(Path parts, String suffix, Path target) {
        try {
            FileStatus[] found = fs.listStatus(parts, p -> p.getName().startsWith("part-") && p.getName().endsWith(suffix));
            if (found.length != 1) {
                throw new IllegalStateException("expected one " + suffix + " part in " + parts + ", found " + found.length);
            }
            fs.mkdirs(target.getParent());
            fs.delete(target, false);
            if (!fs.rename(found[0].getPath(), target)) {
                throw new IllegalStateException("cannot move " + found[0].getPath() + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the written part to " + target, e);
        }
    }

    /** The data dictionary: every column of every published table, with its type and meaning. */
    String writeDictionary(List<TableDef> published) {
        StringBuilder out = new StringBuilder("table,column,type,description\n");
        for (TableDef t : published) {
            for (TableColumnDef c : t.columns()) {
                if (!c.name().equals(TableDef.REFRESH_ID)) {
                    out.append(csvField(t.name())).append(',').append(csvField(c.name())).append(',')
                            .append(csvField(c.sqlType())).append(',').append(csvField(c.comment())).append('\n');
                }
            }
        }
        writeText(DICTIONARY, out.toString());
        return DICTIONARY;
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The SHA-256 of a file of the release, in hex. */
    String sha256(String relative) {
        Path p = new Path(folder, relative);
        try (InputStream in = fs.open(p)) {
            return DigestUtils.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Writes the manifest, last: through a temporary name and a rename, so it is whole or absent. */
    void writeManifest(Map<String, Object> manifest) {
        try {
            writeText(MANIFEST + ".tmp", JSON.writeValueAsString(manifest));
            Path tmp = new Path(folder, MANIFEST + ".tmp");
            if (!fs.rename(tmp, new Path(folder, MANIFEST))) {
                throw new IllegalStateException("cannot rename " + tmp + " to " + MANIFEST);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + folder, e);
        }
    }

    private void writeText(String relative, String text) {
        Path p = new Path(folder, relative);
        try (OutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }
}
