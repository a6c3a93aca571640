package org.cancerstats.core.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linear program of one component in GLOP (Google OR-Tools), built once; each optimum changes only the
 * objective, so GLOP starts from the previous basis (the first program from one its dual simplex found,
 * {@link #FIRST_BASIS}). Rows are scaled so their largest coefficient is 1. GLOP runs at
 * a primal feasibility tolerance of 1e-6 ({@link #TOLERANCE}); a program its warm start cannot finish gets second
 * opinions ({@link #secondOpinions}).
 */
final class ComponentProgram implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentProgram.class);
    private static final MPSolverParameters PARAMETERS = parameters();
    /**
     * GLOP's primal feasibility tolerance, 1e-6 instead of its default 1e-8 (absolute). A national release's programs
     * carry counts up to 10^6, where 1e-8 is 10^-14 of the values: at the default, GLOP ended programs of 36
     * components of the national release (2026-12-06) infeasible or abnormal, from scratch and with presolve too,
     * though the true counts satisfy every relation and CLP and PDLP found the optimum of each; at 1e-6 it found them
     * all, and 60 programs in a row on one such component took 3.5 s instead of 45.5 s (docs/benchmarks.md). The
     * bounds it gives stay within 3.3e-7 of CLP's and of an integer, inside the audit's 1e-6 (GLOP's own final check
     * of a solution, {@code solution_feasibility_tolerance}, is 1e-6 already).
     */
    private static final String TOLERANCE = "primal_feasibility_tolerance: 1e-6";
    /**
     * The first basis of a component: GLOP's dual simplex on the relations alone, with no objective (every basis is
     * then dual feasible, so it only walks to a feasible point). On exported national components of 6,750 and 7,203
     * counts it took 0.6–0.9 s where the primal simplex's first program from scratch took 1.8–2.2 s, and the
     * primal warm starts after it were no dearer: a component's programs in 3.8–5.0 s instead of 5.6–7.6 s
     * (docs/benchmarks.md). It decides nothing: every bound is still an optimum of GLOP's primal simplex, and when
     * it ends without a feasible point the first program starts from scratch as before.
     */
    private static final String FIRST_BASIS = TOLERANCE + " use_dual_simplex: true";
    /**
     * The second opinions asked, in this order, on a fresh copy of the program, when GLOP's warm start ends
     * infeasible or abnormal: GLOP from scratch at its default tolerance, then COIN-OR CLP (another simplex code, in
     * the same OR-Tools library). A program is infeasible only when all three say so.
     */
    private static final List<SecondOpinion> SECOND_OPINIONS = List.of(new SecondOpinion("GLOP", ""), new SecondOpinion("CLP", ""));
    /**
     * Every variable is bounded by four times the largest known count (at least 1,000): GLOP (with presolve, as it
     * ran when this was chosen) reported an unbounded maximum as "infeasible or unbounded", and a ceiling much
     * larger than that made it end "abnormal"; bounded, every program ends OPTIMAL or is truly infeasible.
     * A maximum at the ceiling is reported as unbounded. The ceiling never decides an exposure: a count that can
     * reach it is far more than k from its minimum.
     */
    private final double ceiling;
    private final MPSolver solver;
    private final MPVariable[] variables;
    private final LinkedCounts counts;
    private final int[] component;
    private final long[] solved;
    private boolean started;

    ComponentProgram(LinkedCounts counts, boolean[] suppressed, boolean[] active, int[] component, long[] solved) {
        NativeSolver.load();
        this.solved = solved;
        this.counts = counts;
        this.component = component;
        solver = MPSolver.createSolver("GLOP");
        if (!solver.setSolverSpecificParametersAsString(TOLERANCE)) {
            throw new IllegalStateException("GLOP refused the parameters " + TOLERANCE);
        }
        ceiling = Math.max(1000, 4.0 * counts.largest());
        int[] position = new int[counts.size()];
        Arrays.fill(position, -1);
        variables = new MPVariable[component.length];
        for (int i = 0; i < component.length; i++) {
            position[component[i]] = i;
            variables[i] = solver.makeNumVar(0, ceiling, "x" + i);
        }
        boolean[] used = new boolean[counts.relations().size()];
        for (int cell : component) {
            for (int r : counts.relationsOf(cell)) {
                if (!used[r] && (active == null || active[r])) {
                    used[r] = true;
                    addRow(counts.relations().get(r), suppressed, position);
                }
            }
        }
    }

    private void addRow(LinkedCounts.Relation relation, boolean[] suppressed, int[] position) {
        double[] row = new double[variables.length];
        List<Integer> at = new ArrayList<>();
        double constant = relation.constant();
        double scale = 0;
        for (int k = 0; k < relation.cells().length; k++) {
            int c = relation.cells()[k];
            double a = relation.coefficients()[k];
            if (suppressed[c]) {
                if (row[position[c]] == 0) {
                    at.add(position[c]);
                }
                row[position[c]] += a;
                scale = Math.max(scale, Math.abs(a));
            } else {
                constant -= a * counts.value(c);
            }
        }
        MPConstraint constraint = solver.makeConstraint(constant / scale, constant / scale);
        for (int j : at) {
            constraint.setCoefficient(variables[j], row[j] / scale);
        }
    }

    /**
     * Presolve off: with it on, GLOP presolves again at every objective change and the previous basis is not
     * reused; off, the sample release's audit (2026-12-04) first finished, in 17.5 min (docs/benchmarks.md).
     */
    private static MPSolverParameters parameters() {
        NativeSolver.load();
        MPSolverParameters p = new MPSolverParameters();
        p.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE, MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
        return p;
    }

    /** The optimal point of min or max x_i; null when the maximum is unbounded. */
    double[] optimum(int i, boolean maximise) {
        double[] point = optimumOfSum(new int[] {i}, maximise);
        return maximise && point[i] >= ceiling * (1 - 1e-9) ? null : point;
    }

    /**
     * The optimal point of min or max Σ x_j over {@code cells} (positions in the component). It is a feasible
     * point of the published figures even where a count stands at the ceiling.
     */
    double[] optimumOfSum(int[] cells, boolean maximise) {
        double[] point = optimumOfSumOrNull(cells, maximise);
        if (point == null) {
            throw new IllegalStateException("the published figures around " + label(cells[0])
                    + " contradict each other: no count is consistent with them all");
        }
        return point;
    }

    /** The count at a position of the component. */
    String label(int position) {
        return counts.label(component[position]);
    }

    /** {@link #optimumOfSum}, or null where the solver finds no feasible point. */
    double[] optimumOfSumOrNull(int[] cells, boolean maximise) {
        if (!started) {
            started = true;
            firstBasis();
        }
        objective(cells, maximise);
        MPSolver.ResultStatus status = solver.solve(PARAMETERS);
        solved[0]++;
        if (status == MPSolver.ResultStatus.OPTIMAL) {
            return solution(variables);
        }
        solver.reset(); // the next objective starts from scratch, not from the basis that failed
        return secondOpinions(cells, status);
    }

    /** A feasible basis for the first program to start from ({@link #FIRST_BASIS}); counted as a program. */
    private void firstBasis() {
        solver.objective().clear();
        if (!solver.setSolverSpecificParametersAsString(FIRST_BASIS)) {
            throw new IllegalStateException("GLOP refused the parameters " + FIRST_BASIS);
        }
        MPSolver.ResultStatus status = solver.solve(PARAMETERS);
        solved[0]++;
        solver.setSolverSpecificParametersAsString(TOLERANCE);
        if (status != MPSolver.ResultStatus.OPTIMAL) {
            solver.reset(); // no feasible point found this way: the first program starts from scratch
        }
    }

    /**
     * The optimum of the objective set, from {@link #SECOND_OPINIONS} after GLOP's warm start ended {@code status}
     * (numerical trouble, not yet a verdict): null only when every solver finds the program infeasible, the first
     * optimum found otherwise.
     */
    double[] secondOpinions(int[] cells, MPSolver.ResultStatus status) {
        List<String> ended = new ArrayList<>(List.of("GLOP " + status));
        boolean infeasible = status == MPSolver.ResultStatus.INFEASIBLE;
        for (SecondOpinion opinion : SECOND_OPINIONS) {
            MPSolver other = opinion.solverFor(solver);
            try {
                MPSolver.ResultStatus again = other.solve(PARAMETERS);
                solved[0]++;
                if (again == MPSolver.ResultStatus.OPTIMAL) {
                    LOG.info("the program of {} ended {} in GLOP's warm start and optimal in {}", label(cells[0]), status, opinion);
                    return solution(other.variables());
                }
                ended.add(opinion + " " + again);
                infeasible &= again == MPSolver.ResultStatus.INFEASIBLE;
            } finally {
                other.delete();
            }
        }
        if (infeasible) {
            return null;
        }
        throw new IllegalStateException("the linear program of " + label(cells[0]) + " ended without an optimum: " + ended);
    }

    /** Sets the objective to min or max Σ x_j over {@code cells}. */
    void objective(int[] cells, boolean maximise) {
        MPObjective objective = solver.objective();
        objective.clear();
        for (int j : cells) {
            objective.setCoefficient(variables[j], 1);
        }
        objective.setOptimizationDirection(maximise);
    }

    private static double[] solution(MPVariable[] variables) {
        double[] point = new double[variables.length];
        for (int j = 0; j < point.length; j++) {
            point[j] = variables[j].solutionValue();
        }
        return point;
    }

    /** Another solver, or GLOP with other parameters, asked about a program GLOP's warm start could not finish. */
    private record SecondOpinion(String solver, String parameters) {
        /** A fresh solver holding a copy of {@code program}, objective included. */
        MPSolver solverFor(MPSolver program) {
            MPSolver other = MPSolver.createSolver(solver);
            if (other == null) {
                throw new IllegalStateException("OR-Tools has no solver " + solver + " on this machine");
            }
            String error = other.loadModelFromProto(program.exportModelToProto());
            if (!error.isEmpty() || !other.setSolverSpecificParametersAsString(parameters)) {
                other.delete();
                throw new IllegalStateException("could not copy a program to " + this + ": " + error);
            }
            return other;
        }

        @Override
        public String toString() {
            return parameters.isEmpty() ? solver + " (defaults)" : solver + " (" + parameters + ")";
        }
    }

    @Override
    public void close() {
        solver.delete();
    }

    /** Loads the OR-Tools native library once per JVM. */
    private static final class NativeSolver {
        private static boolean loaded;

        static synchronized void load() {
            if (!loaded) {
                com.google.ortools.Loader.loadNativeLibraries();
                loaded = true;
            }
        }
    }
}
