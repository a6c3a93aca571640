package org.cancerstats.statistics;

import java.util.List;

import org.apache.spark.sql.Row;
import org.cancerstats.SharedSpark;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;

/** Writes hand-built rows into a registry table, replacing what it held. */
final class TableFixtures {

    private TableFixtures() {
    }

    static void insert(RegistryCatalog catalog, TableDef table, List<Row> rows) {
        String name = catalog.ensure(table);
        SharedSpark.get().createDataFrame(rows, table.schema()).write().mode("overwrite").insertInto(name);
    }
}
