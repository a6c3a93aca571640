package org.cancerstats.core.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param out       folder receiving one sub-folder per extract (a landing folder)
 * @param persons   population size in the first year (it grows 0.5% a year)
 * @param firstYear first diagnosis and population year (registry coverage starts here)
 * @param lastYear  last year; follow-up ends on 31 December of it
 * @param seed      random seed: the same options give byte-identical files
 * @param regions   region names; the first gets the largest share
 * @param lungExcessRegion a region whose lung cancer incidence is planted {@link #LUNG_EXCESS} times the others' (a
 *                  known answer for the regional comparisons); null for none
 */
public record GeneratorOptions(Path out, long persons, int firstYear, int lastYear, long seed, List<String> regions,
                               String lungExcessRegion) {

    /** The factor of the planted lung cancer excess: 30% more cases than the same population elsewhere. */
    public static final double LUNG_EXCESS = 1.3;

    /** Without a planted excess. */
    public GeneratorOptions(Path out, long persons, int firstYear, int lastYear, long seed, List<String> regions) {
        this(out, persons, firstYear, lastYear, seed, regions, null);
    }

    /** Danish regions, with an æ to exercise encodings. */
    public static final List<String> DEFAULT_REGIONS =
            List.of("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland");

    public GeneratorOptions {
        Objects.requireNonNull(out, "out");
        regions = List.copyOf(regions);
        if (persons < 100) {
            throw new IllegalArgumentException("persons must be at least 100; got " + persons);
        }
        if (firstYear < 1900 || lastYear < firstYear || lastYear > 2100) {
            throw new IllegalArgumentException("years must satisfy 1900 <= first <= last <= 2100; got " + firstYear + ".." + lastYear);
        }
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region is needed");
        }
        if (lungExcessRegion != null && !regions.contains(lungExcessRegion)) {
            throw new IllegalArgumentException("lung excess region '" + lungExcessRegion + "' is not one of " + regions);
        }
    }
}
