package org.cancerstats.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.CellSuppression;
import org.cancerstats.core.disclosure.CountCube;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.disclosure.HypercubeSuppression;
import org.cancerstats.core.disclosure.LinkedCounts;

/**
 * The prevalent persons of the {@code prevalence} table as one {@link CountCube}, so that a count is protected
 * against every sum and difference the table publishes. Coordinates: year (each index year on its own), sex (both =
 * male + female), region (national = the regions), age (all = the groups), site (no sums: a person counts once in a
 * site and once in its group, so a group is not the sum of its sites), and duration.
 *
 * <p><b>Durations.</b> The published durations are nested: the persons diagnosed less than 1 year before the index
 * date are among those of 3 years, and so on to complete prevalence. The difference of two of them is a count of
 * persons too (diagnosed 1 to 3 years before, say), and a small one reveals as much as a small published count. So
 * the cube holds the bands between them, never published but implied, as cells of the duration dimension:
 * <pre>
 *   3 = 1 + [1,3)    5 = 3 + [3,5)    10 = 5 + [5,10)    complete = 10 + [10,∞)
 * </pre>
 * and a small band is protected like a small count ({@link CountCube#unpublished}).
 *
 * <p><b>Empty strata.</b> The table lists only strata with persons: a missing row is a published 0. The cube says so
 * ({@code absentIsZero}), its sums are made of the rows present, and no suppression pattern relies on moving a count
 * that is known to be 0. For the same reason the zeros of prevalence are always shown, whatever the rule says of
 * zeros.
 *
 * <p>Spark-free: the publisher gives it the rows' keys and counts, and gets each key's status back.
 */
final class PrevalenceRelease {

    static final String ALL = "all";
    static final String BOTH = "both";
    static final String NATIONAL = "national";
    /** The published durations, shortest first. */
    static final List<String> DURATIONS = List.of("1", "3", "5", "10", "complete");
    /** The unpublished band between each duration and the one before it: {@code BANDS.get(i)} = D(i+1) − D(i). */
    static final List<String> BANDS = List.of("1-3", "3-5", "5-10", "10+");

    /** A count's coordinates: year, sex, region, age, site, duration (or band). */
    record Key(String year, String sex, String region, String age, String site, String duration) {
        List<String> list() {
            return List.of(year, sex, region, age, site, duration);
        }

        Key withDuration(String d) {
            return new Key(year, sex, region, age, site, d);
        }

        Key withAge(String a) {
            return new Key(year, sex, region, a, site, duration);
        }

        boolean isBand() {
            return BANDS.contains(duration);
        }
    }

    private static final Comparator<Key> CELL_ORDER = Comparator.comparing(Key::year).thenComparing(Key::sex)
            .thenComparing(Key::region).thenComparing(Key::age).thenComparing(Key::site).thenComparing(Key::duration);

    // Sorted, as RateRelease's: the same counts make the same pattern in every run.
    private final Map<Key, Long> counts = new TreeMap<>(CELL_ORDER);
    private final Set<String> regions = new TreeSet<>();
    /** Age groups by their lowest age. */
    private final Map<Integer, String> ageGroups = new TreeMap<>();
    private final Map<String, String> names = new HashMap<>();
    private Map<Key, CellStatus> status;
    /** Whether the bands are among the counts (added by the first {@link #cube()}). */
    private boolean bandsAdded;

    Key key(String year, String sex, String region, String age, String site, String duration) {
        if (!DURATIONS.contains(duration)) {
            throw new IllegalArgumentException("a prevalence duration is one of " + DURATIONS + "; got '" + duration + "'");
        }
        return new Key(name(year), name(sex), name(region), name(age), name(site), name(duration));
    }

    private String name(String coordinate) {
        String kept = names.putIfAbsent(coordinate, coordinate);
        return kept == null ? coordinate : kept;
    }

    /**
     * Adds a published row's count ({@link LinkedCounts#UNKNOWN} for one a release suppresses) and its age group
     * ({@code ageLower} null for all ages); the same key twice must carry the same count.
     */
    void count(Key key, long value, Integer ageLower) {
        Long before = counts.putIfAbsent(key, value);
        if (before != null && before != value) {
            throw new IllegalStateException("prevalence " + key.list() + " is given as " + before + " and as " + value);
        }
        if (!key.region().equals(NATIONAL)) {
            regions.add(key.region());
        }
        if (ageLower != null) {
            ageGroups.put(ageLower, key.age());
        }
    }

    /** For an audit: what a release shows of a published key, read from its flag. */
    void shown(Key key, CellStatus shown) {
        if (status == null) {
            status = new HashMap<>();
        }
        status.put(key, shown);
    }

    /**
     * The bands between the nested durations of every stratum with a row, added as unpublished cells: the difference
     * of the two counts (a missing row counting 0), or unknown when either is suppressed.
     */
    private void addBands() {
        List<Key> longer = counts.keySet().stream().filter(k -> !k.isBand() && !k.duration().equals(DURATIONS.get(0))).toList();
        for (Key k : longer) {
            int i = DURATIONS.indexOf(k.duration());
            long upper = counts.get(k);
            Long lower = counts.get(k.withDuration(DURATIONS.get(i - 1)));
            boolean known = upper != LinkedCounts.UNKNOWN && (lower == null || lower != LinkedCounts.UNKNOWN);
            long band = known ? upper - (lower == null ? 0 : lower) : LinkedCounts.UNKNOWN;
            if (known && band < 0) {
                throw new IllegalStateException("prevalence " + k.list() + " (" + upper + ") is less than its shorter duration ("
                        + lower + "): the durations must be nested; recompute prevalence before publishing");
            }
            counts.put(k.withDuration(name(BANDS.get(i - 1))), band);
        }
    }

    /**
     * For an audit: the bands an outsider computes exactly (both durations shown, or the shorter one without a row)
     * that are 1 … k−1; call after {@link #cube}.
     */
    List<Key> smallKnownBands(int k) {
        return counts.entrySet().stream().filter(e -> e.getKey().isBand() && e.getValue() >= 1 && e.getValue() < k)
                .map(Map.Entry::getKey).toList();
    }

    /** The keys, bands included, in cell-number order of {@link #cube}. */
    List<Key> keys() {
        return new ArrayList<>(counts.keySet());
    }

    /** The counts and bands with every sum the table implies; cell numbers follow {@link #keys()}. Adds the bands. */
    CountCube cube() {
        if (!bandsAdded) {
            addBands();
            bandsAdded = true;
        }
        List<CountCube.Split> hierarchy = new ArrayList<>();
        hierarchy.add(new CountCube.Split(1, BOTH, List.of("male", "female")));
        hierarchy.add(new CountCube.Split(2, NATIONAL, new ArrayList<>(regions)));
        hierarchy.add(new CountCube.Split(3, ALL, new ArrayList<>(ageGroups.values())));
        for (int i = 1; i < DURATIONS.size(); i++) {
            // the shorter duration first, the band last: a climb moves a duration with its band (HypercubeSuppression)
            hierarchy.add(new CountCube.Split(5, DURATIONS.get(i), List.of(DURATIONS.get(i - 1), BANDS.get(i - 1))));
        }
        CountCube cube = new CountCube(6, hierarchy, true);
        counts.forEach((k, v) -> {
            int c = cube.cell(k.list(), v);
            if (k.isBand()) {
                cube.unpublished(c);
            }
        });
        return cube;
    }

    /**
     * Protects every count and band; afterwards {@link #status} answers for each key. The zeros of prevalence are
     * shown whatever the rule says (a stratum without persons has no row: its absence tells the 0 anyway).
     */
    CellSuppression.Protection protect(DisclosureRule rule) {
        DisclosureRule withZeros = rule.protects()
                ? DisclosureRule.threshold(rule.minCount(), rule.minRateCases(), true, rule.flagUnreliable()) : rule;
        CountCube cube = cube();
        List<Key> keys = keys();
        CellSuppression.Protection protection = HypercubeSuppression.protect(cube, withZeros);
        status = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            status.put(keys.get(i), protection.status()[i]);
        }
        return protection;
    }

    CellStatus status(Key key) {
        CellStatus s = status.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no prevalence count was given for " + key.list());
        }
        return s;
    }

    /**
     * Whether the age-standardised proportion of a row (all ages) must be withheld: when its own count or the count of
     * any age group it is made from is suppressed (it is a published weighted sum of them, Σ w_a p_a / N_a). An age
     * group without a row has no persons, which is published.
     */
    boolean standardisedWithheld(Key key) {
        if (status(key).suppressed() || !key.age().equals(ALL)) {
            return status(key).suppressed();
        }
        for (String g : ageGroups.values()) {
            CellStatus s = status.get(key.withAge(g));
            if (s != null && s.suppressed()) {
                return true;
            }
        }
        return false;
    }
}
