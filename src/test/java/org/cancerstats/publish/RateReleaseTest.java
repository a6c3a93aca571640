package org.cancerstats.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.reference.SiteCatalogue;
import org.junit.jupiter.api.Test;

/**
 * The release's cube does not depend on the order its counts arrive in: Spark returns the distinct counts of the rate
 * tables in an order that changes from run to run, and the publisher takes the small counts in cell order, so without
 * a fixed order the same figures could be published under different suppression patterns, which side by side tell an
 * outsider more than either.
 */
class RateReleaseTest {

    private static final SiteCatalogue SITES = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));
    private static final DisclosureRule RULE = DisclosureRule.threshold(3, 10, true, true);

    @Test
    void theSameCountsInAnotherOrderGetTheSameSuppressionPattern() {
        Map<RateRelease.Key, Long> counts = counts(new Random(17));
        List<RateRelease.Key> order = new ArrayList<>(counts.keySet());
        Map<RateRelease.Key, CellStatus> first = protect(counts, order);
        assertThat(first.values()).contains(CellStatus.SUPPRESSED_SMALL, CellStatus.SUPPRESSED_COMPLEMENTARY);
        for (long seed = 1; seed <= 3; seed++) {
            List<RateRelease.Key> shuffled = new ArrayList<>(order);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(protect(counts, shuffled)).as("counts offered in shuffle %d", seed).isEqualTo(first);
        }
    }

    private static Map<RateRelease.Key, CellStatus> protect(Map<RateRelease.Key, Long> counts, List<RateRelease.Key> order) {
        RateRelease release = new RateRelease();
        List<String> ages = List.of("0-34", "35-64", "65+");
        for (int i = 0; i < ages.size(); i++) {
            release.ageGroup(ages.get(i), new int[] {0, 35, 65}[i]);
        }
        release.period("2020-2021", 2020, 2021);
        order.forEach(k -> release.count(k, counts.get(k)));
        release.protect(RULE, SITES);
        Map<RateRelease.Key, CellStatus> out = new LinkedHashMap<>();
        order.forEach(k -> out.put(k, release.status(k)));
        return out; // compared as maps: key by key, whatever the order
    }

    /** Two years and their period × sex × three regions and the nation × three age groups and all, one site. */
    private static Map<RateRelease.Key, Long> counts(Random random) {
        List<String> years = List.of("2020", "2021");
        List<String> sexes = List.of("male", "female");
        List<String> regions = List.of("north", "south", "west");
        List<String> ages = List.of("0-34", "35-64", "65+");
        Map<List<String>, Long> leaves = new LinkedHashMap<>();
        for (String y : years) {
            for (String s : sexes) {
                for (String r : regions) {
                    for (String a : ages) {
                        leaves.put(List.of(y, s, r, a), (long) random.nextInt(6));
                    }
                }
            }
        }
        Map<RateRelease.Key, Long> out = new LinkedHashMap<>();
        for (String y : List.of("2020", "2021", "2020-2021")) {
            for (String s : List.of("male", "female", "both")) {
                for (String r : List.of("north", "south", "west", "national")) {
                    for (String a : List.of("0-34", "35-64", "65+", "all")) {
                        long sum = 0;
                        for (Map.Entry<List<String>, Long> leaf : leaves.entrySet()) {
                            List<String> k = leaf.getKey();
                            if ((y.equals(k.get(0)) || y.equals("2020-2021")) && (s.equals(k.get(1)) || s.equals("both"))
                                    && (r.equals(k.get(2)) || r.equals("national")) && (a.equals(k.get(3)) || a.equals("all"))) {
                                sum += leaf.getValue();
                            }
                        }
                        out.put(new RateRelease.Key(y, s, r, RateRelease.ALL, a, "lung"), sum);
                    }
                }
            }
        }
        return out;
    }
}
