package org.cancerstats.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;

import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;

import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code statistic_inputs} table: which versions of its input extract tables each statistic was last computed
 * from. Written after a statistic's tables, so a run killed in between leaves the old entry and the statistic is
 * recomputed next time (recomputing is idempotent; skipping would leave it stale).
 */
public final class StatisticInputs {

    private static final String STATISTIC = "statistic";

    private final RegistryCatalog catalog;

    public StatisticInputs(RegistryCatalog catalog) {
        this.catalog = catalog;
    }

    /** Current data versions of the named tables ({@link RegistryCatalog#dataVersion}); -1 for a table not there yet. */
    public Map<String, Long> currentVersions(java.util.Collection<String> tables) {
        Map<String, Long> out = new TreeMap<>(catalog.dataVersions(tables));
        tables.forEach(t -> out.putIfAbsent(t, -1L));
        return out;
    }

    /** The input versions each statistic was last computed from. */
    public Map<String, Map<String, Long>> recorded() {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Row r : catalog.spark().table(catalog.ensure(RegistryTables.STATISTIC_INPUTS)).collectAsList()) {
            out.put(r.getAs(STATISTIC), new TreeMap<>(r.<String, Long>getJavaMap(r.fieldIndex("input_versions"))));
        }
        return out;
    }

    /**
     * Records, in one commit, that {@code statistic} is now computed from {@code versions}: the table's few rows (one
     * per statistic) are read and written back whole with this one replaced: a small read and one write, where a
     * MERGE planned and ran three Spark jobs.
     */
    public void record(String statistic, Map<String, Long> versions, String refreshId) {
        List<Row> rows = new java.util.ArrayList<>();
        for (Row r : catalog.spark().table(catalog.ensure(RegistryTables.STATISTIC_INPUTS)).collectAsList()) {
            if (!r.getAs(STATISTIC).equals(statistic)) {
                rows.add(r);
            }
        }
        rows.add(RegistryTables.STATISTIC_INPUTS.everyColumnRow().row().set(STATISTIC, statistic)
                .set("input_versions", CollectionConverters.asScala(versions)).set("refresh_id", refreshId)
                .set("computed_at", Timestamp.from(Instant.now())).build());
        RegistryCatalog.committing("write " + RegistryTables.STATISTIC_INPUTS.name() + " for " + statistic);
        catalog.spark().createDataFrame(rows, RegistryTables.STATISTIC_INPUTS.schema()).coalesce(1)
                .write().mode("overwrite").insertInto(catalog.qualified(RegistryTables.STATISTIC_INPUTS.name()));
    }
}
