package org.cancerstats.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.ortools.linearsolver.MPSolver;
import org.junit.jupiter.api.Test;

/**
 * The second opinions GLOP's warm start falls back on (a national release's programs ended infeasible or abnormal in
 * GLOP with its default tolerance though the true counts satisfy them, docs/benchmarks.md): they must reach the same
 * optimum GLOP does on a program it can solve, and call a contradictory program infeasible.
 */
class ComponentProgramTest {

    /**
     * A 2 × 2 table with its margins, the four inner counts suppressed: rows 5 and 7, columns 4 and 8, total 12. The
     * count top-left lies in [0, 4] (column 4), top-right in [1, 5], bottom-left in [0, 4], bottom-right in [3, 7].
     * A right column of 9 instead of 8 contradicts the rows.
     */
    private static LinkedCounts table(long right) {
        LinkedCounts.Builder b = LinkedCounts.builder();
        int a = b.cell("top-left", LinkedCounts.UNKNOWN);
        int c = b.cell("top-right", LinkedCounts.UNKNOWN);
        int d = b.cell("bottom-left", LinkedCounts.UNKNOWN);
        int e = b.cell("bottom-right", LinkedCounts.UNKNOWN);
        int top = b.cell("top", 5);
        int bottom = b.cell("bottom", 7);
        int left = b.cell("left", 4);
        int rightColumn = b.cell("right", right);
        int all = b.cell("all", 12);
        b.sum(top, a, c).sum(bottom, d, e).sum(left, a, d).sum(rightColumn, c, e).sum(all, top, bottom).sum(all, left, rightColumn);
        return b.build();
    }

    private static final boolean[] INNER = {true, true, true, true, false, false, false, false, false};
    private static final int[] COMPONENT = {0, 1, 2, 3};
    private static final double[][] BOUNDS = {{0, 4}, {1, 5}, {0, 4}, {3, 7}};

    @Test
    void theSecondOpinionsFindTheOptimumGlopFinds() {
        try (ComponentProgram program = new ComponentProgram(table(8), INNER, null, COMPONENT, new long[1])) {
            for (int i = 0; i < COMPONENT.length; i++) {
                for (int m = 0; m < 2; m++) {
                    boolean maximise = m == 1;
                    double glop = program.optimumOfSumOrNull(new int[] {i}, maximise)[i];
                    program.objective(new int[] {i}, maximise);
                    double others = program.secondOpinions(new int[] {i}, MPSolver.ResultStatus.ABNORMAL)[i];
                    assertThat(glop).as("GLOP, cell %d, maximise %s", i, maximise).isCloseTo(BOUNDS[i][m], within(1e-6));
                    assertThat(others).as("second opinion, cell %d, maximise %s", i, maximise).isCloseTo(BOUNDS[i][m], within(1e-6));
                }
            }
        }
    }

    @Test
    void aContradictoryProgramIsInfeasibleInEveryOpinion() {
        // the rows' inner counts add up to 5 + 7 = 12, the columns' to 4 + 9 = 13: no count is consistent with both
        try (ComponentProgram program = new ComponentProgram(table(9), INNER, null, COMPONENT, new long[1])) {
            program.objective(new int[] {0}, true);
            assertThat(program.secondOpinions(new int[] {0}, MPSolver.ResultStatus.INFEASIBLE)).isNull();
            assertThat(program.optimumOfSumOrNull(new int[] {0}, true)).isNull();
        }
    }
}
