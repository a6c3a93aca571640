package org.cancerstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.validate.Rule;
import org.cancerstats.core.validate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void commandLineBeatsConfBeatsFileBeatsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.conf");
        Files.writeString(file, "cancerstats { database = from_file, landing-dir = /file/landing, "
                + "csv.encoding = ISO-8859-1, rules.severity { V11 = warn } }");
        Settings s = Settings.load(file, List.of("cancerstats.landing-dir=/conf/landing", "cancerstats.database=from_conf"),
                Map.of("cancerstats.database", "from_cli"));
        assertThat(s.database()).isEqualTo("from_cli");
        assertThat(s.landingDir()).isEqualTo("/conf/landing");
        assertThat(s.csv(Extract.INCIDENCE).encoding()).as("file value flows into every extract").isEqualTo("ISO-8859-1");
        assertThat(s.csv(Extract.INCIDENCE).datePattern()).as("default").isEqualTo("yyyy-MM-dd");
        assertThat(s.severities()).containsEntry(Rule.V11, Severity.WARN);
    }

    @Test
    void oneExtractCanOverrideItsCsvOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.conf");
        Files.writeString(file, "cancerstats.extracts.population.csv { delimiter = \";\", date-pattern = \"dd.MM.yyyy\" }");
        Settings s = Settings.load(file, List.of(), Map.of());
        assertThat(s.csv(Extract.POPULATION)).isEqualTo(new CsvOptions(";", "UTF-8", "dd.MM.yyyy"));
        assertThat(s.csv(Extract.INCIDENCE)).isEqualTo(new CsvOptions(null, "UTF-8", "yyyy-MM-dd"));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> Settings.load(null, List.of("nonsense"), Map.of()))
                .hasMessageContaining("key=value").hasMessageContaining("nonsense");
        assertThatThrownBy(() -> Settings.defaults(Map.of("cancerstats.rules.severity.V11", "maybe")).severities())
                .hasMessageContaining("V11");
        assertThatThrownBy(() -> new CsvOptions(null, "EBCDIC-42", "yyyy")).hasMessageContaining("EBCDIC-42");
    }

    /** A new extract without its csv block failed at its first delivery; every extract must have one. */
    @Test
    void everyExtractHasCsvOptions() {
        Settings s = Settings.defaults(Map.of());
        for (Extract extract : Extract.values()) {
            assertThat(s.csv(extract).encoding()).as(extract.tableName()).isEqualTo("UTF-8");
        }
        assertThat(s.projections().candidatePeriods()).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> Settings.defaults(Map.of("cancerstats.projections.periods", "6")))
                .hasMessageContaining("cancerstats.projections.periods").hasMessageContaining("6");
        assertThat(s.comparisons().unknownEducationLimit()).isEqualTo(0.1);
        assertThatThrownBy(() -> Settings.defaults(Map.of(ComparisonsSettings.UNKNOWN_EDUCATION_LIMIT, "1.5")))
                .hasMessageContaining(ComparisonsSettings.UNKNOWN_EDUCATION_LIMIT).hasMessageContaining("1.5");
    }

    @Test
    void conditionsComeFromTheConfiguredFile() {
        assertThat(Settings.defaults(Map.of()).conditions()).contains("asthma", "copd", "dementia", "diabetes_t2").hasSize(8);
    }

    @Test
    void delimiterIsDetectedFromTheHeader() {
        CsvOptions auto = new CsvOptions(null, "UTF-8", "yyyy-MM-dd");
        assertThat(auto.delimiterFor("year;sex;age;region;population")).isEqualTo(";");
        assertThat(auto.delimiterFor("year,sex,age,region,population")).isEqualTo(",");
    }

    /** Two warehouses never share a catalog: the embedded metastore follows the warehouse unless set. */
    @Test
    void theMetastoreFollowsTheWarehouseUnlessSet() {
        assertThat(Settings.defaults(Map.of("cancerstats.warehouse-dir", "/data/one/tables")).metastoreDir())
                .isEqualTo("/data/one/metastore_db");
        assertThat(Settings.defaults(Map.of("cancerstats.warehouse-dir", "/data/two")).metastoreDir())
                .isEqualTo("/data/two/_metastore_db");
        assertThat(Settings.defaults(Map.of("cancerstats.warehouse-dir", "file:/data/three/tables")).metastoreDir())
                .isEqualTo("/data/three/metastore_db");
        assertThat(Settings.defaults(Map.of("cancerstats.warehouse-dir", "/data/one/tables", "cancerstats.metastore-dir",
                "/elsewhere/db")).metastoreDir()).isEqualTo("/elsewhere/db");
        assertThat(Settings.defaults(Map.of()).metastoreDir()).as("the default layout keeps its place")
                .endsWith("warehouse/metastore_db");
        assertThatThrownBy(() -> Settings.defaults(Map.of("cancerstats.warehouse-dir", "hdfs://nn/warehouse")).metastoreDir())
                .hasMessageContaining("cancerstats.metastore-uri");
    }

    @Test
    void newSurvivalAndComorbidityKeysAreReadAndCheckedWithTheKeyInTheMessage() {
        Settings s = Settings.defaults(Map.of("cancerstats.survival.cohorts", List.of("1993-2007", "2008-2012"),
                "cancerstats.survival.period-window", "2019-2023", "cancerstats.survival.interval-transform", "log-log",
                "cancerstats.comorbidity.periods", "2021-2023"));
        assertThat(s.survival().cohorts()).extracting(Object::toString).containsExactly("1993-2007", "2008-2012");
        assertThat(s.survival().periodWindow()).hasToString("2019-2023");
        assertThat(s.survival().intervalTransform()).isEqualTo(org.cancerstats.core.stats.IntervalTransform.LOG_LOG);
        assertThat(s.comorbidity().periods()).extracting(Object::toString).containsExactly("2021-2023");
        assertThat(Settings.defaults(Map.of()).survival().periodWindow()).isNull();
        assertThatThrownBy(() -> Settings.defaults(Map.of("cancerstats.survival.cohorts", "1993to2007")).survival().cohorts())
                .hasMessageContaining("cancerstats.survival.cohorts").hasMessageContaining("1993to2007");
        assertThatThrownBy(() -> Settings.defaults(Map.of("cancerstats.survival.interval-transform", "probit"))
                .survival().intervalTransform()).hasMessageContaining("interval-transform").hasMessageContaining("probit");
        assertThatThrownBy(() -> Settings.defaults(Map.of("cancerstats.rates.truncated-ages", "35")).rates().truncatedAges())
                .hasMessageContaining("35-64");
    }
}
