package org.cancerstats.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hypercube method is checked by the exact audit ({@link SuppressionAudit}, linear programs): every small count it
 * leaves must be at least k wide, on cubes with every margin and with overlapping age splits (a truncated range).
 */
class HypercubeSuppressionTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void everyCubeItProtectsPassesTheExactAudit(int k) {
        for (long seed = 1; seed <= 5; seed++) {
            CountCube cube = CellSuppressionTest.cube(seed, 2.0);
            assertAuditPasses(cube, k, "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void overlappingSplitsAndSitesNeedCubesOfThreeCoordinates(int k) {
        // years → period, sexes → both, ages → all and a truncated 35-64 (a split that is no child of "all"),
        // sites with two ways to make the total, as SiteCatalogue.sums() has
        List<String> years = List.of("2019", "2020", "2021");
        List<String> ages = List.of("0-34", "35-49", "50-64", "65+");
        List<String> sites = List.of("colon", "rectum", "breast", "lung");
        List<CountCube.Split> hierarchy = List.of(new CountCube.Split(0, "2019-2021", years),
                new CountCube.Split(1, "both", List.of("male", "female")),
                new CountCube.Split(2, "all", ages), new CountCube.Split(2, "35-64", List.of("35-49", "50-64")),
                new CountCube.Split(3, "colorectal", List.of("colon", "rectum")),
                new CountCube.Split(3, "total", List.of("colorectal", "breast", "lung")),
                new CountCube.Split(3, "total", sites));
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            CountCube cube = new CountCube(4, hierarchy);
            long[][][][] leaf = new long[3][2][4][4];
            for (int y = 0; y < 3; y++) {
                for (int s = 0; s < 2; s++) {
                    for (int a = 0; a < 4; a++) {
                        for (int t = 0; t < 4; t++) {
                            leaf[y][s][a][t] = random.nextInt(4) == 0 ? 0 : random.nextInt(2 * k);
                        }
                    }
                }
            }
            List<String> yearCoords = new ArrayList<>(years);
            yearCoords.add("2019-2021");
            List<String> ageCoords = new ArrayList<>(ages);
            ageCoords.addAll(List.of("all", "35-64"));
            List<String> siteCoords = new ArrayList<>(sites);
            siteCoords.addAll(List.of("colorectal", "total"));
            for (String y : yearCoords) {
                for (String s : List.of("male", "female", "both")) {
                    for (String a : ageCoords) {
                        for (String t : siteCoords) {
                            long v = 0;
                            for (int yi = 0; yi < 3; yi++) {
                                for (int si = 0; si < 2; si++) {
                                    for (int ai = 0; ai < 4; ai++) {
                                        for (int ti = 0; ti < 4; ti++) {
                                            boolean in = (y.equals(years.get(yi)) || y.equals("2019-2021"))
                                                    && (s.equals(si == 0 ? "male" : "female") || s.equals("both"))
                                                    && (a.equals(ages.get(ai)) || a.equals("all") || a.equals("35-64") && (ai == 1 || ai == 2))
                                                    && (t.equals(sites.get(ti)) || t.equals("total") || t.equals("colorectal") && ti < 2);
                                            v += in ? leaf[yi][si][ai][ti] : 0;
                                        }
                                    }
                                }
                            }
                            cube.cell(List.of(y, s, a, t), v);
                        }
                    }
                }
            }
            assertAuditPasses(cube, k, "seed " + seed);
        }
    }

    private static void assertAuditPasses(CountCube cube, int k, String what) {
        CellSuppression.Protection p = HypercubeSuppression.protect(cube, DisclosureRule.threshold(k, 0, true, false));
        LinkedCounts counts = cube.build();
        for (int c = 0; c < counts.size(); c++) {
            long v = counts.value(c);
            assertThat(p.status()[c] == CellStatus.SUPPRESSED_SMALL).as(counts.label(c)).isEqualTo(v > 0 && v < k);
        }
        assertThat(p.count(CellStatus.SUPPRESSED_SMALL)).as("%s has small cells", what).isPositive();
        List<SuppressionAudit.Interval> exposed = SuppressionAudit.exposed(counts, p.suppressed(), p.sensitive(), null, k);
        assertThat(exposed).as("%s, k = %d: exposed counts", what, k).isEmpty();
        for (SuppressionAudit.Interval i : SuppressionAudit.intervals(counts, p.suppressed(), null)) {
            assertThat((double) counts.value(i.cell())).as("the truth lies in its interval").isBetween(i.lower() - 1e-6, i.upper() + 1e-6);
        }
    }
}
