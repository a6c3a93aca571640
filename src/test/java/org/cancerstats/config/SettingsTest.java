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
}
