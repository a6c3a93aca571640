# Reference values for DirectStandardisationTest, from epitools::ageadjust.direct (Fay and Feuer 1997 gamma
# interval). Run: Rscript src/test/r/direct_standardisation_reference.R  (Debian: r-cran-epitools). Not run in CI.
library(epitools)
show <- function(name, count, pop, std) {
  r <- ageadjust.direct(count = count, pop = pop, stdpop = std, conf.level = 0.95)
  cat(sprintf("%s crude=%.10f adj=%.10f lci=%.10f uci=%.10f\n", name, r[["crude.rate"]], r[["adj.rate"]], r[["lci"]], r[["uci"]]))
}
# Fay and Feuer (1997) Table 1, birth order 5+ (SPEC.md section 4)
show("birth_order_5", c(0, 8, 63, 112, 262, 295), c(327, 30666, 123419, 149919, 104088, 34392),
     c(319933, 931318, 786511, 488235, 237863, 61313))
# A registry-shaped case: 18 age groups, World (Segi 1960) standard, small counts with empty strata
world <- c(12000, 10000, 9000, 9000, 8000, 8000, 6000, 6000, 6000, 6000, 5000, 4000, 4000, 3000, 2000, 1000, 500, 500)
cases <- c(0, 0, 0, 0, 1, 0, 2, 1, 3, 5, 9, 14, 22, 31, 40, 38, 29, 21)
pop <- c(31000, 32000, 30500, 29800, 30100, 33000, 34500, 35200, 36100, 34800, 33900, 32000, 30200, 27800, 22100, 15900, 10200, 8300)
show("registry_world", cases, pop, world)
# Few cases: the interval is wide and asymmetric
show("few_cases", c(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 1, 0), pop, world)
