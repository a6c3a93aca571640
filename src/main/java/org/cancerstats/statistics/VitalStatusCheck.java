package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.cancerstats.core.reference.VitalStatus;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.TableDef;

/**
 * Cross-checks each survival patient's follow-up row against the cause-of-death register (the mortality table) and
 * publishes the share of conflicts in {@code data_quality} (rows with extract 'followup'). A conflict is one of
 * {@link #KINDS}:
 * <ul>
 *   <li>dead (vital status 2) with no registered death;</li>
 *   <li>dead with a registered death on another day than the end of follow-up;</li>
 *   <li>alive (1) with a registered death, or emigrated or lost (3) with a death registered on or before the end of
 *       follow-up (at ingest V18 rejects "alive but registered dead"; this catches a follow-up file ingested before the
 *       mortality file, or V18 set to warn).</li>
 * </ul>
 * Survival itself uses the follow-up extract as delivered: the register that wins is the registry's decision, and the
 * share published here tells the analyst how much it matters.
 */
final class VitalStatusCheck {

    static final String DEAD_NOT_REGISTERED = "dead, no death registered";
    static final String DEATH_DATE_DIFFERS = "death date differs from end of follow-up";
    static final String REGISTERED_DEAD = "alive or lost, but a death is registered";
    static final String[] KINDS = {DEAD_NOT_REGISTERED, DEATH_DATE_DIFFERS, REGISTERED_DEAD};

    private final SparkSession spark;
    private final RegistryCatalog catalog;

    VitalStatusCheck(SparkSession spark, RegistryCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    /**
     * The persons whose follow-up row contradicts the register, with the kind ({@code person_key, conflict}). Found
     * person by person, before any site expansion: the register is joined to one row per person, not per site.
     *
     * @param followup the follow-up extract (person_key, vital_status, end_of_followup)
     */
    Dataset<Row> conflicts(Dataset<Row> followup) {
        // An empty register when no mortality file was delivered yet: then every death is "not registered".
        Dataset<Row> deaths = spark.table(catalog.ensure(RegistryTables.extract(Extract.MORTALITY)))
                .select(col("person_key"), col("date_of_death"));
        Column vital = col("vital_status");
        Column registered = col("date_of_death").isNotNull();
        Column conflict = when(vital.equalTo(VitalStatus.DEAD.code()).and(functions.not(registered)), DEAD_NOT_REGISTERED)
                .when(vital.equalTo(VitalStatus.DEAD.code()).and(col("date_of_death").notEqual(col("end_of_followup"))), DEATH_DATE_DIFFERS)
                .when(vital.equalTo(VitalStatus.ALIVE.code()).and(registered), REGISTERED_DEAD)
                .when(vital.equalTo(VitalStatus.EMIGRATED_OR_LOST.code())
                        .and(col("date_of_death").leq(col("end_of_followup"))), REGISTERED_DEAD);
        return followup.filter(col("end_of_followup").isNotNull())
                .join(deaths, "person_key", "left")
                .select(col("person_key"), conflict.as("conflict"))
                .filter(col("conflict").isNotNull());
    }

    /**
     * Writes the follow-up rows of {@code data_quality}.
     *
     * @param summary     survival patients (first tumours) counted by site, sex (code), diagnosis {@code year},
     *                    {@code followed_up} (has a follow-up row) and {@code conflict} (null, or the kind), in
     *                    {@code patients}
     * @param checked     survival patients with their {@code conflict} (null when none)
     * @param closingYear last follow-up year; 5-year periods are counted back from it
     * @return persons with a conflict, by kind
     */
    Map<String, Long> run(Dataset<Row> summary, Dataset<Row> checked, int closingYear, int periodYears, String refreshId) {
        Column periodEnd = lit(closingYear).minus(floor(lit(closingYear).minus(col("year")).divide(periodYears)).multiply(periodYears));
        Column period = functions.concat_ws("-", periodEnd.minus(periodYears - 1).cast("string"), periodEnd.cast("string"));
        Dataset<Row> byPeriod = StatisticFrames.withBothSexes(summary.filter(col("followed_up")))
                .withColumn("when", explode(functions.array(
                        functions.struct(lit("year").as("period_type"), col("year").cast("string").as("period")),
                        functions.struct(lit("period").as("period_type"), period.as("period")))))
                .select(col("site"), col("sex"), col("when.*"), col("conflict"), col("patients"));
        TableDef quality = RateTables.DATA_QUALITY;
        // The share of patients (not of summary rows) with a conflict: 100 × Σ conflicting / Σ all.
        Dataset<Row> rows = byPeriod.groupBy("site", "sex", "period_type", "period")
                .agg(sum(col("patients")).as("records"),
                        sum(when(col("conflict").isNotNull(), col("patients").multiply(100.0)).otherwise(0.0))
                                .divide(sum(col("patients"))).as("vital_conflict_pct"))
                .withColumn("extract", lit(Extract.FOLLOWUP.tableName()));
        for (String c : quality.computedColumns()) {
            if (!java.util.Arrays.asList(rows.columns()).contains(c)) { // the incidence and mortality indicators
                rows = rows.withColumn(c, lit(null).cast(quality.schema().apply(c).dataType()));
            }
        }
        catalog.overwriteWhere(quality, rows, refreshId, col("extract").equalTo(Extract.FOLLOWUP.tableName()));

        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String kind : KINDS) {
            byKind.put(kind, 0L);
        }
        checked.filter(col("conflict").isNotNull()).groupBy("conflict").agg(functions.countDistinct(col("person_key")))
                .collectAsList()
                .forEach(r -> byKind.put(r.getString(0), r.getLong(1)));
        return byKind;
    }
}
