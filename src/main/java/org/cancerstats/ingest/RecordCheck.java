package org.cancerstats.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.privacy.Pseudonymiser;
import org.cancerstats.core.validate.Outcome;
import org.cancerstats.core.validate.RecordValidator;
import org.cancerstats.core.validate.ValidationSettings;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.spark.MappedIterator;

/**
 * The per-partition step of ingest: runs the Spark-free {@link RecordValidator} (which also pseudonymises the
 * person id) over each record and emits one row per record, accepted or not, in {@link #schema(Extract)}.
 * No record is dropped here, so rows out = rows in.
 */
final class RecordCheck implements FlatMapFunction<Iterator<NumberedRecord>, Row> {
    private static final long serialVersionUID = 1L;

    static final String LINE = "source_line";
    static final String WARNINGS = "warning_codes";
    static final String REJECTIONS = "reject_codes";
    static final String DETAILS = "rule_details";
    static final String RAW = "raw_record";

    private final Extract extract;
    private final ArrayList<String> header;
    private final String delimiter;
    private final ValidationSettings settings;
    private final byte[] key;

    RecordCheck(Extract extract, List<String> header, String delimiter, ValidationSettings settings, byte[] key) {
        this.extract = extract;
        this.header = new ArrayList<>(header);
        this.delimiter = delimiter;
        this.settings = settings;
        this.key = key.clone();
    }

    /** Fails on the driver, before any Spark job, when a required column is missing. */
    void checkHeader() {
        RecordValidator.forHeader(extract, header, settings, id -> id, delimiter);
    }

    @Override
    public Iterator<Row> call(Iterator<NumberedRecord> records) {
        RecordValidator validator = RecordValidator.forHeader(extract, header, settings, Pseudonymiser.withKey(key), delimiter);
        return new MappedIterator<>(records, r -> toRow(r.line(), validator.validate(r.fields())));
    }

    private static Row toRow(long line, Outcome outcome) {
        Object[] values = outcome.values();
        Object[] row = new Object[values.length + 5];
        row[0] = line;
        for (int i = 0; i < values.length; i++) {
            row[i + 1] = values[i] instanceof LocalDate d ? Date.valueOf(d) : values[i];
        }
        int at = values.length + 1;
        row[at] = outcome.warnings().toArray(String[]::new);
        row[at + 1] = outcome.rejections().toArray(String[]::new);
        row[at + 2] = outcome.details().toArray(String[]::new);
        row[at + 3] = outcome.maskedRecord();
        return RowFactory.create(row);
    }

    /** source_line, the extract table's own columns, warning, reject and detail codes, masked raw record. */
    static StructType schema(Extract extract) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        StructType table = RegistryTables.extract(extract).schema();
        for (TableColumnDef c : RegistryTables.extract(extract).columns().subList(0, extract.tableColumns().size())) {
            fields.add(table.apply(c.name()));
        }
        fields.add(DataTypes.createStructField(WARNINGS, DataTypes.createArrayType(DataTypes.StringType, false), false));
        fields.add(DataTypes.createStructField(REJECTIONS, DataTypes.createArrayType(DataTypes.StringType, false), false));
        fields.add(DataTypes.createStructField(DETAILS, DataTypes.createArrayType(DataTypes.StringType, false), false));
        fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }
}
