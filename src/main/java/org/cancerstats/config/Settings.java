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

    public static final String HOME = "cancerstats.home";
    public static final String WAREHOUSE_DIR = "cancerstats.warehouse-dir";
    public static final String METASTORE_DIR = "cancerstats.metastore-dir";
    public static final String METASTORE_URI = "cancerstats.metastore-uri";
    public static final String DATABASE = "cancerstats.database";
    public static final String LANDING_DIR = "cancerstats.landing-dir";
    public static final String RUN_DATE = "cancerstats.run-date";
    public static final String SPARK_MASTER = "cancerstats.spark.master";
    public static final String SHUFFLE_PARTITIONS = "cancerstats.spark.shuffle-partitions";
    public static final String SEVERITY = "cancerstats.rules.severity";
    public static final String POPULATION_OPEN_TOP_AGE = "cancerstats.population.open-top-age";

    private final Config config;
    private final Path home;
    private final RatesSettings rates;
    private final PrevalenceSettings prevalence;
    private final ComorbiditySettings comorbidity;
    private final SurvivalSettings survival;
    private final MaintenanceSettings maintenance;
    private final ProjectionsSettings projections;
    private final ComparisonsSettings comparisons;
    private final PublishSettings publish;
    private final ReportSettings report;
    private final ReferenceFiles reference;
    private final Integer populationOpenTopAge;
    private Set<String> conditions;

    /** Every section is read and checked here, so a bad value fails the run before any work, naming its key. */
    private Settings(Config config) {
        this.config = config;
        this.home = Path.of(config.getString(HOME)).toAbsolutePath().normalize();
        ConfigReader reader = new ConfigReader(config);
        this.rates = RatesSettings.read(reader);
        this.prevalence = PrevalenceSettings.read(reader);
        this.comorbidity = ComorbiditySettings.read(reader);
        this.survival = SurvivalSettings.read(reader);
        this.maintenance = MaintenanceSettings.read(reader);
        this.projections = ProjectionsSettings.read(reader);
        this.comparisons = ComparisonsSettings.read(reader);
        this.publish = PublishSettings.read(reader);
        this.report = ReportSettings.read(reader);
        this.reference = new ReferenceFiles(Path.of(location(ReferenceFiles.STANDARDS_DIR)),
                Path.of(location(ReferenceFiles.SITES_FILE)), Path.of(location(ReferenceFiles.SITE_GROUPS_FILE)),
                Path.of(location(ReferenceFiles.ICSS_FILE)), Path.of(location(ReferenceFiles.CONDITIONS_FILE)));
        Integer age = reader.optionalInt(POPULATION_OPEN_TOP_AGE);
        if (age != null && (age < 1 || age > 120)) {
            throw new ConfigException.BadValue(POPULATION_OPEN_TOP_AGE, "expected an age 1..120 or empty; got " + age);
        }
        this.populationOpenTopAge = age;
        severities(); // checked now, read again per extract
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
            Path home = Path.of(reference.resolve().getString(HOME));
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

    /** A path setting resolved against {@code cancerstats.home} unless absolute or a URI (hdfs://, s3a://). */
    public String location(String key) {
        String value = config.getString(key);
        if (value.contains("://") || value.startsWith("file:")) {
            return value;
        }
        return home.resolve(value).normalize().toString();
    }

    public String database() {
        return config.getString(DATABASE);
    }

    public String warehouseDir() {
        return location(WAREHOUSE_DIR);
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
        if (!config.getString(METASTORE_DIR).isBlank()) {
            return location(METASTORE_DIR);
        }
        String warehouse = warehouseDir();
        Path folder;
        if (warehouse.startsWith("file:")) {
            folder = Path.of(java.net.URI.create(warehouse));
        } else if (warehouse.contains("://")) {
            throw new ConfigException.BadValue(METASTORE_DIR, "the warehouse " + warehouse + " is not on local "
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
        return config.getString(METASTORE_URI);
    }

    public String landingDir() {
        return location(LANDING_DIR);
    }

    public String sparkMaster() {
        return config.getString(SPARK_MASTER);
    }

    public int shufflePartitions() {
        return config.getInt(SHUFFLE_PARTITIONS);
    }

    public LocalDate runDate() {
        String value = config.getString(RUN_DATE);
        return value.isBlank() ? LocalDate.now() : LocalDate.parse(value);
    }

    public CsvOptions csv(Extract extract) {
        Config csv = config.getConfig("cancerstats.extracts." + extract.tableName() + ".csv");
        String delimiter = csv.getString("delimiter");
        return new CsvOptions("auto".equalsIgnoreCase(delimiter) ? null : delimiter, csv.getString("encoding"),
                csv.getString("date-pattern"));
    }

    /** Chronic-condition codes: first column of the conditions file, header skipped, lower case; read once. */
    public synchronized Set<String> conditions() {
        if (conditions == null) {
            conditions = java.util.Collections.unmodifiableSet(readConditions(reference.conditionsFile()));
        }
        return conditions;
    }

    private static Set<String> readConditions(Path file) {
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
        Config severities = config.getConfig(SEVERITY);
        for (String code : severities.root().keySet()) {
            String value = severities.getString(code).trim().toUpperCase(Locale.ROOT);
            try {
                out.put(Rule.ofCode(code), Severity.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(SEVERITY + "." + code,
                        "expected a rule code (V01..V22) set to reject or warn; got " + code + " = " + value);
            }
        }
        return out;
    }

    /**
     * The single age that stands for itself and over in a population delivery (100 when "100" means 100+), or null
     * when the top band must be marked open ("100+").
     */
    public Integer populationOpenTopAge() {
        return populationOpenTopAge;
    }

    public RatesSettings rates() {
        return rates;
    }

    public PrevalenceSettings prevalence() {
        return prevalence;
    }

    public ComorbiditySettings comorbidity() {
        return comorbidity;
    }

    public SurvivalSettings survival() {
        return survival;
    }

    public MaintenanceSettings maintenance() {
        return maintenance;
    }

    public ProjectionsSettings projections() {
        return projections;
    }

    public ComparisonsSettings comparisons() {
        return comparisons;
    }

    public PublishSettings publish() {
        return publish;
    }

    public ReportSettings report() {
        return report;
    }

    /** The public database: as configured, else the registry's database and {@code _public}. */
    public String publicDatabase() {
        return publish.database().isEmpty() ? database() + "_public" : publish.database();
    }

    /**
     * The folder holding one folder per release: as configured, else beside the warehouse as the metastore is
     * ({@code warehouse/releases} for the default {@code warehouse/tables}; else {@code _releases} inside it).
     */
    public String releasesDir() {
        if (!config.getString(PublishSettings.RELEASES_DIR).isBlank()) {
            return location(PublishSettings.RELEASES_DIR);
        }
        String warehouse = warehouseDir();
        String trimmed = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
        return trimmed.endsWith("/tables") ? trimmed.substring(0, trimmed.length() - "tables".length()) + "releases"
                : trimmed + "/_releases";
    }

    public ReferenceFiles reference() {
        return reference;
    }

    /** Validation settings for one extract. */
    public ValidationSettings validation(Extract extract) {
        return new ValidationSettings(csv(extract).datePattern(), runDate(), conditions(), severities(), false,
                extract == Extract.POPULATION || extract == Extract.POPULATION_PROJECTION ? populationOpenTopAge() : null);
    }
}
