package org.cancerstats.tables;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Builds the rows of a table's computed columns (all but {@code refresh_id}, which {@link RegistryCatalog#overwrite}
 * stamps) by column name: {@code shape.row().set("site", site).set("sex", sex) ... .build()}. Every column must be
 * set, to null where it has no value, so that a column added to the table cannot be left out by mistake.
 * Serializable: made on the driver, used in the executors' row functions.
 */
public final class TableRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final String[] names;
    private transient Map<String, Integer> index;

    TableRow(String table, List<String> names) {
        this.table = table;
        this.names = names.toArray(String[]::new);
        if (this.names.length > 64) {
            throw new IllegalArgumentException("table " + table + " has more than 64 columns");
        }
    }

    /** A new row, no column set yet. */
    public Builder row() {
        if (index == null) {
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                byName.put(names[i], i);
            }
            index = byName;
        }
        return new Builder();
    }

    /** One row being filled. */
    public final class Builder {
        private final Object[] values = new Object[names.length];
        private long set;

        private Builder() {
        }

        /** @throws IllegalArgumentException when the table has no such column */
        public Builder set(String column, Object value) {
            Integer at = index.get(column);
            if (at == null) {
                throw new IllegalArgumentException("table " + table + " has no column " + column + "; its columns: "
                        + Arrays.toString(names));
            }
            values[at] = value;
            set |= 1L << at;
            return this;
        }

        /** @throws IllegalStateException naming the columns not set */
        public Row build() {
            if (Long.bitCount(set) != names.length) {
                List<String> missing = java.util.stream.IntStream.range(0, names.length).filter(i -> (set & (1L << i)) == 0)
                        .mapToObj(i -> names[i]).toList();
                throw new IllegalStateException("row of " + table + " lacks column(s) " + missing);
            }
            return RowFactory.create(values.clone());
        }
    }
}
