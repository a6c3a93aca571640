package org.cancerstats.core.disclosure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.cancerstats.core.reference.SiteCatalogue;

/**
 * How long primary and complementary suppression take on real-shaped counts: the incidence counts of a warehouse
 * (year, sex, region, age group, site) with every margin a release would publish (5-year periods, both sexes, the
 * nation, all ages, the sums between sites and groups of {@code conf/}), protected under the threshold rule. A measurement, not a test:
 * <pre>
 *   jobs/cancerstats sql --csv "SELECT year, sex, region, age_group, site, cases FROM incidence_counts" &gt; counts.csv
 *   mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp
 *   java -Xmx4g -cp target/classes:target/test-classes:$(cat target/test.cp) \
 *       org.cancerstats.core.disclosure.SuppressionScale counts.csv K YEARS [lp|hypercube [audit|outsider]]
 * </pre>
 * YEARS keeps the last so many years; {@code hypercube} protects with {@link HypercubeSuppression} instead of the
 * audit loop of {@link CellSuppression}, and {@code audit} then checks the result with the exact audit as the publisher
 * (who knows the counts), {@code outsider} as {@code publish --audit} does (who knows only the published figures). Figures are in docs/publishing.md.
 */
public final class SuppressionScale {

    private SuppressionScale() {
    }

    public static void main(String[] args) throws IOException {
        int k = Integer.parseInt(args[1]);
        int keep = Integer.parseInt(args[2]);
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Map<List<String>, Long> fine = new HashMap<>();
        Set<String> years = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        Set<String> ages = new LinkedHashSet<>();
        int last = lines.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[0])).max().orElseThrow();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (Integer.parseInt(f[0]) <= last - keep) {
                continue;
            }
            years.add(f[0]);
            regions.add(f[2]);
            ages.add(f[3]);
            fine.merge(List.of(f[0], f[1].equals("1") ? "male" : "female", f[2], f[3], f[4]), Long.parseLong(f[5]), Long::sum);
        }
        List<CountCube.Split> hierarchy = new ArrayList<>();
        List<String> yearList = new ArrayList<>(years);
        Map<String, String> periodOf = new HashMap<>();
        for (int i = yearList.size() - 5; i >= 0; i -= 5) {
            List<String> five = yearList.subList(i, i + 5);
            String period = five.get(0) + "-" + five.get(4);
            hierarchy.add(new CountCube.Split(0, period, five));
            five.forEach(y -> periodOf.put(y, period));
        }
        hierarchy.add(new CountCube.Split(1, "both", List.of("male", "female")));
        hierarchy.add(new CountCube.Split(2, "national", new ArrayList<>(regions)));
        hierarchy.add(new CountCube.Split(3, "all", new ArrayList<>(ages)));
        for (SiteCatalogue.Sum sum : SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv")).sums()) {
            hierarchy.add(new CountCube.Split(4, sum.total(), sum.parts()));
        }
        Map<List<String>, Long> all = new HashMap<>();
        for (Map.Entry<List<String>, Long> e : fine.entrySet()) {
            List<String> key = e.getKey();
            for (String t : periodOf.containsKey(key.get(0)) ? List.of(key.get(0), periodOf.get(key.get(0))) : List.of(key.get(0))) {
                for (String s : List.of(key.get(1), "both")) {
                    for (String r : List.of(key.get(2), "national")) {
                        for (String a : List.of(key.get(3), "all")) {
                            all.merge(List.of(t, s, r, a, key.get(4)), e.getValue(), Long::sum);
                        }
                    }
                }
            }
        }
        CountCube cube = new CountCube(5, hierarchy);
        all.keySet().stream().sorted(Comparator.comparing(Object::toString)).forEach(key -> cube.cell(key, all.get(key)));
        LinkedCounts counts = cube.build();
        long start = System.nanoTime();
        DisclosureRule rule = DisclosureRule.threshold(k, 0, true, false);
        boolean hypercube = args.length > 3 && args[3].equals("hypercube");
        CellSuppression.Protection p = hypercube ? HypercubeSuppression.protect(cube, rule) : CellSuppression.protect(counts, rule, Set.of());
        System.out.printf("%d year(s), k = %d: %d cells, %d relations; %d small, %d complementary, %d audit round(s), %d programs, %.1f s%n",
                years.size(), k, counts.size(), counts.relations().size(), p.count(CellStatus.SUPPRESSED_SMALL),
                p.count(CellStatus.SUPPRESSED_COMPLEMENTARY), p.rounds(), p.programs(), (System.nanoTime() - start) / 1e9);
        if (hypercube && args.length > 4 && args[4].equals("audit")) {
            long audit = System.nanoTime();
            long[] programs = new long[1];
            List<SuppressionAudit.Interval> exposed = SuppressionAudit.exposedKnowingCounts(counts, p.suppressed(), p.sensitive(),
                    null, k, programs);
            System.out.printf("audit: %d exposed, %d programs, %.1f s%n", exposed.size(), programs[0], (System.nanoTime() - audit) / 1e9);
        }
        if (hypercube && args.length > 4 && args[4].equals("outsider")) {
            long audit = System.nanoTime();
            long[] programs = new long[1];
            List<SuppressionAudit.Interval> exposed = SuppressionAudit.exposed(counts, p.suppressed(), p.sensitive(), null, k,
                    programs);
            System.out.printf("outsider's audit: %d exposed, %d programs, %.1f s%n", exposed.size(), programs[0],
                    (System.nanoTime() - audit) / 1e9);
        }
    }
}
