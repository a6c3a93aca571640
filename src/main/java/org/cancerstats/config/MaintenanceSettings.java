package org.cancerstats.config;

import com.typesafe.config.ConfigException;

/**
 * The {@code cancerstats.maintenance} section.
 *
 * @param optimizeMinFiles     compact a table with at least this many data files
 * @param vacuum               remove files no version within the retention needs
 * @param vacuumRetentionHours how long superseded files are kept (time travel within it)
 */
public record MaintenanceSettings(int optimizeMinFiles, boolean vacuum, int vacuumRetentionHours) {

    public static final String OPTIMIZE_MIN_FILES = "cancerstats.maintenance.optimize-min-files";
    public static final String VACUUM = "cancerstats.maintenance.vacuum";
    public static final String VACUUM_RETENTION_HOURS = "cancerstats.maintenance.vacuum-retention-hours";

    static MaintenanceSettings read(ConfigReader c) {
        int hours = c.integer(VACUUM_RETENTION_HOURS);
        if (hours < 0) {
            throw new ConfigException.BadValue(VACUUM_RETENTION_HOURS, "must be 0 or more; got " + hours);
        }
        return new MaintenanceSettings(c.positiveInt(OPTIMIZE_MIN_FILES), c.bool(VACUUM), hours);
    }
}
