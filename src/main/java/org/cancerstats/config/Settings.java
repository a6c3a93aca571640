package org.cancerstats.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.core.stats.IntervalTransform;
import org.cancerstats.core.validate.Rule;
import org.cancerstats.core.validate.Severity;
import org.cancerstats.core.validate.ValidationSettings;

/**
 * The resolved configuration of one run (keys: {@code docs/configuration.md}).
 *
 * <p>Precedence, highest first: command-line options (passed as {@code overrides}); {@code --conf key=value}
 * pairs and {@code CONFIG_FORCE_cancerstats_...} environment variables; the configuration file; the built-in
 * {@code reference.conf}.
 */
public final class Settings {

    private final Config config;
    private final Path home;

    private Settings(Config config) {
        this.config = config;
        this.home = Path.of(config.getString("cancerstats.home")).toAbsolutePath().normalize();
    }

    /**
     * Loads the configuration.
     *
     * @param configFile the configuration file, or null for {@code conf/application.conf} under the home folder
     *                   (skipped when it does not exist)
     * @param pairs      {@code key=value} pairs from {@code --conf}
     * @param overrides  values set by command-line options, highest precedence
     */
    public static Settings load(Path configFile, List<String> pairs, Map<String, Object> overrides) {
        // Unresolved, so that substitutions such as extracts.*.csv = ${cancerstats.csv} see every layer's values.
        Config reference = ConfigFactory.parseResources("reference.conf");
        Config file = ConfigFactory.empty();
        Path chosen = configFile;
        if (chosen == null) {
            Path home = Path.of(reference.resolve().getString("cancerstats.home"));
            chosen = home.resolve("conf/application.conf");
            if (!Files.exists(chosen)) {
                chosen = null;
            }
        }
        if (chosen != null) {
            if (!Files.isReadable(chosen)) {
                throw new IllegalArgumentException("configuration file " + chosen + " cannot be read");
            }
            file = ConfigFactory.parseFile(chosen.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        }
        Config fromPairs = ConfigFactory.empty();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--conf expects key=value; got '" + pair + "'");
            }
            fromPairs = ConfigFactory.parseMap(Map.of(pair.substring(0, eq).trim(), pair.substring(eq + 1)))
                    .withFallback(fromPairs);
        }
        Config resolved = ConfigFactory.parseMap(overrides)
                .withFallback(fromPairs)
                .withFallback(ConfigFactory.systemEnvironmentOverrides())
                .withFallback(file)
                .withFallback(reference)
                .resolve();
        return new Settings(resolved);
    }

    /** Built-in defaults and the optional overrides only: for tests and the generator. */
    public static Settings defaults(Map<String, Object> overrides) {
        return new Settings(ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.parseResources("reference.conf")).resolve());
    }

    public Config raw() {
        return config;
    }

    /** A path setting resolved against {@code cancerstats.home} unless absolute or a URI (hdfs://, s3a://). */
    public String location(String key) {
        String value = config.getString(key);
        if (value.contains("://") || value.startsWith("file:")) {
            return value;
        }
        return home.resolve(value).normalize().toString();
    }

    public String database() {
        return config.getString("cancerstats.database");
    }

    public String warehouseDir() {
        return location("cancerstats.warehouse-dir");
    }

    /**
     * The embedded Derby metastore's folder: as configured, or else derived from the warehouse, so that two warehouses
     * never share one catalog: {@code metastore_db} beside a warehouse folder named {@code tables} (the default layout
     * {@code warehouse/tables}, {@code warehouse/metastore_db}), otherwise {@code _metastore_db} inside the warehouse
     * folder.
     *
     * @throws ConfigException.BadValue when the warehouse is not on local disk and no metastore folder is set
     */
    public String metastoreDir() {
        if (!config.getString("cancerstats.metastore-dir").isBlank()) {
            return location("cancerstats.metastore-dir");
        }
        String warehouse = warehouseDir();
        Path folder;
        if (warehouse.startsWith("file:")) {
            folder = Path.of(java.net.URI.create(warehouse));
        } else if (warehouse.contains("://")) {
            throw new ConfigException.BadValue("cancerstats.metastore-dir", "the warehouse " + warehouse + " is not on local "
                    + "disk, where an embedded metastore must be: set cancerstats.metastore-uri to a shared Hive metastore, "
                    + "or cancerstats.metastore-dir to a local folder");
        } else {
            folder = Path.of(warehouse);
        }
        Path name = folder.getFileName();
        return (name != null && name.toString().equals("tables") && folder.getParent() != null
                ? folder.resolveSibling("metastore_db") : folder.resolve("_metastore_db")).toString();
    }

    public String metastoreUri() {
        return config.getString("cancerstats.metastore-uri");
    }

    public String landingDir() {
        return location("cancerstats.landing-dir");
    }

    public String sparkMaster() {
        return config.getString("cancerstats.spark.master");
    }

    public int shufflePartitions() {
        return config.getInt("cancerstats.spark.shuffle-partitions");
    }

    public LocalDate runDate() {
        String value = config.getString("cancerstats.run-date");
        return value.isBlank() ? LocalDate.now() : LocalDate.parse(value);
    }

    public CsvOptions csv(Extract extract) {
        Config csv = config.getConfig("cancerstats.extracts." + extract.tableName() + ".csv");
        String delimiter = csv.getString("delimiter");
        return new CsvOptions("auto".equalsIgnoreCase(delimiter) ? null : delimiter, csv.getString("encoding"),
                csv.getString("date-pattern"));
    }

    /** Chronic-condition codes: first column of the conditions file, header skipped, lower case. */
    public Set<String> conditions() {
        Path file = Path.of(location("cancerstats.conditions-file"));
        try {
            Set<String> codes = new LinkedHashSet<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String code = line.split("[,;]", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (!code.isEmpty() && !code.startsWith("#")) {
                    codes.add(code);
                }
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the conditions file " + file, e);
        }
    }

    public Map<Rule, Severity> severities() {
        Map<Rule, Severity> out = new EnumMap<>(Rule.class);
        Config severities = config.getConfig("cancerstats.rules.severity");
        for (String code : severities.root().keySet()) {
            String value = severities.getString(code).trim().toUpperCase(Locale.ROOT);
            try {
                out.put(Rule.ofCode(code), Severity.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue("cancerstats.rules.severity." + code,
                        "expected a rule code (V01..V20) set to reject or warn; got " + code + " = " + value);
            }
        }
        return out;
    }

    public Path standardsDir() {
        return Path.of(location("cancerstats.reference.standards-dir"));
    }

    public Path sitesFile() {
        return Path.of(location("cancerstats.reference.sites-file"));
    }

    public Path siteGroupsFile() {
        return Path.of(location("cancerstats.reference.site-groups-file"));
    }

    public double confidence() {
        double c = config.getDouble("cancerstats.rates.confidence");
        if (!(c > 0 && c < 1)) {
            throw new ConfigException.BadValue("cancerstats.rates.confidence", "must lie in (0, 1); got " + c);
        }
        return c;
    }

    public int periodYears() {
        return config.getInt("cancerstats.rates.period-years");
    }

    /** The truncated-rate age range as {lowest age, highest age}, or null when none is configured. */
    public int[] truncatedAges() {
        String value = config.getString("cancerstats.rates.truncated-ages").trim();
        if (value.isEmpty()) {
            return null;
        }
        String[] parts = value.split("-");
        ConfigException bad = new ConfigException.BadValue("cancerstats.rates.truncated-ages",
                "expected whole 5-year groups below 85 such as 35-64; got " + value);
        if (parts.length != 2) {
            throw bad;
        }
        int from;
        int to;
        try {
            from = Integer.parseInt(parts[0].trim());
            to = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw bad;
        }
        if (from % 5 != 0 || (to + 1) % 5 != 0 || to <= from || to > 84) {
            throw bad;
        }
        return new int[] {from, to};
    }

    public java.time.MonthDay prevalenceIndexDate() {
        return java.time.MonthDay.parse("--" + config.getString("cancerstats.prevalence.index-date").trim());
    }

    public int prevalenceIndexYears() {
        return config.getInt("cancerstats.prevalence.index-years");
    }

    /** The configured first registry year, or null to take the first year with diagnoses. */
    public Integer registryStart() {
        return optionalInt("cancerstats.prevalence.registry-start");
    }

    public int completeCoverageYears() {
        return config.getInt("cancerstats.prevalence.complete-coverage-years");
    }

    /** Look-back window of comorbidity in years, or null for any onset before diagnosis. */
    public Integer comorbidityLookbackYears() {
        return optionalInt("cancerstats.comorbidity.lookback-years");
    }

    public Path icssFile() {
        return Path.of(location("cancerstats.reference.icss-file"));
    }

    /** A config value of the survival block. */
    public int survivalInt(String key) {
        return config.getInt("cancerstats.survival." + key);
    }

    /** A list setting: a list in a file, or "a,b" (or "" for none) from --conf key=value. */
    private List<String> stringList(String key) {
        return config.getValue(key).valueType() == com.typesafe.config.ConfigValueType.LIST
                ? config.getStringList(key)
                : java.util.Arrays.stream(config.getString(key).replace("[", "").replace("]", "").split(","))
                        .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** Year spans ("2019-2023") of a list setting, each checked, the bad one named with its key. */
    private List<YearSpan> yearSpans(String key) {
        return stringList(key).stream().map(v -> yearSpan(key, v)).toList();
    }

    private static YearSpan yearSpan(String key, String value) {
        return parsed(key, value, YearSpan::parse);
    }

    /** {@code parser} applied to the value of {@code key}; its complaint becomes an error naming the key. */
    private static <T> T parsed(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(key, e.getMessage());
        }
    }

    /** Length of the survival diagnosis periods (blocks back from the closing year) and of the default window. */
    public int survivalPeriodYears() {
        return positiveInt("cancerstats.survival.period-years");
    }

    /** Cohorts estimated besides the default blocks ("1993-2007"). */
    public List<YearSpan> survivalCohorts() {
        return yearSpans("cancerstats.survival.cohorts");
    }

    /** The period approach's window, or null for the last survival.period-years years to the closing year. */
    public YearSpan survivalPeriodWindow() {
        String key = "cancerstats.survival.period-window";
        String value = config.getString(key).trim();
        return value.isEmpty() ? null : yearSpan(key, value);
    }

    public IntervalTransform survivalIntervalTransform() {
        String key = "cancerstats.survival.interval-transform";
        return parsed(key, config.getString(key), IntervalTransform::named);
    }

    /** Length of the comorbidity periods counted back from the last diagnosis year. */
    public int comorbidityPeriodYears() {
        return positiveInt("cancerstats.comorbidity.period-years");
    }

    /** Pooled diagnosis years of the comorbidity figures besides single years and the blocks ("2021-2023"). */
    public List<YearSpan> comorbidityPeriods() {
        return yearSpans("cancerstats.comorbidity.periods");
    }

    /**
     * The single age that stands for itself and over in a population delivery (100 when "100" means 100+), or null
     * when the top band must be marked open ("100+").
     */
    public Integer populationOpenTopAge() {
        Integer age = optionalInt("cancerstats.population.open-top-age");
        if (age != null && (age < 1 || age > 120)) {
            throw new ConfigException.BadValue("cancerstats.population.open-top-age", "expected an age 1..120 or empty; got " + age);
        }
        return age;
    }

    private int positiveInt(String key) {
        int value = config.getInt(key);
        if (value < 1) {
            throw new ConfigException.BadValue(key, "must be at least 1; got " + value);
        }
        return value;
    }

    /** Breakdowns of survival beside site, sex, period and age: a subset of [region, stage]. */
    public java.util.Set<String> survivalBreakdowns() {
        String key = "cancerstats.survival.breakdowns";
        List<String> values = stringList(key);
        for (String v : values) {
            if (!v.equals("region") && !v.equals("stage")) {
                throw new IllegalArgumentException("cancerstats.survival.breakdowns: '" + v + "' is not region or stage");
            }
        }
        return java.util.Set.copyOf(values);
    }

    public int[] survivalHorizons() {
        return config.getIntList("cancerstats.survival.horizons").stream().mapToInt(Integer::intValue).toArray();
    }

    /** A standard population by name, from the standards folder. */
    public org.cancerstats.core.reference.StandardPopulation standard(String key) {
        String name = config.getString(key).trim();
        Path file = standardsDir().resolve(name + ".csv");
        if (!Files.exists(file)) {
            throw new ConfigException.BadValue(key, "no standard population " + file);
        }
        return org.cancerstats.core.reference.StandardPopulation.read(file);
    }

    private Integer optionalInt(String key) {
        String value = config.getString(key).trim();
        try {
            return value.isEmpty() ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ConfigException.BadValue(key, "expected a whole number or empty; got " + value);
        }
    }

    /** Validation settings for one extract. */
    public ValidationSettings validation(Extract extract) {
        return new ValidationSettings(csv(extract).datePattern(), runDate(), conditions(), severities(), false,
                extract == Extract.POPULATION ? populationOpenTopAge() : null);
    }
}
