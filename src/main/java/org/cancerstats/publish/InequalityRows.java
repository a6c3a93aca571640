package org.cancerstats.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.tables.RegistryCatalog;

/**
 * The {@code inequality} table under the threshold rule, as a view of the protected rate tables. Its figures are the
 * rate tables' own: {@code cases} is the national all-ages count of education {@code all},
 * {@code cases_unknown_education} the one of education {@code unknown}, and each level's ASR and limits the national
 * all-ages ASR of that level. So each is shown exactly when the rate release shows it:
 * <ul>
 *   <li>a count is null, with its flag, when the rate release suppresses it, or ({@code not_published}) when the rate
 *       tables do not hold it with the same count; the unknown share and its flag are null unless both counts are
 *       shown (the share and one count give the other);</li>
 *   <li>a level's ASR and limits are null when the rate release withholds that ASR, or when its cases are fewer than
 *       m and the rule does not show such figures, with its flag ({@code asr_high_flag} ...);</li>
 *   <li>an index is null unless every ASR it is made of is shown: the rate ratio with low and high, SII and RII with
 *       all three.</li>
 * </ul>
 * Nothing here is computed from figures the rate release withholds, so the inequality table adds no equation to those
 * the rate release protects against (its audit adds these counts to the same cube, {@link ReleaseAudit}).
 */
final class InequalityRows {

    static final String UNKNOWN_COUNT_FLAG = "unknown_count_flag";
    static final List<String> LEVELS = List.of("high", "medium", "low");
    private static final String ALL = RateRelease.ALL;
    private static final String UNKNOWN = "unknown";

    private InequalityRows() {
    }

    /** The flag column of a level's ASR. */
    static String asrFlag(String level) {
        return "asr_" + level + "_flag";
    }

    /**
     * @param statuses the rate release's kept status table ({@link ProtectedRows.Outcome#statuses()}): a key not in it
     *                 is published whole
     */
    static Dataset<Row> protect(SparkSession spark, RegistryCatalog catalog, DisclosureRule rule, Dataset<Row> statuses) {
        Dataset<Row> rows = spark.table(catalog.qualified(ComparisonTables.INEQUALITY.name()));
        // one row per measure, period, sex and site, with each education's count and flags beside each other
        // the national all-ages counts of every education (all, unknown and the levels), with their statuses
        Dataset<Row> levels = ProtectedRows.periodCells(catalog, statuses, col("region").equalTo(RateRelease.NATIONAL))
                .groupBy(col("k_measure").as("measure"), col("k_time").as("period"), col("k_sex").as("sex"), col("k_site").as("site"))
                .pivot("k_education", List.<Object>of(ALL, UNKNOWN, "high", "medium", "low"))
                .agg(functions.first("cases").as("cases"), functions.first(ProtectedRows.flag("count_status")).as("count"),
                        functions.first(ProtectedRows.flag("standardised_status")).as("standardised"));
        rows = rows.join(functions.broadcast(levels),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("measure", "period", "sex", "site")).toSeq(), "left");
        Map<String, Column> replaced = new LinkedHashMap<>();
        Column allFlag = countFlag(ALL, "cases");
        Column unknownFlag = countFlag(UNKNOWN, "cases_unknown_education");
        Column allShown = allFlag.isNull();
        Column unknownShown = unknownFlag.isNull();
        replaced.put("cases", when(allShown, col("cases")));
        replaced.put(PublicTables.COUNT_FLAG, allFlag);
        replaced.put("cases_unknown_education", when(unknownShown, col("cases_unknown_education")));
        replaced.put("unknown_education_share", when(allShown.and(unknownShown), col("unknown_education_share")));
        replaced.put("unknown_education_flag", when(allShown.and(unknownShown), col("unknown_education_flag")));
        replaced.put(UNKNOWN_COUNT_FLAG, coalesce(unknownFlag, allFlag));
        Map<String, Column> shown = new LinkedHashMap<>();
        for (String e : LEVELS) {
            Column unreliable = col(e + "_cases").lt(rule.minRateCases());
            Column levelShown = col(e + "_cases").isNotNull().and(col(e + "_standardised").isNull())
                    .and(rule.flagUnreliable() ? lit(true) : unreliable.unary_$bang());
            shown.put(e, levelShown);
            for (String f : List.of("asr_" + e, "asr_" + e + "_lower", "asr_" + e + "_upper")) {
                replaced.put(f, when(levelShown, col(f)));
            }
            replaced.put(asrFlag(e), coalesce(when(col(e + "_cases").isNull(), lit(SurvivalRows.NOT_PUBLISHED)),
                    col(e + "_standardised"), when(unreliable, lit(ProtectedRows.UNRELIABLE))));
        }
        Column ratioShown = shown.get("low").and(shown.get("high"));
        Column everyShown = ratioShown.and(shown.get("medium"));
        for (String index : List.of("rate_ratio", "sii", "rii")) {
            for (String f : List.of(index, index + "_lower", index + "_upper")) {
                replaced.put(f, when(index.equals("rate_ratio") ? ratioShown : everyShown, col(f)));
            }
        }
        return PublicTables.select(rows, ComparisonTables.INEQUALITY, replaced);
    }

    /**
     * The flag of one of the row's counts: the rate release's flag of the same cell, or {@code not_published} when the
     * rate tables do not hold that cell with the same count (the table would then publish a count of its own).
     */
    private static Column countFlag(String education, String column) {
        Column same = col(education + "_cases").isNotNull().and(col(education + "_cases").equalTo(col(column)));
        return when(same.unary_$bang(), lit(SurvivalRows.NOT_PUBLISHED)).otherwise(col(education + "_count"));
    }

    /** The rows' two counts keyed as the rate cube keys them, with their flags: for the audit to add to the cube. */
    static Dataset<Row> keyedCounts(Dataset<Row> rows) {
        Dataset<Row> all = keyedCount(rows, ALL, col("cases"), col(PublicTables.COUNT_FLAG));
        // the unknown count's own flag: the column also says why the share is null when the count is shown
        Column unknownFlag = when(col("cases_unknown_education").isNull(), col(UNKNOWN_COUNT_FLAG));
        return all.unionByName(keyedCount(rows, UNKNOWN, col("cases_unknown_education"), unknownFlag));
    }

    private static Dataset<Row> keyedCount(Dataset<Row> rows, String education, Column cases, Column flag) {
        return rows.select(col("period").as("k_time"), col("sex").as("k_sex"), lit(RateRelease.NATIONAL).as("k_region"),
                lit(education).as("k_education"), lit(ALL).as("k_age"), col("site").as("k_site"), cases.cast("long").as("cases"),
                flag.cast("string").as(PublicTables.COUNT_FLAG));
    }
}
