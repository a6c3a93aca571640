package org.cancerstats.core.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The linear program of one component in GLOP (Google OR-Tools), built once; each optimum changes only the
 * objective, so GLOP starts from the previous basis. Rows are scaled so their largest coefficient is 1.
 */
final class ComponentProgram implements AutoCloseable {
    private static final MPSolverParameters PARAMETERS = parameters();
    private static final MPSolverParameters PRESOLVED = presolved();
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

    ComponentProgram(LinkedCounts counts, boolean[] suppressed, boolean[] active, int[] component, long[] solved) {
        SuppressionAudit.NativeSolver.load();
        this.solved = solved;
        this.counts = counts;
        this.component = component;
        solver = MPSolver.createSolver("GLOP");
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
        SuppressionAudit.NativeSolver.load();
        MPSolverParameters p = new MPSolverParameters();
        p.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE, MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
        return p;
    }

    /** GLOP's defaults, presolve on: the last try before a program is called infeasible. */
    private static MPSolverParameters presolved() {
        SuppressionAudit.NativeSolver.load();
        return new MPSolverParameters();
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
        MPObjective objective = solver.objective();
        objective.clear();
        for (int j : cells) {
            objective.setCoefficient(variables[j], 1);
        }
        objective.setOptimizationDirection(maximise);
        MPSolver.ResultStatus status = solver.solve(PARAMETERS);
        solved[0]++;
        if (status == MPSolver.ResultStatus.ABNORMAL || status == MPSolver.ResultStatus.INFEASIBLE) {
            // numerical trouble on a warm start: once more from scratch before a release is called contradictory
            solver.reset();
            status = solver.solve(PARAMETERS);
            solved[0]++;
        }
        if (status == MPSolver.ResultStatus.ABNORMAL || status == MPSolver.ResultStatus.INFEASIBLE) {
            // and once with GLOP's presolve, which scales and reduces the program first (a national release's
            // sum objectives reach 10^9, where the simplex without it has called a consistent release infeasible)
            solver.reset();
            status = solver.solve(PRESOLVED);
            solved[0]++;
        }
        if (status == MPSolver.ResultStatus.INFEASIBLE) {
            return null;
        }
        if (status != MPSolver.ResultStatus.OPTIMAL) {
            throw new IllegalStateException("the linear program of " + label(cells[0]) + " ended " + status);
        }
        double[] point = new double[variables.length];
        for (int j = 0; j < point.length; j++) {
            point[j] = variables[j].solutionValue();
        }
        return point;
    }

    @Override
    public void close() {
        solver.delete();
    }
}
