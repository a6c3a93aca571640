# Reference values for NetSurvival's interval convention at interval boundaries, kept out of CI.
#
# SPEC.md section 4, life-table form, written out here independently of the Java kernel: monthly intervals
# (a, b] of 365.25/12 = 30.4375 days; a patient exiting at t is at risk in every interval with a < t; a death is a
# death of the interval with a < t <= b (exposure halved); a censoring halves the exposure when a < t < b, and at
# t = b the patient survived the interval (full exposure). Times are kept in days, where 16 months (487 days), 32
# months (974 days, a censoring) and 48 months (1461 days) are boundaries exactly, then converted to years.
# One-year expected survival p = 0.97 for everybody.
#
# Run from the project root:  Rscript src/test/r/boundary_deaths_reference.R > src/test/r/boundary_deaths_reference.out
# NetSurvivalBoundaryTest holds the printed values.
days <- c(487, 1461, 300, 1000, 1826, 2000, 974, 120)
died <- c(TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, TRUE)
p <- 0.97
month <- 365.25 / 12
L <- 1 / 12
K <- 60
pp <- 1; vpp <- 0; obs <- 0; e2 <- 1; vobs <- 0; dead <- 0
out <- data.frame()
for (k in 1:K) {
  a <- (k - 1) * month
  b <- k * month
  at <- days > a
  if (!any(at)) break
  exits <- at & ((died & days <= b) | (!died & days < b))
  d <- as.numeric(exits & died)
  y <- ifelse(exits, 0.5, 1) * L                       # exposure, years, halved on exit
  py <- (pmin(days, b) - a)[at] / 365.25               # actual person-time
  cumexp <- p^((k - 1) * L) * p^(L / 2)                # S* to mid-interval
  w <- 1 / cumexp
  Dw <- sum(w * d[at]); Dsw <- sum(w * (-log(p)) * y[at]); Yw <- sum(w * y[at])
  pp <- pp * exp(-L * (Dw - Dsw) / Yw)
  vpp <- vpp + L^2 * sum(w^2 * d[at]) / Yw^2
  obs_int <- exp(-L * sum(d[at]) / sum(py))
  obs <- if (k == 1) obs_int else obs * obs_int
  e2 <- e2 * obs_int / mean(rep(p^L, sum(at)))
  vobs <- vobs + L^2 * sum(d[at]) / sum(py)^2
  dead <- dead + sum(d[at])
  if (k %in% c(4, 10, 16, 17, 32, 33, 48, 60)) {
    out <- rbind(out, data.frame(month = k, deaths = dead, pohar_perme = pp, pp_se = pp * sqrt(vpp),
                                 ederer2 = e2, observed = obs, observed_se = obs * sqrt(vobs)))
  }
}
print(format(out, digits = 12), row.names = FALSE)
