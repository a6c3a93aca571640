# Reference values for the standardised prevalence ratio with a reference prevalence in broad (RUKS) age bands,
# kept out of CI. ComorbidityBandsTest builds the same tables and holds the printed values.
#
# Population: 1,000 persons at every single age 0..99 and 1,000 aged 100+, each sex, 2022. condition_prevalence
# for copd in the RUKS bands 0-44, 45-59, 60-74, 75+: men 450, 600, 1500, 5200 persons (prevalence 0.01, 0.04,
# 0.10, 0.20 of the whole band's population: 45,000, 15,000, 15,000, 26,000); women half as many.
# Patients: 48 lung cancers diagnosed 2022-06-15, patient i (0..47) of sex 1 + i %% 2 and age
# c(30, 44, 46, 52, 58, 61, 67, 72, 76, 83, 90, 99)[(i %/% 2) %% 12 + 1], with copd at diagnosis when i %% 3 == 0.
# Expected = sum over patients of the prevalence of the band their age falls in (by sex); exact interval and test
# from poisson.test(observed, expected) (its interval, for the rate per unit of expected, is the ratio's
# chi-square interval of SPEC.md section 4).
#
# Run from the project root:  Rscript src/test/r/banded_prevalence_reference.R > src/test/r/banded_prevalence_reference.out
ages <- c(30, 44, 46, 52, 58, 61, 67, 72, 76, 83, 90, 99)
i <- 0:47
sex <- 1 + i %% 2
age <- ages[(i %/% 2) %% 12 + 1]
copd <- i %% 3 == 0
band_population <- c(45000, 15000, 15000, 26000)
persons_men <- c(450, 600, 1500, 5200)
band <- cut(age, c(-1, 44, 59, 74, Inf), labels = FALSE)
prevalence <- ifelse(sex == 1, persons_men[band], persons_men[band] / 2) / band_population[band]
report <- function(label, keep) {
  o <- sum(copd[keep]); e <- sum(prevalence[keep])
  t <- poisson.test(o, e)
  cat(sprintf("%s patients %d observed %d expected %.12f ratio %.12f lower %.12f upper %.12f p %.12f\n",
              label, sum(keep), o, e, o / e, t$conf.int[1], t$conf.int[2], t$p.value))
}
report("both", rep(TRUE, 48))
report("male", sex == 1)
report("female", sex == 2)
# What the 5-year-group join did before: each band stood for the 5-year group of its lower age (0-4, 45-49, 60-64,
# 75-79), so only patients of those groups (here aged 46, 61, 76) matched a reference row and the rest vanished,
# and each band's persons were divided by the population of that one 5-year group (5,000).
old_keep <- age %in% c(46, 61, 76)
old_prevalence <- ifelse(sex == 1, persons_men[band], persons_men[band] / 2) / 5000
cat(sprintf("old-join both patients %d observed %d expected %.12f ratio %.12f\n", sum(old_keep), sum(copd[old_keep]),
            sum(old_prevalence[old_keep]), sum(copd[old_keep]) / sum(old_prevalence[old_keep])))
