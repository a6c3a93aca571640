package org.cancerstats.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NORDPRED kernel against the package vignette (nordpred 1.3, colon cancer in Norwegian men, 1958–97 observed,
 * 1998–2022 projected): {@code ../shared/data/nordpred/README.md} prints the model choice, the Segi ASRs and the
 * predicted cases; the unrounded figures there come from running the package's own R code on the same data. The data
 * are read from the shared folder, never copied into the repository; without it the test is skipped and says so.
 */
class NordpredVignetteTest {

    private static final Path DATA = Path.of("..", "shared", "data", "nordpred");
    /** Segi world standard / 100,000, the vignette's {@code wstand}. */
    static final double[] SEGI = {0.12, 0.10, 0.09, 0.09, 0.08, 0.08, 0.06, 0.06, 0.06, 0.06, 0.05, 0.04, 0.04, 0.03, 0.02,
            0.01, 0.005, 0.005};

    private static double[][] cases;
    private static double[][] personYears;
    private static Nordpred.Projection projection;

    @BeforeAll
    static void project() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "skipped: " + DATA.toAbsolutePath()
                + " (the NORDPRED reference data of the shared folder) is not there");
        cases = table("colon-men-Norway.txt");
        double[][] observed = table("men-Norway.txt");
        double[][] projected = table("men-Norway-pred.txt");
        personYears = new double[18][13];
        for (int a = 0; a < 18; a++) {
            System.arraycopy(observed[a], 0, personYears[a], 0, 8);
            System.arraycopy(projected[a], 0, personYears[a], 8, 5);
        }
        projection = Nordpred.project(cases, personYears, Nordpred.Settings.defaults());
    }

    /** The package's CSV: header {@code row.names,58-62,...}, a row per age group, CRLF line ends. */
    private static double[][] table(String file) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(file), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        double[][] out = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            out[i - 1] = new double[f.length - 1];
            for (int j = 1; j < f.length; j++) {
                out[i - 1][j - 1] = Double.parseDouble(f[j]);
            }
        }
        return out;
    }

    @Test
    void choosesSixPeriodsAndTheRecentTrendWithThePrintedPValues() {
        Nordpred.Model model = projection.model();
        assertThat(model.periods()).isEqualTo(6);
        assertThat(model.recent()).isTrue();
        assertThat(model.converged()).isTrue();
        assertThat(model.gofP()).isCloseTo(0.7349, within(5e-5));
        assertThat(model.recentP()).isCloseTo(0.0067, within(5e-5));
        assertThat(model.recentP()).as("README (C): 0.006723").isCloseTo(0.006723, within(5e-7));
    }

    /** README section 1: the 13 Segi ASRs, printed to two decimals, and the unrounded values of the package run. */
    @Test
    void reproducesTheSegiAgeStandardisedRates() {
        double[] printed = {25.35, 25.36, 24.70, 23.65, 22.40};
        double[] unrounded = {25.3458, 25.3599, 24.6964, 23.6539, 22.4009};
        for (int j = 0; j < 5; j++) {
            double asr = projection.asr(j, SEGI);
            assertThat(Math.round(asr * 100) / 100.0).as("period %d printed", j).isEqualTo(printed[j]);
            assertThat(asr).as("period %d unrounded", j).isCloseTo(unrounded[j], withinPercentage(1e-2));
        }
        // The observed periods: crude rates weighted the same way.
        double[] observedAsr = {10.7573, 12.0850, 14.0337, 15.1415, 18.2819, 20.8996, 23.4813, 24.7625};
        double[] observedPrinted = {10.76, 12.08, 14.03, 15.14, 18.28, 20.90, 23.48, 24.76};
        for (int p = 0; p < 8; p++) {
            double asr = 0;
            for (int a = 0; a < 18; a++) {
                asr += SEGI[a] * cases[a][p] / personYears[a][p] * 100_000;
            }
            assertThat(Math.round(asr * 100) / 100.0).isEqualTo(observedPrinted[p]);
            assertThat(asr).isCloseTo(observedAsr[p], withinPercentage(1e-2));
        }
    }

    /** README section 2: period totals of predicted cases (rates × person-years of the package run). */
    @Test
    void reproducesThePredictedCaseTotals() {
        double[] totals = {5826.944, 6249.994, 6666.358, 7061.169, 7453.106};
        for (int j = 0; j < 5; j++) {
            assertThat(projection.totalCases(j)).as("period %d", j).isCloseTo(totals[j], withinPercentage(0.1));
        }
    }

    /** README section 3 and the method's worked checks: single cells of the printed rate table. */
    @Test
    void reproducesPrintedAgeSpecificRates() {
        assertThat(projection.rates()[17][0] * 1e5).as("85+, 98-02").isCloseTo(388.9815480, withinPercentage(1e-3));
        double[] young = {0.9862344, 1.0644432, 1.1192824, 1.1475368, 1.1763589};
        for (int j = 0; j < 5; j++) {
            assertThat(projection.rates()[5][j] * 1e5).as("25-29, period %d", j).isCloseTo(young[j], withinPercentage(1e-3));
        }
        assertThat(projection.rates()[4][0] * 1e5).as("20-24: mean of the last two observed rates")
                .isCloseTo(0.4193896, withinPercentage(1e-4));
        assertThat(projection.rates()[0][2]).as("0-4 had no case in the last two periods").isZero();
        assertThat(projection.rates()[14][4] * 1e5).as("70-74, 18-22").isCloseTo(196.3664497, withinPercentage(1e-3));
    }

    /** The change from 1993-97 splits into population and risk exactly; the vignette's population grows and ages. */
    @Test
    void theChangeSplitsIntoPopulationAndRiskParts() {
        for (int j = 0; j < 5; j++) {
            double[] observedCases = new double[18];
            double[] observedYears = new double[18];
            double[] predicted = new double[18];
            double[] future = new double[18];
            for (int a = 0; a < 18; a++) {
                observedCases[a] = cases[a][7];
                observedYears[a] = personYears[a][7];
                predicted[a] = projection.cases()[a][j];
                future[a] = personYears[a][8 + j];
            }
            Nordpred.Change change = Nordpred.Change.of(observedCases, observedYears, predicted, future);
            assertThat(change.observed()).isEqualTo(4574);
            assertThat(change.predicted()).isCloseTo(projection.totalCases(j), within(1e-9));
            assertThat(change.populationPart() + change.riskPart()).isCloseTo(change.change(), within(1e-9));
            assertThat(change.populationPart()).as("a growing, ageing population").isPositive();
        }
    }

    @Test
    void fewerCasesFallBackToTheMeanOfTheLastTwoPeriods() {
        Nordpred.Projection fallback = Nordpred.lastTwoPeriods(cases, personYears);
        assertThat(fallback.model()).isNull();
        double expected = (cases[17][6] / personYears[17][6] + cases[17][7] / personYears[17][7]) / 2 * personYears[17][8];
        assertThat(fallback.cases()[17][0]).isCloseTo(expected, within(1e-9));
    }
}
