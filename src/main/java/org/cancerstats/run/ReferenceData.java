package org.cancerstats.run;

import java.util.Map;

import com.typesafe.config.ConfigException;

import org.cancerstats.config.ReferenceFiles;
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;

/**
 * The reference tables of one run, each read once on first use from {@link ReferenceFiles}: the site catalogue (so
 * that every statistic of the run, and the first tumours they share, use one), the standard populations and the ICSS
 * weights.
 */
public final class ReferenceData {

    private final ReferenceFiles files;
    private SiteCatalogue sites;
    private java.util.List<StandardPopulation> standards;
    private final Map<String, StandardPopulation> byName = new java.util.HashMap<>();
    private IcssWeights icss;

    public ReferenceData(ReferenceFiles files) {
        this.files = files;
    }

    public synchronized SiteCatalogue sites() {
        if (sites == null) {
            sites = SiteCatalogue.read(files.sitesFile(), files.siteGroupsFile());
        }
        return sites;
    }

    /** Every standard population of the standards folder. */
    public synchronized java.util.List<StandardPopulation> standards() {
        if (standards == null) {
            standards = StandardPopulation.readAll(files.standardsDir());
        }
        return standards;
    }

    /**
     * The standard population a setting names.
     *
     * @throws ConfigException.BadValue naming the key when the standards folder has no such standard
     */
    public synchronized StandardPopulation standard(String key, String name) {
        return byName.computeIfAbsent(name, n -> {
            java.nio.file.Path file = files.standard(n);
            if (!java.nio.file.Files.exists(file)) {
                throw new ConfigException.BadValue(key, "no standard population " + file);
            }
            return StandardPopulation.read(file);
        });
    }

    public synchronized IcssWeights icss() {
        if (icss == null) {
            icss = IcssWeights.read(files.icssFile());
        }
        return icss;
    }
}
