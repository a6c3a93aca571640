package org.cancerstats.statistics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.sql.Row;
import org.cancerstats.core.stats.ExpectedSurvival;

/**
 * The life tables of the lifetable extract: the national one (rows without region) and one per region when the
 * extract has regional rows. A patient's expected survival comes from the life table of the region of residence at
 * diagnosis, or the national one when that region has none (docs/methods.md).
 */
final class LifeTables implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LifeTable national;
    private final Map<String, LifeTable> regional;

    private LifeTables(LifeTable national, Map<String, LifeTable> regional) {
        this.national = national;
        this.regional = regional;
    }

    /** From rows (region, year, sex, age_lower, survival_probability); region null for national rows. */
    static LifeTables of(List<Row> rows) {
        Map<String, List<Row>> byRegion = new HashMap<>();
        List<Row> nationalRows = new ArrayList<>();
        for (Row r : rows) {
            Row cell = org.apache.spark.sql.RowFactory.create(r.get(1), r.get(2), r.get(3), r.get(4));
            if (r.isNullAt(0)) {
                nationalRows.add(cell);
            } else {
                byRegion.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(cell);
            }
        }
        Map<String, LifeTable> regional = new HashMap<>();
        byRegion.forEach((region, cells) -> regional.put(region, LifeTable.of(cells, "the life table of region " + region)));
        return new LifeTables(nationalRows.isEmpty() ? null : LifeTable.of(nationalRows, "the national life table"), regional);
    }

    /** Regions with their own life table. */
    Collection<String> regions() {
        return new TreeSet<>(regional.keySet());
    }

    /**
     * Checks that every life table a patient will use covers ages 0-99, both sexes, {@code firstYear} to
     * {@code lastYear}: the regional tables of {@code patientRegions} and, when some patient's region has none, the
     * national table.
     *
     * @throws IllegalStateException naming the missing table or cells
     */
    void requireCoverage(int firstYear, int lastYear, Collection<String> patientRegions) {
        List<String> withoutTable = patientRegions.stream().filter(r -> !regional.containsKey(r)).sorted().toList();
        if (!withoutTable.isEmpty() || regional.isEmpty()) {
            if (national == null) {
                throw new IllegalStateException("the lifetable table has no national rows (region empty), and region(s) "
                        + withoutTable.subList(0, Math.min(10, withoutTable.size()))
                        + " of included patients have no regional life table: survival needs one of them");
            }
            national.requireCoverage(firstYear, lastYear);
        }
        for (String region : patientRegions) {
            LifeTable table = regional.get(region);
            if (table != null) {
                table.requireCoverage(firstYear, lastYear);
            }
        }
    }

    /** The life table a patient resident in {@code region} at diagnosis is compared with. */
    ExpectedSurvival forRegion(String region) {
        LifeTable table = region == null ? null : regional.get(region);
        return table != null ? table : national;
    }
}
