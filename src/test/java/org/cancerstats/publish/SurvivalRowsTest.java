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
