package org.cancerstats.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellSuppressionTest {

    private static final List<String> SEXES = List.of("male", "female");
    private static final List<String> REGIONS = List.of("Nord", "Syd", "Vest", "Ost");
    private static final List<String> AGES = List.of("0-49", "50-59", "60-69", "70-79", "80+");

    /** Sex × region × age with every margin: mostly small counts, as a rare site in one year of one country. */
    static CountCube cube(long seed, double mean) {
        List<CountCube.Split> hierarchy = List.of(new CountCube.Split(0, "both", SEXES),
                new CountCube.Split(1, "national", REGIONS), new CountCube.Split(2, "all", AGES));
        CountCube cube = new CountCube(3, hierarchy);
        Random random = new Random(seed);
        long[][][] v = new long[3][5][6];
        for (int s = 0; s < 2; s++) {
            for (int r = 0; r < 4; r++) {
                for (int a = 0; a < 5; a++) {
                    long x = poisson(random, mean * (a + 1) / 3.0);
                    v[s][r][a] += x;
                    v[2][r][a] += x;
                    v[s][4][a] += x;
                    v[2][4][a] += x;
                    v[s][r][5] += x;
                    v[2][r][5] += x;
                    v[s][4][5] += x;
                    v[2][4][5] += x;
                }
            }
        }
        List<String> sexes = List.of("male", "female", "both");
        List<String> regions = new ArrayList<>(REGIONS);
        regions.add("national");
        List<String> ages = new ArrayList<>(AGES);
        ages.add("all");
        for (int s = 0; s < 3; s++) {
            for (int r = 0; r < 5; r++) {
                for (int a = 0; a < 6; a++) {
                    cube.cell(List.of(sexes.get(s), regions.get(r), ages.get(a)), v[s][r][a]);
                }
            }
        }
        return cube;
    }

    private static long poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        long k = -1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void everyProtectedCubePassesTheExactAudit(int k) {
        for (long seed = 1; seed <= 5; seed++) {
            LinkedCounts counts = cube(seed, 2.0).build();
            CellSuppression.Protection p = CellSuppression.protect(counts, DisclosureRule.threshold(k, 0, true, false), Set.of());
            boolean[] suppressed = p.suppressed();
            for (int c = 0; c < counts.size(); c++) {
                long v = counts.value(c);
                if (v > 0 && v < k) {
                    assertThat(p.status()[c]).as(counts.label(c)).isEqualTo(CellStatus.SUPPRESSED_SMALL);
                }
            }
            assertThat(p.count(CellStatus.SUPPRESSED_SMALL)).as("seed %d has small cells", seed).isPositive();
            List<SuppressionAudit.Interval> intervals = SuppressionAudit.intervals(counts, suppressed, null);
            assertThat(intervals).hasSize((int) (p.count(CellStatus.SUPPRESSED_SMALL) + p.count(CellStatus.SUPPRESSED_COMPLEMENTARY)));
            for (SuppressionAudit.Interval i : intervals) {
                assertThat((double) counts.value(i.cell())).as("the truth lies in its interval").isBetween(i.lower() - 1e-6, i.upper() + 1e-6);
                if (p.status()[i.cell()] != CellStatus.SUPPRESSED_SMALL) {
                    continue;
                }
                assertThat(i.width()).as("%s in [%s, %s], k = %d", i.label(), i.lower(), i.upper(), k).isGreaterThanOrEqualTo(k - 1e-6);
            }
        }
    }

    @Test
    void undoingOneComplementarySuppressionIsCaughtByTheAudit() {
        LinkedCounts counts = cube(7, 2.0).build();
        int k = 3;
        CellSuppression.Protection p = CellSuppression.protect(counts, DisclosureRule.threshold(k, 0, true, false), Set.of());
        int caught = 0;
        String named = null;
        for (int c = 0; c < counts.size(); c++) {
            if (p.status()[c] != CellStatus.SUPPRESSED_COMPLEMENTARY) {
                continue;
            }
            boolean[] suppressed = p.suppressed();
            suppressed[c] = false;
            List<SuppressionAudit.Interval> exposed = SuppressionAudit.exposed(counts, suppressed, p.sensitive(), null, k);
            if (!exposed.isEmpty()) {
                caught++;
                named = exposed.get(0).label();
            }
        }
        assertThat(caught).as("complementary suppressions whose undoing exposes a count").isPositive();
        assertThat(named).contains(" | ");
    }

    /**
     * The audit's shortcut (a program skipped once the feasible points seen spread a count k wide)
     * finds exactly what solving both programs of every count finds: the same exposed counts with the same intervals,
     * for the outsider and for the publisher, on releases with one complementary suppression undone.
     */
    @Test
    void theAuditsShortcutFindsWhatEveryCountsOwnProgramsFind() {
        LinkedCounts counts = cube(7, 2.0).build();
        int k = 3;
        CellSuppression.Protection p = CellSuppression.protect(counts, DisclosureRule.threshold(k, 0, true, false), Set.of());
        int compared = 0;
        for (int c = 0; c < counts.size() && compared < 12; c++) {
            if (p.status()[c] != CellStatus.SUPPRESSED_COMPLEMENTARY) {
                continue;
            }
            boolean[] suppressed = p.suppressed();
            suppressed[c] = false;
            boolean[] sensitive = p.sensitive();
            List<String> exact = new java.util.ArrayList<>();
            for (SuppressionAudit.Interval i : SuppressionAudit.intervals(counts, suppressed, null)) {
                if (sensitive[i.cell()] && i.width() < k - 1e-6) {
                    exact.add(described(i));
                }
            }
            for (boolean knowing : new boolean[] {false, true}) {
                List<SuppressionAudit.Interval> found = knowing
                        ? SuppressionAudit.exposedKnowingCounts(counts, suppressed, sensitive, null, k, new long[1])
                        : SuppressionAudit.exposed(counts, suppressed, sensitive, null, k);
                assertThat(found.stream().map(CellSuppressionTest::described).sorted().toList())
                        .as("%s undone, knowing the counts: %s", counts.label(c), knowing)
                        .isEqualTo(exact.stream().sorted().toList());
            }
            compared += exact.isEmpty() ? 0 : 1;
        }
        assertThat(compared).as("releases with an exposed count compared").isPositive();
    }

    private static String described(SuppressionAudit.Interval i) {
        return String.format(java.util.Locale.ROOT, "%s [%.4f, %.4f]", i.label(), i.lower(), i.upper());
    }

    @Test
    void theAuditOfATwoWayTableWithItsMarginsGivesTheFrechetBounds() {
        // Every interior cell of an r × c table suppressed, the margins published: the LP bounds of cell (i, j) are the
        // Fréchet bounds max(0, R_i + C_j − N) and min(R_i, C_j) (Fréchet 1951; Cox 1999, J. Off. Stat.).
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int rows = 2 + random.nextInt(3);
            int cols = 2 + random.nextInt(3);
            LinkedCounts.Builder b = LinkedCounts.builder();
            long[][] v = new long[rows][cols];
            int[][] cell = new int[rows][cols];
            long[] rowSum = new long[rows];
            long[] colSum = new long[cols];
            long total = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    v[i][j] = random.nextInt(9);
                    cell[i][j] = b.cell(i + "," + j, v[i][j]);
                    rowSum[i] += v[i][j];
                    colSum[j] += v[i][j];
                    total += v[i][j];
                }
            }
            int[] rowCells = new int[rows];
            int[] colCells = new int[cols];
            for (int i = 0; i < rows; i++) {
                rowCells[i] = b.cell("row " + i, rowSum[i]);
                b.sum(rowCells[i], cell[i]);
            }
            for (int j = 0; j < cols; j++) {
                int[] column = new int[rows];
                for (int i = 0; i < rows; i++) {
                    column[i] = cell[i][j];
                }
                colCells[j] = b.cell("col " + j, colSum[j]);
                b.sum(colCells[j], column);
            }
            int grand = b.cell("total", total);
            b.sum(grand, rowCells);
            LinkedCounts counts = b.build();
            boolean[] suppressed = new boolean[counts.size()];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    suppressed[cell[i][j]] = true;
                }
            }
            for (SuppressionAudit.Interval in : SuppressionAudit.intervals(counts, suppressed, null)) {
                String[] ij = in.label().split(",");
                int i = Integer.parseInt(ij[0]);
                int j = Integer.parseInt(ij[1]);
                assertThat(in.lower()).as(in.label()).isCloseTo(Math.max(0, rowSum[i] + colSum[j] - total), within(1e-6));
                assertThat(in.upper()).as(in.label()).isCloseTo(Math.min(rowSum[i], colSum[j]), within(1e-6));
            }
        }
    }

    @Test
    void aStandardisedRateThatPinsASuppressedCountIsWithheld() {
        // all = a + b with a = 1 (small) and b = 5; suppressing b protects a, but a published ASR
        // 0.5 a + 0.25 b = 1.75 together with a + b = 6 gives a = 1 exactly: the ASR must go.
        LinkedCounts.Builder b = LinkedCounts.builder();
        int a = b.cell("a", 1);
        int c = b.cell("b", 5);
        int all = b.cell("all", 6);
        b.sum(all, a, c);
        b.equation(new int[] {a, c}, new double[] {0.5, 0.25}, 1.75, "asr of all");
        LinkedCounts counts = b.build();
        CellSuppression.Protection p = CellSuppression.protect(counts, DisclosureRule.threshold(3, 0, true, false), Set.of());
        assertThat(p.status()[a]).isEqualTo(CellStatus.SUPPRESSED_SMALL);
        assertThat(p.status()[c]).isEqualTo(CellStatus.SUPPRESSED_COMPLEMENTARY);
        assertThat(p.withheld()).containsExactly("asr of all");
        boolean[] active = CellSuppression.active(counts, p.withheld());
        assertThat(SuppressionAudit.exposed(counts, p.suppressed(), p.sensitive(), active, 3)).isEmpty();
        assertThat(SuppressionAudit.exposed(counts, p.suppressed(), p.sensitive(), null, 3))
                .extracting(SuppressionAudit.Interval::label).containsExactly("a");
    }

    @Test
    void zerosAreSuppressedOnlyWhenTheRuleSaysSo() {
        LinkedCounts.Builder b = LinkedCounts.builder();
        int x = b.cell("x", 0);
        int y = b.cell("y", 9);
        int t = b.cell("t", 9);
        b.sum(t, x, y);
        LinkedCounts counts = b.build();
        assertThat(CellSuppression.protect(counts, DisclosureRule.threshold(3, 0, true, false), Set.of()).count(CellStatus.PUBLISHED))
                .isEqualTo(3);
        CellStatus[] hidden = CellSuppression.protect(counts, DisclosureRule.threshold(3, 0, false, false), Set.of()).status();
        assertThat(hidden).containsExactly(CellStatus.SUPPRESSED_SMALL, CellStatus.SUPPRESSED_COMPLEMENTARY, CellStatus.PUBLISHED);
        assertThat(CellSuppression.protect(counts, DisclosureRule.none(), Set.of()).count(CellStatus.PUBLISHED)).isEqualTo(3);
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> DisclosureRule.threshold(1, 0, true, false)).hasMessageContaining("got 1");
        assertThatThrownBy(() -> new DisclosureRule("tau-argus", 3, 0, true, false)).hasMessageContaining("'tau-argus'");
        assertThatThrownBy(() -> LinkedCounts.builder().cell("x", -5)).hasMessageContaining("-5");
        assertThatThrownBy(() -> DisclosureRule.threshold(3, -1, true, false)).hasMessageContaining("-1");
        CountCube cube = new CountCube(1, List.of());
        cube.cell(List.of("a"), 4);
        assertThatThrownBy(() -> cube.cell(List.of("a"), 5)).hasMessageContaining("4").hasMessageContaining("5");
    }

    @Test
    void contradictoryFiguresAreRefusedNamingACell() {
        LinkedCounts.Builder b = LinkedCounts.builder();
        int x = b.cell("x", LinkedCounts.UNKNOWN);
        int y = b.cell("y", 4);
        int t = b.cell("t", 3);
        b.sum(t, x, y);
        boolean[] suppressed = {true, false, false};
        assertThatThrownBy(() -> SuppressionAudit.intervals(b.build(), suppressed, null)).hasMessageContaining("x")
                .hasMessageContaining("contradict");
    }

    @Test
    void theCubeRelatesEachParentToItsChildrenOnlyWhereTheSumHolds() {
        CountCube cube = new CountCube(2, List.of(new CountCube.Split(0, "both", SEXES), new CountCube.Split(1, "all", List.of("young", "old"))));
        cube.cell(List.of("male", "young"), 1);
        cube.cell(List.of("male", "old"), 4);
        cube.cell(List.of("male", "all"), 5);
        cube.cell(List.of("female", "young"), 2);
        cube.cell(List.of("female", "old"), 3);
        cube.cell(List.of("female", "all"), 6);
        cube.cell(List.of("both", "young"), 3);
        cube.cell(List.of("both", "old"), 7);
        cube.cell(List.of("both", "all"), 10);
        cube.equation(new int[] {0, 1}, new double[] {0.5, 0.5}, 2.5, "asr of male");
        LinkedCounts counts = cube.build();
        // female all = 6 is not 2 + 3 (a case outside the age groups), and so both all = 10 is not male all + female
        // all: neither relation holds; both all = both young + both old does.
        assertThat(counts.relations()).hasSize(4 + 1);
        assertThat(counts.relations().stream().filter(LinkedCounts.Relation::isSum)
                .map(r -> counts.label(r.cells()[0]))).containsExactlyInAnyOrder("male | all", "both | young", "both | old",
                        "both | all");
        assertThat(counts.relations().get(4).derivedFrom()).isEqualTo("asr of male");
    }

    @Test
    void theRuleSaysWhatIsSmallAndWhatIsUnreliable() {
        DisclosureRule rule = DisclosureRule.threshold(5, 16, true, true);
        assertThat(rule.isSmall(0)).isFalse();
        assertThat(rule.isSmall(4)).isTrue();
        assertThat(rule.isSmall(5)).isFalse();
        assertThat(rule.isUnreliable(15)).isTrue();
        assertThat(rule.isUnreliable(16)).isFalse();
        assertThat(rule.describe()).isEqualTo("threshold k=5 m=16 zeros=shown m-rule=flag");
        assertThat(DisclosureRule.none().describe()).isEqualTo("none");
        assertThat(DisclosureRule.none().isSmall(1)).isFalse();
        assertThatThrownBy(() -> rule.isSmall(-2)).hasMessageContaining("-2");
    }
}
