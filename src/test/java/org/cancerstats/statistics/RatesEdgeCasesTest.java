package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.Test;

/** Rates on tables built by hand, for the edge cases of docs/methods.md. */
class RatesEdgeCasesTest {

    private final SparkSession spark = SharedSpark.get();

    @Test
    void casesWithoutPersonYearsAreExcludedAndFlaggedNeverADivisionError() {
        RegistryCatalog catalog = tables("rates_zero_py", 80, 0.0);
        new RatesJob(spark, catalog).run(RatesJobTest.options("zero"));
        Row r = spark.sql("SELECT cases, excluded_cases, asr, asr_lower, asr_upper FROM rates_zero_py.incidence_rates "
                + "WHERE period = '2020' AND sex = 'male' AND region = 'national' AND site = 'colon' "
                + "AND standard = 'world_segi_1960' AND age_range = 'all'").head();
        assertThat(r.getLong(0)).isEqualTo(2);
        assertThat(r.getLong(1)).isEqualTo(3);
        assertThat(r.getDouble(2)).isPositive().isFinite();
        assertThat(r.getDouble(3)).isPositive().isLessThan(r.getDouble(2));
        assertThat(r.getDouble(4)).isGreaterThan(r.getDouble(2)).isFinite();
        Row empty = spark.sql("SELECT cases, asr, asr_lower, asr_upper FROM rates_zero_py.incidence_rates WHERE period = '2020' "
                + "AND sex = 'male' AND region = 'national' AND site = 'lung' AND standard = 'world_segi_1960' AND age_range = 'all'").head();
        assertThat(empty.getLong(0)).isZero();
        assertThat(empty.getDouble(1)).isZero();
        assertThat(empty.getDouble(2)).isZero();
        assertThat(empty.getDouble(3)).isPositive().isFinite();
    }

    @Test
    void anAgeGroupMissingFromThePopulationIsAnErrorNamingIt() {
        RegistryCatalog catalog = tables("rates_missing_group", 40, null);
        assertThatThrownBy(() -> new RatesJob(spark, catalog).run(RatesJobTest.options("missing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("year=2020 sex=1 region=Solo age group 40-44");
    }

    /**
     * Population of 2020, men, one region, single ages 0-99 and 100+, 1,000 each; ages {@code from}..{@code from+4}
     * get {@code value} (null leaves them out). Three colon tumours at 82, two at 50; no deaths.
     */
    private RegistryCatalog tables(String database, int from, Double value) {
        RegistryCatalog catalog = new RegistryCatalog(spark, database);
        List<Row> population = new ArrayList<>();
        for (int age = 0; age <= 100; age++) {
            boolean special = age >= from && age < from + 5;
            if (special && value == null) {
                continue;
            }
            population.add(RowFactory.create(2020, 1, age, age == 100 ? null : age, "Solo", special ? value : 1000.0, null,
                    new String[0], "population/p.csv", (long) age + 2, "x", "r"));
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.POPULATION), population);
        List<Row> tumours = new ArrayList<>();
        int[] ages = {82, 82, 82, 50, 50};
        for (int i = 0; i < ages.length; i++) {
            tumours.add(RowFactory.create("p" + i, "t" + i, 1, Date.valueOf((2020 - ages[i] - 1) + "-01-01"),
                    Date.valueOf("2020-06-01"), "C187", 8140, 3, 7, "Solo", null, null, null, null, null,
                    new String[0], "incidence/i.csv", (long) i + 2, "x", "r"));
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), tumours);
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.MORTALITY), List.of());
        return catalog;
    }
}
