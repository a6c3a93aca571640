package org.cancerstats.config;

import java.nio.file.Path;

/**
 * The {@code cancerstats.reference} section and the conditions file: where the reference tables are, resolved
 * against {@code cancerstats.home}. They are read once a run, by the run's reference data.
 *
 * @param standardsDir   folder of standard populations, one CSV per standard, named by it
 * @param sitesFile      the site catalogue
 * @param siteGroupsFile the summary groups of sites
 * @param icssFile       the ICSS weights
 * @param conditionsFile the chronic-condition codes
 */
public record ReferenceFiles(Path standardsDir, Path sitesFile, Path siteGroupsFile, Path icssFile, Path conditionsFile) {

    public static final String STANDARDS_DIR = "cancerstats.reference.standards-dir";
    public static final String SITES_FILE = "cancerstats.reference.sites-file";
    public static final String SITE_GROUPS_FILE = "cancerstats.reference.site-groups-file";
    public static final String ICSS_FILE = "cancerstats.reference.icss-file";
    public static final String CONDITIONS_FILE = "cancerstats.conditions-file";

    /** The file of a standard population, by name. */
    public Path standard(String name) {
        return standardsDir.resolve(name + ".csv");
    }
}
