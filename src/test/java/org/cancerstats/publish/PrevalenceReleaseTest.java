package org.cancerstats.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.disclosure.LinkedCounts;
import org.cancerstats.core.disclosure.SuppressionAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prevalence under the threshold rule, without Spark, on generated tables as the prevalence job writes them: nested
 * durations (1, 3, 5, 10 years, complete), sums over sex, region and age, and no row for a stratum without persons.
 * The exact audit, knowing the true counts, confirms that every small count and every small difference between two
 * durations (a band, never published) stays at least k wide.
 */
class PrevalenceReleaseTest {

    private static final List<String> SEXES = List.of("male", "female");
    private static final List<String> REGIONS = List.of("north", "south", "west");
    private static final List<String> AGES = List.of("0-44", "45-64", "65+");
    private static final int[] AGE_LOWER = {0, 45, 65};
    private static final List<String> SITES = List.of("C18", "C50", "C61");

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void everySmallCountAndSmallBandStaysAtLeastKWide(int k) {
        for (long seed = 1; seed <= 3; seed++) {
            Map<List<String>, Long> rows = table(new Random(seed));
            PrevalenceRelease release = release(rows);
            release.protect(DisclosureRule.threshold(k, 10, false, true));
            LinkedCounts counts = release.cube().build();
            List<PrevalenceRelease.Key> keys = release.keys();
            boolean[] hidden = new boolean[keys.size()];
            boolean[] sensitive = new boolean[keys.size()];
            int smallBands = 0;
            for (int c = 0; c < keys.size(); c++) {
                CellStatus s = release.status(keys.get(c));
                long v = counts.value(c);
                if (v >= 1 && v < k) {
                    assertThat(s).as("%s = %d", keys.get(c).list(), v).isEqualTo(CellStatus.SUPPRESSED_SMALL);
                    smallBands += keys.get(c).isBand() ? 1 : 0;
                }
                if (keys.get(c).isBand()) {
                    assertThat(s.suppressed()).as("a band is never published").isTrue();
                }
                hidden[c] = s.suppressed();
                sensitive[c] = s == CellStatus.SUPPRESSED_SMALL;
            }
            assertThat(smallBands).as("seed %d has small differences between durations", seed).isPositive();
            assertThat(SuppressionAudit.exposed(counts, hidden, sensitive, null, k)).as("k = %d, seed %d", k, seed).isEmpty();
            // a band of 0 is not small under a rule that hides zeros: prevalence has no row for an empty stratum, so
            // its zeros are told by their absence anyway
            assertThat(keys.stream().filter(key -> key.isBand() && counts.value(keys.indexOf(key)) == 0).toList())
                    .isNotEmpty().allSatisfy(key -> assertThat(release.status(key)).isEqualTo(CellStatus.SUPPRESSED_COMPLEMENTARY));
        }
    }

    @Test
    void aSmallDifferenceBetweenTwoPublishedDurationsIsCaught() {
        // 1 year: 7 persons, 3 years: 8; both above k, but one person was diagnosed 1 to 3 years before. Everyone is a
        // man of the north under 45, so the rows of both sexes, the nation and all ages carry the same counts.
        Map<List<String>, Long> rows = new LinkedHashMap<>();
        for (String sex : List.of("male", "both")) {
            for (String region : List.of("north", "national")) {
                for (String age : List.of("0-44", "all")) {
                    rows.put(List.of("2023", sex, region, age, "C18", "1"), 7L);
                    rows.put(List.of("2023", sex, region, age, "C18", "3"), 8L);
                }
            }
        }
        PrevalenceRelease release = release(rows);
        release.protect(DisclosureRule.threshold(3, 10, true, true));
        PrevalenceRelease.Key band = release.key("2023", "male", "north", "all", "C18", "1").withDuration("1-3");
        assertThat(release.status(band)).isEqualTo(CellStatus.SUPPRESSED_SMALL);
        assertThat(release.status(release.key("2023", "male", "north", "all", "C18", "1")).suppressed()
                || release.status(release.key("2023", "male", "north", "all", "C18", "3")).suppressed()).isTrue();

        // an outsider's view of the same two counts shown: the band is known, and small
        PrevalenceRelease shown = new PrevalenceRelease();
        rows.forEach((key, v) -> shown.count(shown.key(key.get(0), key.get(1), key.get(2), key.get(3), key.get(4), key.get(5)), v,
                key.get(3).equals("all") ? null : 0));
        shown.cube();
        assertThat(shown.smallKnownBands(3)).extracting(PrevalenceRelease.Key::duration).containsOnly("1-3");
    }

    @Test
    void durationsThatAreNotNestedAreRefused() {
        PrevalenceRelease release = new PrevalenceRelease();
        release.count(release.key("2023", "male", "north", "all", "C18", "1"), 9, null);
        release.count(release.key("2023", "male", "north", "all", "C18", "3"), 8, null);
        assertThatThrownBy(release::cube).hasMessageContaining("[2023, male, north, all, C18, 3] (8) is less than its shorter "
                + "duration (9)");
        assertThatThrownBy(() -> release.key("2023", "male", "north", "all", "C18", "2")).hasMessageContaining("got '2'");
    }

    private static PrevalenceRelease release(Map<List<String>, Long> rows) {
        PrevalenceRelease release = new PrevalenceRelease();
        rows.forEach((key, v) -> release.count(release.key(key.get(0), key.get(1), key.get(2), key.get(3), key.get(4), key.get(5)),
                v, key.get(3).equals("all") ? null : AGE_LOWER[AGES.indexOf(key.get(3))]));
        return release;
    }

    /**
     * The rows of a prevalence table: two index years × sex (and both) × three regions (and the nation) × three age
     * groups (and all) × three sites × the five nested durations, made from persons by band of duration (mostly 0 to
     * 4 per stratum), a row only where the count is above 0.
     */
    private static Map<List<String>, Long> table(Random random) {
        Map<List<String>, long[]> leaves = new LinkedHashMap<>();
        for (String y : List.of("2022", "2023")) {
            for (String s : SEXES) {
                for (String r : REGIONS) {
                    for (String a : AGES) {
                        for (String site : SITES) {
                            long[] bands = new long[5];
                            for (int b = 0; b < 5; b++) {
                                bands[b] = random.nextInt(10) < 4 ? 0 : random.nextInt(5);
                            }
                            leaves.put(List.of(y, s, r, a, site), bands);
                        }
                    }
                }
            }
        }
        Map<List<String>, Long> out = new LinkedHashMap<>();
        for (String y : List.of("2022", "2023")) {
            for (String s : List.of("male", "female", "both")) {
                for (String r : List.of("north", "south", "west", "national")) {
                    for (String a : List.of("0-44", "45-64", "65+", "all")) {
                        for (String site : SITES) {
                            long[] cumulative = new long[5];
                            for (Map.Entry<List<String>, long[]> leaf : leaves.entrySet()) {
                                List<String> l = leaf.getKey();
                                if (l.get(0).equals(y) && (s.equals("both") || s.equals(l.get(1)))
                                        && (r.equals("national") || r.equals(l.get(2))) && (a.equals("all") || a.equals(l.get(3)))
                                        && l.get(4).equals(site)) {
                                    long running = 0;
                                    for (int b = 0; b < 5; b++) {
                                        running += leaf.getValue()[b];
                                        cumulative[b] += running;
                                    }
                                }
                            }
                            for (int d = 0; d < 5; d++) {
                                if (cumulative[d] > 0) {
                                    out.put(new ArrayList<>(List.of(y, s, r, a, site, PrevalenceRelease.DURATIONS.get(d))), cumulative[d]);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
