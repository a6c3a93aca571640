package org.cancerstats.core.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attacker's view of a release: for every suppressed count, the smallest and largest values consistent with
 * everything published, as linear programs over the equations of {@link LinkedCounts} (the audit τ-ARGUS and R
 * {@code sdcTable} make):
 * <pre>
 *   lower_i = min x_i,  upper_i = max x_i   subject to   Σ_j a_rj x_j = b_r − Σ_published a_rj v_j  (every relation r),
 *                                                         x ≥ 0
 * </pre>
 * over the suppressed counts x, with the published counts v as constants. The programs are solved per connected
 * component of suppressed counts (two counts are connected when one relation holds both) by GLOP, the sparse simplex
 * solver of Google OR-Tools; a component's program is built once and only its objective changes between counts (GLOP
 * starts from the previous basis, presolve off). The components share no variable, so they are solved on as many
 * threads as the machine has cores, each with its own solver; the results do not depend on the threads. A program
 * GLOP's warm start cannot finish gets second opinions before it is a verdict ({@link ComponentProgram}). The
 * bounds are those of the linear relaxation, as in τ-ARGUS: an integer count lies in
 * {@code [ceil(lower − 1e-6), floor(upper + 1e-6)]}.
 *
 * <p>A sensitive count (one the rule itself suppresses) is exposed when {@code upper − lower < width} (for the
 * threshold rule, width = k); a complementary suppression is not sensitive and needs no width of its own. Edge
 * cases: an unbounded maximum is {@code +∞}; a release whose published figures contradict each other has no feasible point and
 * is refused with the component named.
 *
 * <p>Why GLOP and not Commons Math's {@code SimplexSolver}: that one keeps a dense tableau, and on the 20-year
 * sample's incidence counts with every margin (k = 3) the suppressed counts form components of thousands, where it ran
 * out of a 4 GB heap (5 years, 94,392 cells) or past 10 minutes (1 year, 15,732 cells). With GLOP the year is
 * protected in 7 s (docs/publishing.md).
 */
public final class SuppressionAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressionAudit.class);
    private static final double TOLERANCE = 1e-6;
    /** Components of at least this many suppressed counts are logged with their programs and time. */
    private static final int LOGGED_SIZE = 500;
    /** Components with at least this many counts still narrow are first spread by sums ({@link #spreadBySums}). */
    private static final int SUMMED = 8;
    private static final int SUM_ROUNDS = 4;

    /** A suppressed count and the tightest interval the published figures leave it. */
    public record Interval(int cell, String label, double lower, double upper) {
        public double width() {
            return upper - lower;
        }

        /**
         * The smallest whole count in the interval, {@code ceil(lower − 1e-6)}: a count the programs bound below by
         * 0.5 is at least 1.
         */
        public long lowestCount() {
            return (long) Math.ceil(lower - TOLERANCE);
        }
    }

    private SuppressionAudit() {
    }

    /**
     * The tightest interval of every suppressed count.
     *
     * @param counts     cells and relations; the value of a suppressed cell is not used
     * @param suppressed which cells are suppressed
     * @param active     which relations are published (null: all)
     */
    public static List<Interval> intervals(LinkedCounts counts, boolean[] suppressed, boolean[] active) {
        List<Interval> out = new ArrayList<>();
        for (List<Interval> part : eachComponent(components(counts, suppressed, active), component -> {
            double[][] bounds = solve(counts, suppressed, null, active, component, null, Double.POSITIVE_INFINITY, new long[1]);
            List<Interval> in = new ArrayList<>(component.length);
            for (int i = 0; i < component.length; i++) {
                in.add(new Interval(component[i], counts.label(component[i]), bounds[0][i], bounds[1][i]));
            }
            return in;
        })) {
            out.addAll(part);
        }
        return out;
    }

    /**
     * The sensitive counts whose interval is narrower than {@code width}, with their intervals.
     *
     * @param sensitive the counts the rule protects (the small ones); a complementary suppression needs no width
     */
    public static List<Interval> exposed(LinkedCounts counts, boolean[] suppressed, boolean[] sensitive, boolean[] active,
            double width) {
        return exposed(counts, suppressed, sensitive, active, width, new long[1]);
    }

    /**
     * {@link #exposed(LinkedCounts, boolean[], boolean[], boolean[], double)}, counting the programs solved in
     * {@code programs[0]}. A program is skipped once the feasible points already found (each optimum's whole
     * solution) spread a count over {@code width}; the intervals of the counts returned are exact.
     */
    public static List<Interval> exposed(LinkedCounts counts, boolean[] suppressed, boolean[] sensitive, boolean[] active,
            double width, long[] programs) {
        return exposedKnowingCounts(counts, suppressed, sensitive, active, width, programs, false);
    }

    /**
     * The exposed counts, for a publisher that knows the true counts: a program is skipped once the feasible points
     * already seen (the truth, and each solution) spread a count over {@code width}, so mostly-safe components cost
     * a few programs. The intervals returned are the exposed counts' exact ones. {@code programs[0]} counts the
     * programs solved.
     */
    static List<Interval> exposedKnowingCounts(LinkedCounts counts, boolean[] suppressed, boolean[] sensitive, boolean[] active,
            double width, long[] programs) {
        return exposedKnowingCounts(counts, suppressed, sensitive, active, width, programs, true);
    }

    /**
     * The exposed counts; the feasible points seen start from the true counts when {@code knowing}, else (an
     * outsider's audit) from the first optimum solved.
     */
    private static List<Interval> exposedKnowingCounts(LinkedCounts counts, boolean[] suppressed, boolean[] sensitive,
            boolean[] active, double width, long[] programs, boolean knowing) {
        List<Interval> out = new ArrayList<>();
        for (Audited part : eachComponent(components(counts, suppressed, active), component -> {
            double[] truth = null;
            if (knowing) {
                truth = new double[component.length];
                for (int i = 0; i < component.length; i++) {
                    truth[i] = counts.value(component[i]);
                }
            }
            long[] solved = new long[1];
            long start = System.nanoTime();
            boolean logged = component.length >= LOGGED_SIZE;
            if (logged) {
                LOG.info("auditing a component of {} suppressed counts around {}", component.length, counts.label(component[0]));
            }
            double[][] bounds = solve(counts, suppressed, sensitive, active, component, truth, width, solved);
            if (logged) {
                LOG.info("audited a component of {} suppressed counts ({} sensitive, around {}): {} programs, {} ms",
                        component.length, Arrays.stream(component).filter(c -> sensitive[c]).count(), counts.label(component[0]),
                        solved[0], (System.nanoTime() - start) / 1_000_000);
            }
            List<Interval> exposed = new ArrayList<>();
            for (int i = 0; i < component.length; i++) {
                if (sensitive[component[i]] && bounds[1][i] - bounds[0][i] < width - TOLERANCE) {
                    exposed.add(new Interval(component[i], counts.label(component[i]), bounds[0][i], bounds[1][i]));
                }
            }
            return new Audited(exposed, solved[0]);
        })) {
            out.addAll(part.exposed());
            programs[0] += part.programs();
        }
        return out;
    }

    /** One component's exposed counts and the programs solved for them. */
    private record Audited(List<Interval> exposed, long programs) {
    }

    /**
     * {@code work} applied to every component, on as many threads as the machine has cores (each with its own
     * solver: the components share no variable), the largest components started first so that no thread is left
     * with a large one at the end; the results in the order of {@code components}, so a release's findings do not
     * depend on the threads. An exception of a component (a contradiction) is thrown as it was.
     */
    private static <T> List<T> eachComponent(List<int[]> components, Function<int[], T> work) {
        int threads = Math.min(components.size(), Runtime.getRuntime().availableProcessors());
        List<T> out = new ArrayList<>(components.size());
        if (threads <= 1) {
            for (int[] component : components) {
                out.add(work.apply(component));
            }
            return out;
        }
        Integer[] order = new Integer[components.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> components.get(i).length).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "suppression-audit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(Collections.nCopies(components.size(), null));
            for (int i : order) {
                futures.set(i, pool.submit(() -> work.apply(components.get(i))));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the audit was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Suppressed cells grouped by the relations that join them. */
    static List<int[]> components(LinkedCounts counts, boolean[] suppressed, boolean[] active) {
        int[] parent = new int[counts.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<LinkedCounts.Relation> relations = counts.relations();
        for (int r = 0; r < relations.size(); r++) {
            if (active != null && !active[r]) {
                continue;
            }
            int first = -1;
            for (int c : relations.get(r).cells()) {
                if (suppressed[c]) {
                    if (first < 0) {
                        first = c;
                    } else {
                        parent[find(parent, c)] = find(parent, first);
                    }
                }
            }
        }
        int[] componentOf = new int[counts.size()];
        Arrays.fill(componentOf, -1);
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < counts.size(); c++) {
            if (!suppressed[c]) {
                continue;
            }
            int root = find(parent, c);
            if (componentOf[root] < 0) {
                componentOf[root] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(componentOf[root]).add(c);
        }
        List<int[]> out = new ArrayList<>(groups.size());
        for (List<Integer> g : groups) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }

    /** Lower and upper bounds of each cell of one component; with {@code seen}, programs are skipped as described. */
    private static double[][] solve(LinkedCounts counts, boolean[] suppressed, boolean[] sensitive, boolean[] active,
            int[] component, double[] seen, double enough, long[] programs) {
        int n = component.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] low = seen == null ? null : seen.clone();
        double[] high = seen == null ? null : seen.clone();
        try (ComponentProgram program = new ComponentProgram(counts, suppressed, active, component, programs)) {
            if (enough < Double.POSITIVE_INFINITY) {
                double[][] spread = spreadBySums(program, component, sensitive, low, high, enough);
                low = spread[0];
                high = spread[1];
            }
            for (int i = 0; i < n; i++) {
                if (sensitive != null && !sensitive[component[i]] || low != null && high[i] - low[i] >= enough) {
                    lower[i] = low == null ? Double.NaN : low[i];
                    upper[i] = high == null ? Double.NaN : high[i];
                    continue;
                }
                // The maximum first: the vertices seen so far mostly hold the count at 0, so the maximum alone often
                // shows it k wide and its minimum is never needed.
                double[] max = program.optimum(i, true);
                upper[i] = max == null ? Double.POSITIVE_INFINITY : max[i];
                if (low == null && max != null && enough < Double.POSITIVE_INFINITY) { // an outsider's first point
                    low = max.clone();
                    high = max.clone();
                }
                widen(low, high, max);
                if (low != null && upper[i] - low[i] >= enough) {
                    lower[i] = low[i];
                    continue;
                }
                double[] min = program.optimum(i, false);
                lower[i] = min[i];
                if (low == null && enough < Double.POSITIVE_INFINITY) {
                    low = min.clone();
                    high = min.clone();
                }
                widen(low, high, min);
            }
        }
        return new double[][] {lower, upper};
    }

    /**
     * Before a program per count: the feasible points where the sum of the counts still narrower than
     * {@code enough} is largest and smallest, while that shows at least a tenth of them wide (at most
     * {@value #SUM_ROUNDS} rounds, only for {@value #SUMMED} counts or more). One maximum of a sum pushes up every
     * count it can at once, so most of a large component is shown wide by a few programs instead of one or two per
     * count; what is left is decided count by count as before, so the exposed counts' intervals stay exact.
     *
     * @return the spread of the points seen, {@code {low, high}} (null, null when nothing was solved and nothing seen)
     */
    private static double[][] spreadBySums(ComponentProgram program, int[] component, boolean[] sensitive, double[] low,
            double[] high, double enough) {
        int[] pending = narrow(component, sensitive, low, high, enough);
        for (int round = 0; round < SUM_ROUNDS && pending.length >= SUMMED; round++) {
            for (boolean maximise : new boolean[] {true, false}) {
                double[] point;
                String ended = "infeasible";
                try {
                    point = program.optimumOfSumOrNull(pending, maximise);
                } catch (IllegalStateException e) { // no solver finished it (ComponentProgram#secondOpinions)
                    point = null;
                    ended = e.getMessage();
                }
                if (point == null) {
                    // the sums only skip programs, so a sum the solvers cannot finish decides nothing: the counts'
                    // own programs follow, and one of them refuses a release that really contradicts itself
                    LOG.warn("the sum of {} counts around {} ended without an optimum ({}); auditing them one by one",
                            pending.length, program.label(pending[0]), ended);
                    return new double[][] {low, high};
                }
                if (low == null) {
                    low = point.clone();
                    high = point.clone();
                }
                widen(low, high, point);
            }
            int[] still = narrow(component, sensitive, low, high, enough);
            if (still.length > 0.9 * pending.length) {
                break;
            }
            pending = still;
        }
        return new double[][] {low, high};
    }

    /** Positions of the sensitive counts the points seen do not yet spread over {@code enough} (all, with none seen). */
    private static int[] narrow(int[] component, boolean[] sensitive, double[] low, double[] high, double enough) {
        return IntStream.range(0, component.length)
                .filter(i -> (sensitive == null || sensitive[component[i]]) && (low == null || high[i] - low[i] < enough))
                .toArray();
    }

    private static void widen(double[] low, double[] high, double[] point) {
        if (low == null || point == null) {
            return;
        }
        for (int j = 0; j < point.length; j++) {
            low[j] = Math.min(low[j], point[j]);
            high[j] = Math.max(high[j], point[j]);
        }
    }
}
