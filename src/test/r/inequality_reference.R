# Reference values for InequalityIndicesTest (cancerstats, issue 19).
# Run: Rscript src/test/r/inequality_reference.R > src/test/r/inequality_reference.out
# Slope and relative index of inequality (Mackenbach JP, Kunst AE. Soc Sci Med 1997;44:757-771): the level rates
# regressed on the ridit (midpoint of the cumulative population share, from the most advantaged level at 0 to the
# least at 1), weighted by the population shares, with R's lm; SII = slope, RII = (intercept + slope) / intercept.
# Standard errors by the delta method from the levels' standard errors (levels independent), written as matrix
# algebra here: coefficients = L y with L = (X'WX)^-1 X'W, so var = L diag(se^2) L'.
options(digits = 15)
example <- function(name, share, rate, se) {
  x <- cumsum(share) - share / 2
  fit <- lm(rate ~ x, weights = share)
  a <- unname(coef(fit)[1]); b <- unname(coef(fit)[2])
  X <- cbind(1, x); W <- diag(share)
  L <- solve(t(X) %*% W %*% X) %*% t(X) %*% W
  V <- L %*% diag(se^2) %*% t(L)
  se_b <- sqrt(V[2, 2])
  g <- c(1 / (a + b) - 1 / a, 1 / (a + b))        # gradient of log((a + b) / a) in (a, b)
  se_log_rii <- sqrt(drop(t(g) %*% V %*% g))
  z <- qnorm(0.975)
  n <- length(rate)
  rr <- rate[n] / rate[1]
  se_log_rr <- sqrt((se[n] / rate[n])^2 + (se[1] / rate[1])^2)
  cat(sprintf("%s sii=%.12f sii_lower=%.12f sii_upper=%.12f rii=%.12f rii_lower=%.12f rii_upper=%.12f rr=%.12f rr_lower=%.12f rr_upper=%.12f\n",
              name, b, b - z * se_b, b + z * se_b, (a + b) / a, (a + b) / a * exp(-z * se_log_rii),
              (a + b) / a * exp(z * se_log_rii), rr, rr * exp(-z * se_log_rr), rr * exp(z * se_log_rr)))
}
# Levels ordered high, medium, low education.
example("gradient", c(0.25, 0.35, 0.40), c(40, 52, 68), c(2.5, 2.2, 2.0))
example("flat", c(0.30, 0.40, 0.30), c(50, 50, 50), c(3, 3, 3))
example("reversed", c(0.2, 0.5, 0.3), c(80, 60, 45), c(6, 3, 4))
