package org.cancerstats.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cancerstats.config.Settings;
import org.cancerstats.core.privacy.PseudonymKey;

import picocli.CommandLine.Option;

/** Options every subcommand that touches the catalog takes. Command-line values win over all configuration. */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/application.conf).")
    Path configFile;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --conf cancerstats.csv.date-pattern=dd.MM.yyyy. Repeatable.")
    List<String> conf = new ArrayList<>();

    @Option(names = "--database", description = "Catalog database (cancerstats.database).")
    String database;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse folder or URI (cancerstats.warehouse-dir); "
            + "the embedded metastore follows it unless --metastore is given.")
    String warehouse;

    @Option(names = "--metastore", paramLabel = "DIR",
            description = "Embedded metastore folder (cancerstats.metastore-dir; default: beside or inside the warehouse).")
    String metastore;

    @Option(names = "--landing", paramLabel = "DIR", description = "Landing folder (cancerstats.landing-dir).")
    String landing;

    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "Day the run counts as today (cancerstats.run-date).")
    String runDate;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Pseudonymisation key file (else $" + PseudonymKey.FILE_ENV + " or $" + PseudonymKey.VALUE_ENV + ").")
    Path keyFile;

    @Option(names = "--dev", description = "Development mode for the synthetic sample: allows the built-in public "
            + "pseudonymisation key when none is configured. Never for real data.")
    boolean development;

    Settings settings() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        put(overrides, Settings.DATABASE, database);
        put(overrides, Settings.WAREHOUSE_DIR, warehouse);
        // A warehouse named on the command line brings its own catalog, whatever metastore the configuration names.
        put(overrides, Settings.METASTORE_DIR, metastore != null ? metastore : warehouse != null ? "" : null);
        put(overrides, Settings.LANDING_DIR, landing);
        put(overrides, Settings.RUN_DATE, runDate);
        return Settings.load(configFile, conf, overrides);
    }

    PseudonymKey key() {
        return PseudonymKey.resolve(keyFile, System.getenv(), development);
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
