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

    private static String firstLine(Configuration hadoop, LandingFile file, Charset charset) {
        Path path = new Path(file.uri());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(path.getFileSystem(hadoop).open(path), charset))) {
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
        } catch (RuntimeException e) {
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
