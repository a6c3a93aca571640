package org.cancerstats.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.cancerstats.config.CsvOptions;
import org.cancerstats.core.extract.DelimitedLine;
import org.cancerstats.spark.MappedIterator;

/**
 * A delivered file as numbered records of text fields, whatever its format, so that one validator serves CSV
 * and Parquet alike.
 *
 * <p>CSV is read through Hadoop's line reader rather than Spark's CSV source because quarantine needs each
 * record's line number and raw text, and Latin-1 files must be decoded byte-exactly; Spark's CSV source gives
 * neither. Lines are numbered with {@code zipWithIndex}, which keeps the file's order across splits.
 *
 * @param header    column names in file order
 * @param delimiter the field delimiter (for rebuilding masked raw records)
 * @param records   the data records
 */
record DeliveredRecords(List<String> header, String delimiter, JavaRDD<NumberedRecord> records) {

    static DeliveredRecords read(SparkSession spark, LandingFile file, CsvOptions csv) {
        return file.parquet() ? parquet(spark, file, csv) : delimited(spark, file, csv);
    }

    private static DeliveredRecords delimited(SparkSession spark, LandingFile file, CsvOptions csv) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        String encoding = csv.encoding();
        requireDecodable(hadoop, file, Charset.forName(encoding));
        String headerLine = firstLine(hadoop, file, Charset.forName(encoding));
        String delimiter = csv.delimiterFor(headerLine);
        List<String> header = new DelimitedLine(delimiter.charAt(0)).split(headerLine);
        if (header == null || header.isEmpty()) {
            throw new FileRejectedException(file.name(), "the header line cannot be read as " + delimiter + "-separated");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<String> lines = jsc.newAPIHadoopFile(file.uri(), TextInputFormat.class, LongWritable.class, Text.class,
                hadoop).mapPartitions(it -> decode(it, encoding));
        char sep = delimiter.charAt(0);
        JavaRDD<NumberedRecord> records = lines.zipWithIndex()
                .filter(t -> t._2() > 0)
                .mapPartitions(it -> {
                    DelimitedLine splitter = new DelimitedLine(sep);
                    return new MappedIterator<>(it, t -> {
                        List<String> fields = splitter.split(t._1());
                        return new NumberedRecord(t._2() + 1, fields == null ? null : new ArrayList<>(fields));
                    });
                });
        return new DeliveredRecords(header, delimiter, records);
    }

    private static Iterator<String> decode(Iterator<scala.Tuple2<LongWritable, Text>> lines, String encoding) {
        Charset charset = Charset.forName(encoding);
        // Hadoop reuses the Text object: decode each line before the next is read.
        return new MappedIterator<>(lines, t -> new String(t._2().getBytes(), 0, t._2().getLength(), charset));
    }

    /**
     * The file read through once with a decoder that refuses malformed bytes: a Latin-1 file read as UTF-8 would
     * otherwise turn its letters into replacement characters without a word. Rejects the file naming the first bad
     * line and the setting to change.
     */
    private static void requireDecodable(Configuration hadoop, LandingFile file, Charset charset) {
        java.nio.charset.CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        long line = 1;
        // Line by line, so that the error names the line (a reader decodes a buffer ahead of the lines it returns).
        try (java.io.InputStream in = open(hadoop, file)) {
            java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream(256);
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        current.write(buffer, start, i - start);
                        decoder.decode(java.nio.ByteBuffer.wrap(current.toByteArray()));
                        current.reset();
                        start = i + 1;
                        line++;
                    }
                }
                current.write(buffer, start, n - start);
            }
            decoder.decode(java.nio.ByteBuffer.wrap(current.toByteArray()));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new FileRejectedException(file.name(), "line " + line + " is not valid " + charset.name() + ": set "
                    + "cancerstats.extracts." + file.extract().tableName() + ".csv.encoding to the file's encoding (ISO-8859-1 "
                    + "for Latin-1, windows-1252 for Windows files)");
        } catch (IOException e) {
            throw new FileRejectedException(file.name(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The file's bytes; a compressed delivery (.csv.gz) through its codec, as Hadoop's line reader reads it. */
    private static java.io.InputStream open(Configuration hadoop, LandingFile file) throws IOException {
        Path path = new Path(file.uri());
        org.apache.hadoop.io.compress.CompressionCodec codec =
                new org.apache.hadoop.io.compress.CompressionCodecFactory(hadoop).getCodec(path);
        java.io.InputStream raw = path.getFileSystem(hadoop).open(path);
        return codec == null ? raw : codec.createInputStream(raw);
    }

    private static String firstLine(Configuration hadoop, LandingFile file, Charset charset) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(hadoop, file), charset))) {
            String line = reader.readLine();
            if (line == null || line.isBlank()) {
                throw new FileRejectedException(file.name(), "the file is empty (no header line)");
            }
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        } catch (IOException e) {
            throw new FileRejectedException(file.name(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static DeliveredRecords parquet(SparkSession spark, LandingFile file, CsvOptions csv) {
        Dataset<Row> frame;
        try {
            frame = spark.read().parquet(file.uri());
        } catch (Exception e) { // not Parquet at all: Spark's AnalysisException, a checked exception thrown from Scala
            throw new FileRejectedException(file.name(), "cannot be read as Parquet: " + e.getMessage(), e);
        }
        // Render every column as text the validator reads: dates in the configured pattern, the rest as strings.
        Column[] asText = Arrays.stream(frame.schema().fields()).map(f -> asText(f, csv.datePattern())).toArray(Column[]::new);
        int width = asText.length;
        JavaRDD<NumberedRecord> records = frame.select(asText).javaRDD().zipWithIndex().map(t -> {
            ArrayList<String> fields = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                fields.add(t._1().isNullAt(i) ? null : t._1().getString(i));
            }
            return new NumberedRecord(t._2() + 1, fields);
        });
        return new DeliveredRecords(Arrays.asList(frame.columns()), ",", records);
    }

    private static Column asText(StructField field, String datePattern) {
        Column c = functions.col("`" + field.name() + "`");
        boolean temporal = field.dataType() instanceof DateType || field.dataType() instanceof TimestampType;
        return (temporal ? functions.date_format(c, datePattern.replace('u', 'y')) : c.cast("string")).as(field.name());
    }
}
