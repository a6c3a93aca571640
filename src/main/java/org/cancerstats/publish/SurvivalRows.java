package org.cancerstats.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.SurvivalTables;
import org.cancerstats.tables.RegistryCatalog;

/**
 * The survival tables under the threshold rule, "under the same rules on their patient counts":
 * <ul>
 *   <li>an estimate (survival, SE, limits; every month of its curve) on 1 to k−1 patients is null and flagged
 *       {@code suppressed_small}; on fewer than m it is flagged {@code unreliable}, and null unless the rule shows
 *       such figures. (The statistic itself already withholds estimates on fewer than 30 patients, S01.)</li>
 *   <li>the counts {@code patients} and {@code deaths} are not published (null, {@code count_flag = not_published}):
 *       they add up over sex, region, stage and age like the incidence counts, and are not in the protected cube, so
 *       publishing them would let a small one be recomputed by subtraction.</li>
 * </ul>
 * {@code survival_differences} (a region's age-standardised survival minus the nation's) is published by the same
 * rule ({@link #protectDifferences}).
 *
 * <p>Known limit (docs/publishing.md): a survival estimate and its standard error tell the number of patients roughly.
 * {@code survival_quality} (patients by exclusion reason) stays withheld.
 */
final class SurvivalRows {

    static final String NOT_PUBLISHED = "not_published";
    private static final List<String> ESTIMATES = List.of("survival", "se", "lower", "upper");
    private static final List<String> CURVE_ESTIMATES = List.of("survival", "lower", "upper");
    /** The columns that name one estimate's patients: a survival row's group, without its horizon. */
    private static final List<String> GROUP = List.of("site", "sex", "region", "stage", "approach", "period", "age_group",
            "estimator");

    private SurvivalRows() {
    }

    /** The published survival and survival_curve rows (without release_id and refresh_id). */
    static Map<String, Dataset<Row>> protect(SparkSession spark, RegistryCatalog catalog, DisclosureRule rule) {
        Dataset<Row> survival = spark.table(catalog.qualified(SurvivalTables.SURVIVAL.name()));
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        Map<String, Column> replaced = new LinkedHashMap<>();
        Column flag = flag(col("patients"), rule);
        Column shown = shown(flag, rule);
        ESTIMATES.forEach(e -> replaced.put(e, when(shown, col(e))));
        replaced.put("patients", lit(null));
        replaced.put("deaths", lit(null));
        replaced.put(PublicTables.COUNT_FLAG, lit(NOT_PUBLISHED));
        replaced.put(PublicTables.ESTIMATE_FLAG, flag);
        out.put(SurvivalTables.SURVIVAL.name(), PublicTables.select(survival, SurvivalTables.SURVIVAL, replaced));

        // the curve's patients are those of its group's survival rows (the same at every horizon)
        Dataset<Row> patients = survival.groupBy(GROUP.stream().map(c -> col(c)).toArray(Column[]::new))
                .agg(max("patients").as("group_patients"));
        Dataset<Row> curve = spark.table(catalog.qualified(SurvivalTables.SURVIVAL_CURVE.name()))
                .join(patients, scala.jdk.javaapi.CollectionConverters.asScala(GROUP).toSeq(), "left");
        Map<String, Column> curveReplaced = new LinkedHashMap<>();
        // a curve whose group has no survival row has no patient count to judge it by: not shown
        Column curveFlag = when(col("group_patients").isNull(), lit(NOT_PUBLISHED)).otherwise(flag(col("group_patients"), rule));
        Column curveShown = shown(curveFlag, rule);
        CURVE_ESTIMATES.forEach(e -> curveReplaced.put(e, when(curveShown, col(e))));
        curveReplaced.put(PublicTables.ESTIMATE_FLAG, curveFlag);
        out.put(SurvivalTables.SURVIVAL_CURVE.name(), PublicTables.select(curve, SurvivalTables.SURVIVAL_CURVE, curveReplaced));
        return out;
    }

    /**
     * The published {@code survival_differences} rows (without release_id and refresh_id). The region's and the
     * nation's survival are each shown by the rule on their own patients, as in {@code survival}; the difference and
     * its limits only when both are. {@code estimate_flag} is the region's flag, or the nation's when the region has
     * none (the nation holds the region's patients, so its flag is never the worse). {@code patients} and
     * {@code national_patients} are not published, as in {@code survival}.
     */
    static Dataset<Row> protectDifferences(SparkSession spark, RegistryCatalog catalog, DisclosureRule rule) {
        Dataset<Row> rows = spark.table(catalog.qualified(ComparisonTables.SURVIVAL_DIFFERENCES.name()));
        Column region = flag(col("patients"), rule);
        Column nation = flag(col("national_patients"), rule);
        Column regionShown = shown(region, rule);
        Column nationShown = shown(nation, rule);
        Map<String, Column> replaced = new LinkedHashMap<>();
        replaced.put("survival", when(regionShown, col("survival")));
        replaced.put("national_survival", when(nationShown, col("national_survival")));
        for (String d : List.of("difference", "difference_lower", "difference_upper")) {
            replaced.put(d, when(regionShown.and(nationShown), col(d)));
        }
        replaced.put("patients", lit(null));
        replaced.put("national_patients", lit(null));
        replaced.put(PublicTables.COUNT_FLAG, lit(NOT_PUBLISHED));
        replaced.put(PublicTables.ESTIMATE_FLAG, coalesce(region, nation));
        return PublicTables.select(rows, ComparisonTables.SURVIVAL_DIFFERENCES, replaced);
    }

    /** Whether an estimate with this flag is shown: no flag, or unreliable under a rule that shows such figures. */
    private static Column shown(Column flag, DisclosureRule rule) {
        return flag.isNull().or(flag.equalTo(ProtectedRows.UNRELIABLE).and(lit(rule.flagUnreliable())));
    }

    /** suppressed_small for 1 to k−1 patients, unreliable for fewer than m, else null. */
    private static Column flag(Column patients, DisclosureRule rule) {
        return when(patients.geq(1).and(patients.lt(rule.minCount())), lit(CellStatus.SUPPRESSED_SMALL.flag()))
                .when(patients.lt(rule.minRateCases()), lit(ProtectedRows.UNRELIABLE));
    }
}
