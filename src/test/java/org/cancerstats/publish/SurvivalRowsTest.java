package org.cancerstats.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.SurvivalTables;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;
import org.junit.jupiter.api.Test;

/** The survival tables under the threshold rule, from rows written by hand: estimates judged by their patients. */
class SurvivalRowsTest {

    private static final String DB = "survival_rows_test";

    private static Row survival(TableDef t, String site, long patients, Double estimate) {
        return t.everyColumnRow().row().set("site", site).set("sex", "both").set("region", "national").set("stage", "all")
                .set("approach", "cohort").set("period", "2019-2023").set("age_group", "all").set("horizon_years", 5)
                .set("estimator", "pohar_perme").set("icss_set", "1").set("patients", patients).set("deaths", patients / 2)
                .set("survival", estimate).set("se", estimate == null ? null : 0.05).set("lower", estimate == null ? null : 0.5)
                .set("upper", estimate == null ? null : 0.7).set("ci_transform", "log-log")
                .set("withheld_reason", estimate == null ? "S01" : null).set("refresh_id", "r").build();
    }

    private static Row curve(TableDef t, String site, int month) {
        return t.everyColumnRow().row().set("site", site).set("sex", "both").set("region", "national").set("stage", "all")
                .set("approach", "cohort").set("period", "2019-2023").set("age_group", "all").set("month", month)
                .set("estimator", "pohar_perme").set("survival", 0.9).set("lower", 0.8).set("upper", 0.95)
                .set("refresh_id", "r").build();
    }

    private static Row difference(String region, long patients, long nationalPatients) {
        TableDef t = ComparisonTables.SURVIVAL_DIFFERENCES;
        return t.everyColumnRow().row().set("site", "colon").set("sex", "both").set("approach", "cohort")
                .set("period", "2019-2023").set("region", region).set("horizon_years", 5).set("patients", patients)
                .set("national_patients", nationalPatients).set("survival", 0.55).set("national_survival", 0.6)
                .set("difference", -0.05).set("difference_lower", -0.1).set("difference_upper", 0.0).set("withheld_reason", null)
                .set("refresh_id", "r").build();
    }

    /**
     * A region's survival minus the nation's: each survival judged by its own patients, the difference shown only
     * with both, and neither patient count published. With the nation's survival shown, a shown difference would
     * give the region's.
     */
    @Test
    void aRegionsDifferenceIsShownOnlyWithBothEstimates() {
        SparkSession spark = SharedSpark.get();
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> rows = List.of(difference("Nord", 80, 300), difference("Syd", 2, 300), difference("Vest", 7, 300),
                difference("Øst", 2, 8));
        spark.createDataFrame(rows, ComparisonTables.SURVIVAL_DIFFERENCES.schema()).write().mode("overwrite")
                .insertInto(catalog.ensure(ComparisonTables.SURVIVAL_DIFFERENCES));

        Map<String, Row> byRegion = new HashMap<>();
        for (boolean showUnreliable : List.of(false, true)) {
            Dataset<Row> out = SurvivalRows.protectDifferences(spark, catalog, DisclosureRule.threshold(3, 10, true, showUnreliable));
            assertThat(out.columns()).containsExactly(PublicTables.of(ComparisonTables.SURVIVAL_DIFFERENCES).columnNames()
                    .subList(1, PublicTables.of(ComparisonTables.SURVIVAL_DIFFERENCES).columnNames().size() - 1)
                    .toArray(String[]::new));
            assertThat(out.where("patients IS NOT NULL OR national_patients IS NOT NULL OR count_flag <> 'not_published'")
                    .count()).isZero();
            out.collectAsList().forEach(r -> byRegion.put(r.getAs("region") + " " + showUnreliable, r));
        }
        for (boolean showUnreliable : List.of(false, true)) {
            Row nord = byRegion.get("Nord " + showUnreliable);
            assertThat(nord.<Double>getAs("difference")).isEqualTo(-0.05);
            assertThat(nord.<Double>getAs("survival")).isEqualTo(0.55);
            assertThat(nord.<String>getAs(PublicTables.ESTIMATE_FLAG)).isNull();
            // 2 patients in the region: its survival and the difference null, the nation's shown
            Row syd = byRegion.get("Syd " + showUnreliable);
            assertThat(syd.<Double>getAs("survival")).isNull();
            assertThat(syd.<Double>getAs("difference")).isNull();
            assertThat(syd.<Double>getAs("difference_upper")).isNull();
            assertThat(syd.<Double>getAs("national_survival")).isEqualTo(0.6);
            assertThat(syd.<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("suppressed_small");
            // 2 in the region and 8 in the nation: the region's flag, both estimates judged
            Row east = byRegion.get("Øst " + showUnreliable);
            assertThat(east.<Double>getAs("survival")).isNull();
            assertThat(east.<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("suppressed_small");
            assertThat(east.<Double>getAs("national_survival")).isEqualTo(showUnreliable ? 0.6 : null);
        }
        // 7 patients, under m = 10: unreliable, shown only by a rule that shows such figures
        assertThat(byRegion.get("Vest false").<Double>getAs("difference")).isNull();
        assertThat(byRegion.get("Vest false").<Double>getAs("survival")).isNull();
        assertThat(byRegion.get("Vest true").<Double>getAs("difference")).isEqualTo(-0.05);
        assertThat(byRegion.get("Vest true").<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("unreliable");
        assertThat(byRegion.get("Vest true").<Double>getAs("national_survival")).isEqualTo(0.6);
    }

    @Test
    void estimatesAreJudgedByTheirPatientsAndNoCountIsPublished() {
        SparkSession spark = SharedSpark.get();
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> rows = new ArrayList<>(List.of(survival(SurvivalTables.SURVIVAL, "colon", 120, 0.6),
                survival(SurvivalTables.SURVIVAL, "anus", 2, 0.5), survival(SurvivalTables.SURVIVAL, "eye", 7, 0.6),
                survival(SurvivalTables.SURVIVAL, "bone", 12, null)));
        spark.createDataFrame(rows, SurvivalTables.SURVIVAL.schema()).write().mode("overwrite")
                .insertInto(catalog.ensure(SurvivalTables.SURVIVAL));
        List<Row> months = List.of(curve(SurvivalTables.SURVIVAL_CURVE, "colon", 12), curve(SurvivalTables.SURVIVAL_CURVE, "anus", 12),
                curve(SurvivalTables.SURVIVAL_CURVE, "lip", 12));
        spark.createDataFrame(months, SurvivalTables.SURVIVAL_CURVE.schema()).write().mode("overwrite")
                .insertInto(catalog.ensure(SurvivalTables.SURVIVAL_CURVE));

        Map<String, Dataset<Row>> out = SurvivalRows.protect(spark, catalog,
                DisclosureRule.threshold(3, 10, true, false));
        Map<String, Row> bySite = new HashMap<>();
        out.get("survival").collectAsList().forEach(r -> bySite.put(r.getAs("site"), r));
        // patients and deaths are never published; the flag says so
        assertThat(out.get("survival").where("patients IS NOT NULL OR deaths IS NOT NULL").count()).isZero();
        assertThat(bySite.get("colon").<String>getAs("count_flag")).isEqualTo("not_published");
        assertThat(bySite.get("colon").<Double>getAs("survival")).isEqualTo(0.6);
        assertThat(bySite.get("colon").<String>getAs(PublicTables.ESTIMATE_FLAG)).isNull();
        // 2 patients: small; 7: under m = 10, suppressed since the rule does not show such figures
        assertThat(bySite.get("anus").<Double>getAs("survival")).isNull();
        assertThat(bySite.get("anus").<Double>getAs("se")).isNull();
        assertThat(bySite.get("anus").<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("suppressed_small");
        assertThat(bySite.get("eye").<Double>getAs("upper")).isNull();
        assertThat(bySite.get("eye").<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("unreliable");
        // the statistic's own withholding stays, with its reason
        assertThat(bySite.get("bone").<String>getAs("withheld_reason")).isEqualTo("S01");

        Map<String, Row> curves = new HashMap<>();
        out.get("survival_curve").collectAsList().forEach(r -> curves.put(r.getAs("site"), r));
        assertThat(curves.get("colon").<Double>getAs("survival")).isEqualTo(0.9);
        assertThat(curves.get("anus").<Double>getAs("lower")).isNull();
        assertThat(curves.get("anus").<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("suppressed_small");
        // a curve without a survival row has no patients to be judged by
        assertThat(curves.get("lip").<Double>getAs("survival")).isNull();
        assertThat(curves.get("lip").<String>getAs(PublicTables.ESTIMATE_FLAG)).isEqualTo("not_published");
        assertThat(out.get("survival_curve").count()).isEqualTo(3);
        assertThat(out.get("survival").columns()).containsExactly(PublicTables.of(SurvivalTables.SURVIVAL).columnNames()
                .subList(1, PublicTables.of(SurvivalTables.SURVIVAL).columnNames().size() - 1).toArray(String[]::new));
    }
}
