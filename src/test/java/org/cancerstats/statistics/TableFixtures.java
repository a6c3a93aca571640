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

    /** A population row of 5-year age group {@code a} (0-based; 17 is 85+), education unknown. */
    static org.cancerstats.tables.TableRow.Builder populationRow(TableDef table, int year, int sex, int a, String region, double pop) {
        return table.everyColumnRow().row().set("year", year).set("sex", sex).set("age_lower", 5 * a)
                .set("age_upper", a == 17 ? null : 5 * a + 4).set("region", region).set("population", pop)
                .set("education", null).set("warning_codes", new String[0]).set("source_file", "population/p.csv")
                .set("source_line", 2L).set("file_sha256", "x").set("refresh_id", "r");
    }

    /** A row of the rates' zero-filled counts ({@code table}: incidence_counts or mortality_counts). */
    static Row countRow(TableDef table, int year, int sex, int a, String region, String site, long cases) {
        return table.everyColumnRow().row().set("year", year).set("sex", sex).set("region", region)
                .set("age_group", org.cancerstats.core.reference.AgeGroups.STANDARD.labels().get(a)).set("age_lower", 5 * a)
                .set("site", site).set("cases", cases).set("refresh_id", "r").build();
    }

    static void insert(RegistryCatalog catalog, TableDef table, List<Row> rows) {
        String name = catalog.ensure(table);
        SharedSpark.get().createDataFrame(rows, table.schema()).write().mode("overwrite").insertInto(name);
    }
}
