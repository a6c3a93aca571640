package org.cancerstats.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableRow;
import org.junit.jupiter.api.Test;

/**
 * The regional ratios under the threshold rule, from rows and statuses written by hand: the observed count as the rate
 * release shows the region's count, the expected count as it shows the national ASRs it is made of (each sex's), and a
 * count the rate tables do not hold (the whole span, or a count that differs from theirs) not published.
 */
class RegionalRatioRowsTest {

    private static final String DB = "regional_ratio_rows_test";

    private static Row rate(String period, String sex, String region, long cases) {
        TableDef t = RateTables.INCIDENCE_RATES;
        TableRow.Builder b = t.everyColumnRow().row();
        t.columnNames().forEach(c -> b.set(c, null));
        return b.set("period_type", "period").set("period", period).set("period_start", Integer.parseInt(period.substring(0, 4)))
                .set("period_end", Integer.parseInt(period.substring(5))).set("sex", sex).set("region", region)
                .set("education", "all").set("age_range", "all").set("site", "colon").set("standard", "world_segi_1960")
                .set("cases", cases).set("refresh_id", "r").build();
    }

    private static Row ratio(String period, boolean wholeSpan, String sex, String region, long observed) {
        TableDef t = ComparisonTables.REGIONAL_RATIOS;
        TableRow.Builder b = t.everyColumnRow().row();
        t.columnNames().forEach(c -> b.set(c, null));
        return b.set("measure", "incidence").set("ratio_type", "SIR").set("site", "colon").set("sex", sex).set("period", period)
                .set("period_start", Integer.parseInt(period.substring(0, 4))).set("period_end", Integer.parseInt(period.substring(5)))
                .set("whole_span", wholeSpan).set("region", region).set("observed", observed).set("expected", 4.0)
                .set("ratio", observed / 4.0).set("ratio_lower", 0.1).set("ratio_upper", 3.0).set("p_value", 0.5)
                .set("funnel_lower_95", 0.2).set("funnel_upper_95", 2.5).set("funnel_lower_998", 0.05).set("funnel_upper_998", 3.5)
                .set("outside_95", false).set("outside_998", false).set("refresh_id", "r").build();
    }

    @Test
    void observedAndExpectedAreShownAsTheRateReleaseShowsTheirCounts() {
        SparkSession spark = SharedSpark.get();
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> rates = new ArrayList<>();
        for (String period : List.of("2014-2018", "2019-2023")) {
            rates.addAll(List.of(rate(period, "male", "Nord", period.startsWith("2019") ? 2 : 20), rate(period, "female", "Nord", 5),
                    rate(period, "both", "Nord", period.startsWith("2019") ? 7 : 25), rate(period, "male", "Syd", 5),
                    rate(period, "male", "national", 50), rate(period, "female", "national", 60), rate(period, "both", "national", 110)));
        }
        spark.createDataFrame(rates, RateTables.INCIDENCE_RATES.schema()).write().mode("overwrite")
                .insertInto(catalog.ensure(RateTables.INCIDENCE_RATES));
        catalog.ensure(RateTables.MORTALITY_RATES);
        List<Row> ratios = List.of(ratio("2019-2023", false, "male", "Nord", 2), ratio("2019-2023", false, "female", "Nord", 5),
                ratio("2019-2023", false, "both", "Nord", 7), ratio("2019-2023", false, "male", "Syd", 4),
                ratio("2014-2023", true, "male", "Nord", 22), ratio("2014-2018", false, "male", "Nord", 20));
        spark.createDataFrame(ratios, ComparisonTables.REGIONAL_RATIOS.schema()).write().mode("overwrite")
                .insertInto(catalog.ensure(ComparisonTables.REGIONAL_RATIOS));
        // Nord's male count of 2019-2023 is small; a national female age group of 2019-2023 is suppressed, so the
        // national female ASR is withheld
        StructType schema = new StructType();
        for (String k : ProtectedRows.KEY) {
            schema = schema.add(k, DataTypes.StringType, false);
        }
        schema = schema.add("count_status", DataTypes.StringType, false).add("standardised_status", DataTypes.StringType, false);
        Dataset<Row> statuses = spark.createDataFrame(List.of(
                RowFactory.create("incidence", "2019-2023", "male", "Nord", "all", "all", "colon", "suppressed_small", "suppressed_small"),
                RowFactory.create("incidence", "2019-2023", "female", "national", "all", "all", "colon", "published",
                        "suppressed_complementary")), schema);

        Dataset<Row> out = RegionalRatioRows.protect(spark, catalog, DisclosureRule.threshold(3, 10, true, true), statuses);
        assertThat(out.columns()).containsExactly(PublicTables.of(ComparisonTables.REGIONAL_RATIOS).columnNames()
                .subList(1, PublicTables.of(ComparisonTables.REGIONAL_RATIOS).columnNames().size() - 1).toArray(String[]::new));
        Map<String, Row> rows = new HashMap<>();
        out.collectAsList().forEach(r -> rows.put(r.getAs("period") + " " + r.getAs("sex") + " " + r.getAs("region"), r));
        assertThat(rows).hasSize(6);

        Row small = rows.get("2019-2023 male Nord");
        assertThat(small.<Long>getAs("observed")).isNull();
        assertThat(small.<String>getAs(PublicTables.COUNT_FLAG)).isEqualTo("suppressed_small");
        assertThat(small.<Double>getAs("ratio")).as("observed / expected gives observed").isNull();
        assertThat(small.<Double>getAs("p_value")).isNull();
        assertThat(small.<Boolean>getAs("outside_95")).isNull();
        assertThat(small.<Double>getAs("expected")).as("the male national ASR is shown").isEqualTo(4.0);
        assertThat(small.<String>getAs(PublicTables.RATE_FLAG)).isEqualTo("suppressed_small");

        for (String sex : List.of("female", "both")) { // both sexes: the female expected count is part of it
            Row r = rows.get("2019-2023 " + sex + " Nord");
            assertThat(r.<Long>getAs("observed")).as(sex).isNotNull();
            assertThat(r.<Double>getAs("expected")).as(sex).isNull();
            assertThat(r.<Double>getAs("funnel_upper_95")).as(sex).isNull();
            assertThat(r.<Double>getAs("ratio")).as(sex).isNull();
            assertThat(r.<String>getAs(PublicTables.RATE_FLAG)).as(sex).isEqualTo("suppressed_complementary");
        }
        // 4 observed where the rate tables hold 5 (cases of an age group without national person-years, say)
        Row other = rows.get("2019-2023 male Syd");
        assertThat(other.<Long>getAs("observed")).isNull();
        assertThat(other.<String>getAs(PublicTables.COUNT_FLAG)).isEqualTo("not_published");
        assertThat(other.<Double>getAs("expected")).isEqualTo(4.0);
        // the whole span: a sum of years the rate tables never publish, nor its national rates
        Row span = rows.get("2014-2023 male Nord");
        assertThat(span.<Long>getAs("observed")).isNull();
        assertThat(span.<Double>getAs("expected")).isNull();
        assertThat(span.<String>getAs(PublicTables.COUNT_FLAG)).isEqualTo("not_published");
        assertThat(span.<String>getAs(PublicTables.RATE_FLAG)).isEqualTo("not_published");
        // nothing withheld in 2014-2018
        Row shown = rows.get("2014-2018 male Nord");
        assertThat(shown.<Long>getAs("observed")).isEqualTo(20L);
        assertThat(shown.<Double>getAs("ratio")).isEqualTo(5.0);
        assertThat(shown.<String>getAs(PublicTables.COUNT_FLAG)).isNull();
        assertThat(shown.<String>getAs(PublicTables.RATE_FLAG)).isNull();
    }
}
