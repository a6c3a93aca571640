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
import org.cancerstats.core.reference.SiteCatalogue;

/**
 * The counts of the rate tables of one measure (incidence or mortality) as one {@link CountCube}, so that a count is
 * protected against every sum the release publishes across those tables. Coordinates: time (a year, or a period
 * that is the sum of its years), sex (both = male + female), region (national = every region, the unknown one
 * included), education (all = the levels, where the rates carry them), age (all = the groups, and each truncated
 * range = its groups), site (the sums of {@link SiteCatalogue#sums()}). A cell is one count, whichever tables show
 * it (the counts table's year × region × age cells, the age-specific rates' cases, the rates' cases); the same key
 * must carry the same count everywhere, and a conflict is refused, naming the cell.
 *
 * <p>Spark-free: the publisher gives it the rows' keys and counts, and gets each key's status back.
 */
final class RateRelease {

    static final String ALL = "all";
    static final String BOTH = "both";
    static final String NATIONAL = "national";

    /** A count's coordinates: time, sex, region, education, age, site. */
    record Key(String time, String sex, String region, String education, String age, String site) {
        List<String> list() {
            return List.of(time, sex, region, education, age, site);
        }
    }

    /** The order of the cells: by coordinates, whatever order Spark delivers the rows in. */
    private static final Comparator<Key> CELL_ORDER = Comparator.comparing(Key::time).thenComparing(Key::sex)
            .thenComparing(Key::region).thenComparing(Key::education).thenComparing(Key::age).thenComparing(Key::site);

    // Sorted, every one: the publisher takes the small counts in cell order and numbers the coordinates in the order
    // of the cells and splits, so the same counts make the same suppression pattern in every run (two patterns of the
    // same figures, published side by side, would give an outsider more equations than either).
    private final Map<Key, Long> counts = new TreeMap<>(CELL_ORDER);
    /** Years of each period seen. */
    private final Map<String, List<String>> periods = new TreeMap<>();
    private final Set<String> regions = new TreeSet<>();
    private final Set<String> educations = new TreeSet<>();
    /** Age groups by their lowest age. */
    private final Map<Integer, String> ageGroups = new TreeMap<>();
    private final Set<String> truncatedRanges = new TreeSet<>();
    private Map<Key, CellStatus> status;
    /**
     * Each coordinate name kept once: a national release has millions of keys over a few hundred names, and the
     * strings of the rows they are read from would otherwise be kept with each (most of the driver's heap).
     */
    private final Map<String, String> names = new HashMap<>();

    /** The key of these coordinates, made of the names this release keeps. */
    Key key(String time, String sex, String region, String education, String age, String site) {
        return new Key(name(time), name(sex), name(region), name(education), name(age), name(site));
    }

    private String name(String coordinate) {
        String kept = names.putIfAbsent(coordinate, coordinate);
        return kept == null ? coordinate : kept;
    }

    /** Adds a count; the same key twice must carry the same count. */
    void count(Key key, long value) {
        Long before = offer(key, value);
        if (before != null) {
            throw new IllegalStateException("the release would show " + key.list() + " as " + before + " and as " + value
                    + ": the rate tables disagree; recompute them (cancerstats rates) before publishing");
        }
    }

    /**
     * Adds a count ({@link org.cancerstats.core.disclosure.LinkedCounts#UNKNOWN} for one a release suppresses);
     * returns the other count the key already carries, or null when it carries none or the same.
     */
    Long offer(Key key, long value) {
        Long before = counts.putIfAbsent(key, value);
        if (before != null && before != value) {
            return before;
        }
        if (!key.region().equals(NATIONAL)) {
            regions.add(key.region());
        }
        if (!key.education().equals(ALL)) {
            educations.add(key.education());
        }
        return null;
    }

    void period(String period, int start, int end) {
        List<String> years = new ArrayList<>();
        for (int y = start; y <= end; y++) {
            years.add(Integer.toString(y));
        }
        periods.put(period, years);
    }

    void ageGroup(String group, int lower) {
        ageGroups.put(lower, group);
    }

    /** A truncated age range such as 35-64, the sum of the 5-year groups from 35-39 to 60-64. */
    void truncatedRange(String range) {
        if (!range.equals(ALL)) {
            truncatedRanges.add(range);
        }
    }

    /** The groups a truncated range "a-b" covers: lowest age from a to b − 4. */
    List<String> groupsOf(String range) {
        String[] ends = range.split("-");
        int from = Integer.parseInt(ends[0]);
        int to = Integer.parseInt(ends[1]);
        List<String> out = new ArrayList<>();
        ageGroups.forEach((lower, group) -> {
            if (lower >= from && lower + 4 <= to) {
                out.add(group);
            }
        });
        return out;
    }

    /** Protects every count; afterwards {@link #status} answers for each key. */
    CellSuppression.Protection protect(DisclosureRule rule, SiteCatalogue sites) {
        List<Key> keys = new ArrayList<>(counts.keySet());
        CellSuppression.Protection protection = HypercubeSuppression.protect(cube(sites), rule);
        status = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            status.put(keys.get(i), protection.status()[i]);
        }
        return protection;
    }

    /** For an audit: what a release shows of each key, read from its flags. */
    void shown(Key key, CellStatus shown) {
        if (status == null) {
            status = new HashMap<>();
        }
        status.put(key, shown);
    }

    /** The keys in cell-number order of {@link #cube}. */
    List<Key> keys() {
        return new ArrayList<>(counts.keySet());
    }

    /** The counts with every sum the release publishes between them; cell numbers follow {@link #keys()}. */
    CountCube cube(SiteCatalogue sites) {
        List<CountCube.Split> hierarchy = new ArrayList<>();
        periods.forEach((period, years) -> hierarchy.add(new CountCube.Split(0, period, years)));
        hierarchy.add(new CountCube.Split(1, BOTH, List.of("male", "female")));
        hierarchy.add(new CountCube.Split(2, NATIONAL, new ArrayList<>(regions)));
        if (!educations.isEmpty()) {
            hierarchy.add(new CountCube.Split(3, ALL, new ArrayList<>(educations)));
        }
        hierarchy.add(new CountCube.Split(4, ALL, new ArrayList<>(ageGroups.values())));
        truncatedRanges.forEach(r -> hierarchy.add(new CountCube.Split(4, r, groupsOf(r))));
        sites.sums().forEach(s -> hierarchy.add(new CountCube.Split(5, s.total(), s.parts())));
        CountCube cube = new CountCube(6, hierarchy);
        counts.forEach((k, v) -> cube.cell(k.list(), v));
        return cube;
    }

    /** Whether a count was given for the key. */
    boolean holds(Key key) {
        return counts.containsKey(key);
    }

    CellStatus status(Key key) {
        CellStatus s = status.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no count was given for " + key.list());
        }
        return s;
    }

    /**
     * Whether an age-standardised figure of {@code key} (a rates row: all ages or a truncated range) must be
     * withheld: when its own count or any age group's count it is made from is suppressed, since the ASR is a
     * published weighted sum of those counts (Σ w_a c_a / y_a with published person-years).
     */
    boolean standardisedWithheld(Key key) {
        if (status(key).suppressed() || !key.age().equals(ALL) && !truncatedRanges.contains(key.age())) {
            return status(key).suppressed(); // an age group's own count: no ASR is made of it
        }
        List<String> groups = key.age().equals(ALL) ? new ArrayList<>(ageGroups.values()) : groupsOf(key.age());
        for (String g : groups) {
            CellStatus s = status.get(new Key(key.time(), key.sex(), key.region(), key.education(), g, key.site()));
            if (s != null && s.suppressed()) {
                return true;
            }
        }
        return false;
    }
}
