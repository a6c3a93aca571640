# Reference values for PoissonTestTest and FunnelLimitsTest (cancerstats, issue 19).
# Run: Rscript src/test/r/regional_ratio_reference.R > src/test/r/regional_ratio_reference.out
# R's own exact Poisson test (stats::poisson.test, two-sided, ratio 1) and the exact Poisson funnel limits of
# Spiegelhalter DJ, Funnel plots for comparing institutional performance, Stat Med 2005;24:1185-1202, appendix A.1.1:
# for expected E and probability p, r_p = qpois(p, E), alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)),
# limit = (r_p - alpha) / E (an interpolated quantile of the ratio O / E when it is 1).
options(digits = 15)
cases <- data.frame(observed = c(32, 0, 3, 15, 9, 120, 1, 60),
                    expected = c(21.21, 3.5, 10.2, 9.1, 9, 100.4, 0.2, 80.5))
for (k in seq_len(nrow(cases))) {
  t <- poisson.test(cases$observed[k], cases$expected[k])
  cat(sprintf("p observed=%d expected=%.4f ratio=%.12f lower=%.12f upper=%.12f p=%.12g\n", cases$observed[k],
              cases$expected[k], t$estimate, t$conf.int[1], t$conf.int[2], t$p.value))
}
limit <- function(p, e) {
  r <- qpois(p, e)
  alpha <- (ppois(r, e) - p) / (ppois(r, e) - ppois(r - 1, e))
  max(0, (r - alpha) / e)
}
for (e in c(0.5, 3.5, 10, 21.21, 100, 1000)) {
  cat(sprintf("funnel expected=%.4f l998=%.12f l95=%.12f u95=%.12f u998=%.12f\n", e, limit(0.001, e), limit(0.025, e),
              limit(0.975, e), limit(0.999, e)))
}
