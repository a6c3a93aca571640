package org.cancerstats.core.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * A Poisson generalised linear model of counts C with person-years y, fitted by iteratively reweighted least squares
 * as R's {@code glm.fit} does it (McCullagh and Nelder, Generalized Linear Models, 2nd ed., 1989, section 2.5):
 *
 * <pre>
 *   start   μ = C + 0.1,  η = g(μ)
 *   repeat  z = η + (C − μ) / μ'(η),   w = μ'(η)² / μ       (Poisson variance V(μ) = μ)
 *           β = argmin Σ w (z − xβ)²   (QR least squares of √w·X on √w·z, Commons Math)
 *           η = Xβ,  μ = g⁻¹(η)
 *   until   |D − D_previous| / (|D| + 0.1) &lt; 1e-8, at most 25 times
 *   D = 2 Σ [C log(C/μ) − (C − μ)]   (the Poisson deviance; C log(C/μ) = 0 when C = 0)
 * </pre>
 *
 * Links ({@link Link}): NORDPRED's power-5 link g(μ) = (μ/y)^0.2, so that η⁵ is the rate per person-year, with
 * μ and μ'(η) = 5yη⁴ kept at least the machine epsilon as the package does; and the log link with offset log y.
 * The design must have full rank; the caller leaves out the aliased columns.
 */
public final class PoissonGlm {

    /** R's glm.control defaults. */
    static final double EPSILON = 1e-8;
    static final int MAX_ITERATIONS = 25;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);

    /** How the linear predictor maps to the expected count. */
    public enum Link {
        /** μ = y·η⁵ (NORDPRED's "power5"). */
        POWER5 {
            @Override
            double eta(double mu, double y) {
                return Math.pow(mu / y, 0.2);
            }

            @Override
            double mu(double eta, double y) {
                return Math.max(y * Math.pow(eta, 5), MACHINE_EPSILON);
            }

            @Override
            double derivative(double eta, double y) {
                return Math.max(5 * y * Math.pow(eta, 4), MACHINE_EPSILON);
            }
        },
        /** μ = y·exp(η) (log link, offset log y). */
        LOG {
            @Override
            double eta(double mu, double y) {
                return Math.log(mu / y);
            }

            @Override
            double mu(double eta, double y) {
                return y * Math.exp(eta);
            }

            @Override
            double derivative(double eta, double y) {
                return y * Math.exp(eta);
            }
        };

        /** The linear predictor (without offset) of an expected count. */
        abstract double eta(double mu, double y);

        abstract double mu(double eta, double y);

        /** dμ/dη. */
        abstract double derivative(double eta, double y);

        /** The rate per person-year at linear predictor η. */
        public double rate(double eta) {
            return this == POWER5 ? Math.pow(eta, 5) : Math.exp(eta);
        }
    }

    /**
     * @param coefficients β, in the design's column order
     * @param deviance     the Poisson deviance D
     * @param residualDf   cells − columns
     * @param converged    whether the deviance settled within 25 iterations
     */
    public record Fit(double[] coefficients, double deviance, int residualDf, boolean converged) {
        public Fit {
            coefficients = coefficients.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        /** Goodness of fit: P(χ²(residualDf) ≥ D). */
        public double goodnessOfFitP() {
            return residualDf > 0
                    ? org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(residualDf).survivalProbability(deviance)
                    : Double.NaN;
        }
    }

    private PoissonGlm() {
    }

    /**
     * @param x           design, one row per cell, full column rank
     * @param counts      C per cell, at least 0
     * @param personYears y per cell, more than 0
     * @throws IllegalArgumentException on a cell without person-years, a negative count, or more columns than cells
     */
    public static Fit fit(double[][] x, double[] counts, double[] personYears, Link link) {
        int n = x.length;
        if (n == 0 || counts.length != n || personYears.length != n) {
            throw new IllegalArgumentException("design, counts and person-years must have the same cells; got " + n + ", "
                    + counts.length + ", " + personYears.length);
        }
        int p = x[0].length;
        if (p >= n) {
            throw new IllegalArgumentException("the model has " + p + " parameters for " + n + " cells");
        }
        for (int i = 0; i < n; i++) {
            if (!(personYears[i] > 0)) {
                throw new IllegalArgumentException("cell " + i + " has person-years " + personYears[i] + "; the link needs more than 0");
            }
            if (!(counts[i] >= 0)) {
                throw new IllegalArgumentException("cell " + i + " has count " + counts[i]);
            }
        }
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = link.eta(counts[i] + 0.1, personYears[i]);
            mu[i] = link.mu(eta[i], personYears[i]);
        }
        double previous = deviance(counts, mu);
        double[] beta = new double[p];
        double deviance = previous;
        boolean converged = false;
        for (int iteration = 0; iteration < MAX_ITERATIONS && !converged; iteration++) {
            double[][] weighted = new double[n][p];
            double[] response = new double[n];
            for (int i = 0; i < n; i++) {
                double d = link.derivative(eta[i], personYears[i]);
                double z = eta[i] + (counts[i] - mu[i]) / d;
                double w = Math.sqrt(d * d / mu[i]);
                for (int j = 0; j < p; j++) {
                    weighted[i][j] = x[i][j] * w;
                }
                response[i] = z * w;
            }
            RealVector solved = new QRDecomposition(new Array2DRowRealMatrix(weighted, false)).getSolver()
                    .solve(new ArrayRealVector(response, false));
            beta = solved.toArray();
            for (int i = 0; i < n; i++) {
                double e = 0;
                for (int j = 0; j < p; j++) {
                    e += x[i][j] * beta[j];
                }
                eta[i] = e;
                mu[i] = link.mu(e, personYears[i]);
            }
            deviance = deviance(counts, mu);
            converged = Math.abs(deviance - previous) / (Math.abs(deviance) + 0.1) < EPSILON;
            previous = deviance;
        }
        return new Fit(beta, deviance, n - p, converged);
    }

    /** The Poisson deviance 2 Σ [C log(C/μ) − (C − μ)]. */
    static double deviance(double[] counts, double[] mu) {
        double d = 0;
        for (int i = 0; i < counts.length; i++) {
            d += (counts[i] > 0 ? counts[i] * Math.log(counts[i] / mu[i]) : 0) - (counts[i] - mu[i]);
        }
        return 2 * d;
    }
}
