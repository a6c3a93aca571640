# The peers of `cancerstats survival` in jobs/benchmark.sh --peers: Pohar Perme net survival by sex, computed by
# R's relsurv::rs.surv or popEpi::survtab on the cohort that `cancerstats generate --cohort N` wrote, read from the
# same landing CSV files cancerstats ingests. Kept out of CI; needs r-cran-relsurv and r-cran-popepi (Debian).
#
#   Rscript jobs/peers/survival.R LANDING relsurv|popepi
#
# Prints, for the benchmark to parse:
#   stage read SECONDS          reading the three CSV files and building the analysis rows
#   stage estimate SECONDS      the estimator itself (for popEpi: splitting, aggregating and survtab_ag)
#   estimate SEX YEARS VALUE    net survival at 1, 5 and 10 years (sex 1 male, 2 female)
#
# The cohort is the one cancerstats estimates: time from diagnosis to the end of follow-up in days, dead when
# vital_status is 2, age and calendar year at diagnosis mapped to the life table (one-year survival probabilities
# by year, sex and age, 100 for 100+). Patients with no follow-up time (end on the day of diagnosis) are left out,
# as cancerstats leaves them out.
#   relsurv: rs.surv(Surv(time, status) ~ sex, method = "pohar-perme"), the ratetable from transrate; daily
#            precision (its default), continuous time.
#   popEpi:  lexpand with monthly follow-up intervals to 10 years, aggregated by sex and interval, then
#            survtab_ag(surv.type = "surv.rel", relsurv.method = "pp"), the hazard -log(p) by sex, calendar year and year of age (lexpand's year and agegroup).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2 || !args[2] %in% c("relsurv", "popepi")) {
  stop("usage: Rscript jobs/peers/survival.R LANDING relsurv|popepi")
}
landing <- args[1]
tool <- args[2]
suppressPackageStartupMessages({
  library(data.table)
  if (tool == "relsurv") library(relsurv) else library(popEpi)
})
elapsed <- function() proc.time()[["elapsed"]]

start <- elapsed()
incidence <- fread(file.path(landing, "incidence/incidence.csv"),
                   select = c("patient_id", "sex", "date_of_birth", "date_of_diagnosis"), colClasses = "character")
followup <- fread(file.path(landing, "followup/followup.csv"), colClasses = "character")
lifetable <- fread(file.path(landing, "lifetable/lifetable.csv"))
d <- merge(incidence, followup, by = "patient_id")
d[, `:=`(sex = as.integer(sex), birth = as.Date(date_of_birth), diagnosis = as.Date(date_of_diagnosis),
         end = as.Date(end_of_followup), status = as.integer(vital_status == "2"))]
d[, time := as.numeric(end - diagnosis)]
d <- d[time > 0]
cat("patients", nrow(d), "deaths", sum(d$status), "\n")
horizons <- c(1, 5, 10)

if (tool == "relsurv") {
  years <- sort(unique(lifetable$year))
  ages <- sort(unique(lifetable$age))
  probability <- function(s) {
    t <- lifetable[sex == s]
    m <- matrix(NA_real_, nrow = length(ages), ncol = length(years))
    m[cbind(match(t$age, ages), match(t$year, years))] <- t$survival_probability
    m
  }
  table <- transrate(probability(1), probability(2), yearlim = range(years), int.length = 1)
  d[, age := as.numeric(diagnosis - birth)]
  cat("stage read", sprintf("%.1f", elapsed() - start), "\n")
  start <- elapsed()
  fit <- rs.surv(Surv(time, status) ~ sex, data = d, ratetable = table, method = "pohar-perme",
                 rmap = list(age = age, sex = sex, year = diagnosis))
  cat("stage estimate", sprintf("%.1f", elapsed() - start), "\n")
  s <- summary(fit, times = horizons * 365.241, extend = TRUE)
  sexes <- as.integer(sub("sex=", "", as.character(s$strata)))
  for (i in seq_along(s$surv)) cat("estimate", sexes[i], s$time[i] / 365.241, sprintf("%.6f", s$surv[i]), "\n")
} else {
  pophaz <- lifetable[, .(sex, year, agegroup = age, haz = -log(survival_probability))]
  cat("stage read", sprintf("%.1f", elapsed() - start), "\n")
  start <- elapsed()
  x <- lexpand(d, birth = birth, entry = diagnosis, exit = end, status = status, breaks = list(fot = seq(0, 10, 1 / 12)),
               pophaz = pophaz, pp = TRUE, aggre = list(sex, fot))
  st <- survtab_ag(fot ~ sex, data = x, surv.type = "surv.rel", relsurv.method = "pp", d = "from0to1",
                   n.cens = "from0to0", d.pp = "from0to1.pp", d.pp.2 = "from0to1.pp.2", n.cens.pp = "from0to0.pp",
                   pyrs.pp = "ptime.pp", n.pp = "at.risk.pp", d.exp.pp = "d.exp.pp")
  cat("stage estimate", sprintf("%.1f", elapsed() - start), "\n")
  st <- as.data.table(st)
  for (h in horizons) {
    at <- st[abs(Tstop - h) < 1e-9]
    for (i in seq_len(nrow(at))) cat("estimate", at$sex[i], h, sprintf("%.6f", at$r.pp[i]), "\n")
  }
}
