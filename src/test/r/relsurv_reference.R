# Reference values for NetSurvival from R's relsurv (Pohar Perme, Pohar Perme and Stare), kept out of CI.
#
# Makes a synthetic cohort (seeded) and its life table, writes both to src/test/resources/relsurv/, and writes
# relsurv's Pohar Perme and Ederer II net survival at 1, 3, 5 and 10 years to relsurv/reference.csv. The Java test
# NetSurvivalRelsurvTest runs the project's kernel on the same two files and compares.
#
# Run from the project root:  Rscript src/test/r/relsurv_reference.R > src/test/r/relsurv_reference.out
# Produced with R 4.2 and relsurv 2.2.9 (Debian package r-cran-relsurv).
suppressPackageStartupMessages(library(relsurv))
set.seed(20261122)
out <- "src/test/resources/relsurv"

# Life table: one-year survival p = 1 - q, Gompertz in age, improving by 1% a year; women 30% lower mortality.
years <- 1995:2025
ages <- 0:110
q <- function(sex, age, year) pmin(0.6, exp(-10.2 + 0.092 * age) * (1 - 0.01 * (year - 1995)) * ifelse(sex == 1, 1, 0.7))
grid <- expand.grid(age = ages, year = years, sex = 1:2)
grid$survival_probability <- 1 - q(grid$sex, grid$age, grid$year)
write.csv(grid[, c("year", "sex", "age", "survival_probability")], file.path(out, "lifetable.csv"), row.names = FALSE)
men <- 1 - matrix(q(1, rep(ages, length(years)), rep(years, each = length(ages))), nrow = length(ages))
women <- 1 - matrix(q(2, rep(ages, length(years)), rep(years, each = length(ages))), nrow = length(ages))
# transrate takes one-year survival probabilities (rows age 0.., columns years).
table <- transrate(men, women, yearlim = c(min(years), max(years)), int.length = 1)

# Cohort: 3000 patients diagnosed 2005-2014, aged 40-89, excess hazard 0.25/year in the first 2 years and
# 0.05/year after; population deaths from the life table; closed on 2019-12-31.
n <- 3000
sex <- sample(1:2, n, replace = TRUE)
diagnosis <- as.Date("2005-01-01") + sample(0:3651, n, replace = TRUE)
age_days <- round(runif(n, 40, 90) * 365.241)
birth <- diagnosis - age_days
closing <- as.Date("2019-12-31")
end <- rep(closing, n)
status <- rep(0L, n)
for (i in seq_len(n)) {
  t <- 0
  repeat {
    a <- floor(age_days[i] / 365.241 + t)
    y <- as.integer(format(diagnosis[i], "%Y")) + floor(t)
    rate <- -log(1 - q(sex[i], a, y)) + ifelse(t < 2, 0.25, 0.05)
    step <- rexp(1, rate)
    if (step < 1) {
      death <- diagnosis[i] + max(1, round((t + step) * 365.241))
      if (death <= closing) {
        end[i] <- death
        status[i] <- 1L
      }
      break
    }
    t <- t + 1
    if (diagnosis[i] + t * 365.241 > closing) break
  }
}
# One in ten lost to follow-up at a random earlier date.
lost <- which(status == 0 & runif(n) < 0.1)
end[lost] <- diagnosis[lost] + pmax(1, floor(runif(length(lost)) * as.numeric(closing - diagnosis[lost])))
cohort <- data.frame(sex = sex, date_of_birth = birth, date_of_diagnosis = diagnosis, end_of_followup = end, died = status)
write.csv(cohort, file.path(out, "patients.csv"), row.names = FALSE)

d <- data.frame(time = as.numeric(end - diagnosis), status = status, age = as.numeric(diagnosis - birth),
                sex = sex, year = diagnosis)
horizons <- c(1, 3, 5, 10)
result <- NULL
for (method in c("pohar-perme", "ederer2")) {
  fit <- rs.surv(Surv(time, status) ~ 1, data = d, ratetable = table, method = method,
                 rmap = list(age = age, sex = sex, year = year))
  s <- summary(fit, times = horizons * 365.241)
  result <- rbind(result, data.frame(method = method, years = horizons, survival = s$surv, se = s$std.err))
}
write.csv(result, file.path(out, "reference.csv"), row.names = FALSE)
cat("relsurv", as.character(packageVersion("relsurv")), "on", nrow(d), "patients,", sum(status), "deaths\n")
print(result, digits = 8)
