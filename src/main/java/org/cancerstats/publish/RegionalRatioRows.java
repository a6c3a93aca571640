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
 * The {@code regional_ratios} table (SIR, SMR) under the threshold rule, judged by the protected rate tables:
 * <ul>
 *   <li>{@code observed} is the region's all-ages count of the period, a cell of the rate cube. It is shown when the
 *       rate release shows that cell and it is the same count; otherwise it is null with {@code count_flag}: the rate
 *       release's flag, or {@code not_published} for a count the rate tables do not hold (the whole span of the data,
 *       a sum of years they never add up; or a count without the cases of an age group that has no national
 *       person-years).</li>
 *   <li>{@code expected} is Σ_a (national cases_a / national person-years_a) × the region's person-years_a by sex (both
 *       sexes: the sum of the two), so with the published person-years it is one more equation between the national
 *       age-group counts, the ASR's own. It is shown, with the funnel limits made of it, only when the rate release
 *       shows the national all-ages ASR of each sex it is made of (no national age-group count under it suppressed);
 *       otherwise null with {@code rate_flag}.</li>
 *   <li>the ratio, its limits, the p-value and the funnel verdicts are functions of the two: shown only with both.</li>
 * </ul>
 */
final class RegionalRatioRows {

    private static final String ALL = RateRelease.ALL;
    private static final List<String> EXPECTED = List.of("expected", "funnel_lower_95", "funnel_upper_95", "funnel_lower_998",
            "funnel_upper_998");
    private static final List<String> RATIO = List.of("ratio", "ratio_lower", "ratio_upper", "p_value", "outside_95",
            "outside_998");

    private RegionalRatioRows() {
    }

    /**
     * @param statuses the rate release's kept status table ({@link ProtectedRows.Outcome#statuses()}): a key not in it
     *                 is published whole
     */
    static Dataset<Row> protect(SparkSession spark, RegistryCatalog catalog, DisclosureRule rule, Dataset<Row> statuses) {
        List<String> stratum = List.of("measure", "period", "sex", "region", "site");
        Column allEducation = col("education").equalTo(ALL);
        Dataset<Row> regions = ProtectedRows.periodCells(catalog, statuses,
                        allEducation.and(col("region").notEqual(RateRelease.NATIONAL)))
                .select(col("k_measure").as("measure"), col("k_time").as("period"), col("k_sex").as("sex"),
                        col("k_region").as("region"), col("k_site").as("site"), col("cases").as("cube_cases"),
                        ProtectedRows.flag("count_status").as("cube_flag"));
        // each sex's national ASR status (both sexes: the expected counts of the two are added)
        Dataset<Row> nation = ProtectedRows.periodCells(catalog, statuses,
                        allEducation.and(col("region").equalTo(RateRelease.NATIONAL)).and(col("sex").notEqual(RateRelease.BOTH)))
                .groupBy(col("k_measure").as("measure"), col("k_time").as("period"), col("k_site").as("site"))
                .pivot("k_sex", List.<Object>of("male", "female"))
                .agg(functions.count(lit(1)).as("rows"), functions.first(ProtectedRows.flag("standardised_status")).as("flag"));
        Dataset<Row> rows = spark.table(catalog.qualified(ComparisonTables.REGIONAL_RATIOS.name()))
                .join(regions, scala.jdk.javaapi.CollectionConverters.asScala(stratum).toSeq(), "left")
                .join(functions.broadcast(nation), scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("measure", "period", "site")).toSeq(), "left");

        Column inCube = col("cube_cases").isNotNull().and(col("cube_cases").equalTo(col("observed")));
        Column countFlag = when(inCube.isNull().or(inCube.unary_$bang()), lit(SurvivalRows.NOT_PUBLISHED))
                .otherwise(col("cube_flag"));
        Column expectedFlag = coalesce(nationalFlag("male"), nationalFlag("female"));
        Map<String, Column> replaced = new LinkedHashMap<>();
        replaced.put("observed", when(countFlag.isNull(), col("observed")));
        EXPECTED.forEach(c -> replaced.put(c, when(expectedFlag.isNull(), col(c))));
        RATIO.forEach(c -> replaced.put(c, when(countFlag.isNull().and(expectedFlag.isNull()), col(c))));
        replaced.put(PublicTables.COUNT_FLAG, countFlag);
        replaced.put(PublicTables.RATE_FLAG, coalesce(expectedFlag, countFlag));
        return PublicTables.select(rows, ComparisonTables.REGIONAL_RATIOS, replaced);
    }

    /**
     * The flag of the national ASR of one sex, on the rows whose expected count is made of it (that sex and both):
     * the rate release's, or {@code not_published} when the rate tables have no such national row.
     */
    private static Column nationalFlag(String sex) {
        Column uses = col("sex").equalTo(sex).or(col("sex").equalTo(RateRelease.BOTH));
        return when(uses, when(coalesce(col(sex + "_rows"), lit(0L)).equalTo(0), lit(SurvivalRows.NOT_PUBLISHED))
                .otherwise(col(sex + "_flag")));
    }

    /** The published rows' observed counts keyed as the rate cube keys them, with their flags, for the audit. */
    static Dataset<Row> keyedCounts(Dataset<Row> rows) {
        return rows.select(col("period").as("k_time"), col("sex").as("k_sex"), col("region").as("k_region"),
                lit(ALL).as("k_education"), lit(ALL).as("k_age"), col("site").as("k_site"),
                col("observed").cast("long").as("cases"), col(PublicTables.COUNT_FLAG));
    }
}
