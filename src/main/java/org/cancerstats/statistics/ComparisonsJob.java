package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.Sex;
import org.cancerstats.core.reference.YearSpan;
import org.cancerstats.core.stats.Figures;
import org.cancerstats.core.stats.FunnelLimits;
import org.cancerstats.core.stats.InequalityIndices;
import org.cancerstats.core.stats.PoissonTest;
import org.cancerstats.core.stats.StandardisedRatio;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableDef;

/**
 * Regions against the nation (docs/methods.md): for each measure, site, sex, period and region the observed count
 * O and the expected count E = Σ_age (national cases / national person-years) × the region's person-years, by sex
 * and 5-year age group, and the indirectly standardised ratio O/E (SIR for incidence, SMR for mortality) with its
 * exact interval ({@link StandardisedRatio}), the exact Poisson test of ratio 1 ({@link PoissonTest}) and the funnel
 * limits at E ({@link FunnelLimits}). The national rate counts every case, those of a region the population does not
 * know included, so the expected counts of the regions add up to the national observed count.
 *
 * <p>Spark aggregates the zero-filled counts of the rates ({@code incidence_counts}, {@code mortality_counts}) and the
 * population to (period, site, sex, region) sums; those few thousand rows are brought to the driver, where the
 * kernels give the figures, and written in one commit. The same job writes {@code inequality} (SII, RII and the rate
 * ratio by education, {@link InequalityIndices}, from the rates' ASRs by education level) and
 * {@code survival_differences} (each region's standardised 5-year net survival against the nation's, from the
 * survival table), each from a few thousand rows brought to the driver.
 */
public final class ComparisonsJob {

    public static final List<Extract> REQUIRED_INPUTS = List.of(Extract.INCIDENCE, Extract.POPULATION);
    /** Mortality for the SMR; follow-up and life table for the survival differences (from the survival table). */
    public static final List<Extract> OPTIONAL_INPUTS = List.of(Extract.MORTALITY, Extract.FOLLOWUP, Extract.LIFETABLE);

    /** The horizon of the regional survival differences. */
    static final int SURVIVAL_HORIZON = 5;

    /**
     * @param refreshId   the run
     * @param confidence  level of the ratio's interval (rates.confidence)
     * @param periodYears length of the periods (rates.period-years), counted back from the last year
     * @param unknownEducationLimit share of cases of unknown education above which an inequality row is flagged
     */
    public record Options(String refreshId, double confidence, int periodYears, double unknownEducationLimit) {
        public Options {
            Objects.requireNonNull(refreshId, "refreshId");
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must lie in (0, 1); got " + confidence);
            }
            if (periodYears < 1) {
                throw new IllegalArgumentException("periodYears must be at least 1; got " + periodYears);
            }
        }
    }

    /**
     * @param rows          rows written
     * @param outside998    rows flagged outside the 99.8% limits
     * @param tableVersions Delta versions written
     * @param notes         what was left out and why
     */
    public record Result(long rows, long outside998, java.util.Map<String, Long> tableVersions, List<String> notes) {
    }

    private final SparkSession spark;
    private final RegistryCatalog catalog;

    public ComparisonsJob(SparkSession spark, RegistryCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    public Result run(Options options) {
        catalog.requireInputs("comparisons", REQUIRED_INPUTS);
        RateTables.requireCounts(catalog, "comparisons");
        Dataset<Row> personYears = StatisticFrames.personYears(catalog.extract(Extract.POPULATION), AgeGroups.STANDARD)
                .groupBy("year", "sex", "region", "age_index").agg(sum("person_years").as("person_years"));
        List<String> notes = new ArrayList<>();
        List<Sums> strata = new ArrayList<>();
        TableDef table = ComparisonTables.REGIONAL_RATIOS;
        for (Measure measure : List.of(Measure.INCIDENCE, Measure.MORTALITY)) {
            TableDef counts = measure == Measure.INCIDENCE ? RateTables.INCIDENCE_COUNTS : RateTables.MORTALITY_COUNTS;
            if (!catalog.exists(measure.extract()) || !catalog.exists(counts.name())) {
                notes.add("SMR skipped: no mortality extract is loaded");
                continue;
            }
            Dataset<Row> cases = spark.table(catalog.qualified(counts.name()))
                    .withColumn("age_index", col("age_lower").divide(5).cast("int"));
            Row cover = cases.agg(min("year"), max("year")).head();
            Row population = personYears.agg(min("year"), max("year")).head();
            if (cover.isNullAt(0) || population.isNullAt(0)) {
                notes.add(measure.table() + ": no counts or no population, no ratios");
                continue;
            }
            YearSpan years = new YearSpan(Math.max(cover.getInt(0), population.getInt(0)),
                    Math.min(cover.getInt(1), population.getInt(1)));
            Dataset<Row> periods = StatisticFrames.periods(spark, years.first(), years.last(), options.periodYears(),
                    List.of(years)).filter(col("period_type").equalTo("period"));
            for (Row r : regionSums(cases, personYears, periods)) {
                strata.add(Sums.of(measure, r, years));
            }
        }
        // Both sexes: observed and expected summed over the two sexes' strata.
        java.util.Map<List<Object>, Sums> both = new java.util.LinkedHashMap<>();
        strata.forEach(s -> both.merge(s.bothSexesKey(), s.asBoth(), Sums::plus));
        strata.addAll(both.values());
        List<Row> out = strata.stream().map(s -> figures(table, s, options.confidence())).toList();
        catalog.overwrite(table, spark.createDataFrame(out, table.computedSchema()), options.refreshId());
        List<Row> inequality = inequality(options, notes);
        catalog.overwrite(ComparisonTables.INEQUALITY, spark.createDataFrame(inequality,
                ComparisonTables.INEQUALITY.computedSchema()), options.refreshId());
        List<Row> differences = survivalDifferences(options, notes);
        catalog.overwrite(ComparisonTables.SURVIVAL_DIFFERENCES, spark.createDataFrame(differences,
                ComparisonTables.SURVIVAL_DIFFERENCES.computedSchema()), options.refreshId());
        long flagged = strata.stream().filter(Sums::divergent).count();
        return new Result(out.size(), flagged, catalog.versions(List.of(table, ComparisonTables.INEQUALITY,
                ComparisonTables.SURVIVAL_DIFFERENCES)), List.copyOf(notes));
    }

    /**
     * (period, site, sex, region): observed and expected. The national rate of an age group counts the cases of every
     * region over the person-years of all regions; an age group without national person-years is left out of both.
     */
    private static List<Row> regionSums(Dataset<Row> cases, Dataset<Row> personYears, Dataset<Row> periods) {
        List<String> cell = List.of("period", "period_start", "period_end", "sex", "age_index");
        List<String> regionCell = new ArrayList<>(cell);
        regionCell.add("region");
        Dataset<Row> py = personYears.join(periods, "year").groupBy(StatisticFrames.columns(regionCell))
                .agg(sum("person_years").as("py"));
        List<String> siteCell = new ArrayList<>(regionCell);
        siteCell.add("site");
        Dataset<Row> c = cases.join(periods, "year").groupBy(StatisticFrames.columns(siteCell)).agg(sum("cases").as("cases"))
                .persist();
        List<String> nationalCell = new ArrayList<>(cell);
        nationalCell.add("site");
        Dataset<Row> nationalRate = c.groupBy(StatisticFrames.columns(nationalCell)).agg(sum("cases").as("national_cases"))
                .join(py.groupBy(StatisticFrames.columns(cell)).agg(sum("py").as("national_py")), StatisticFrames.names(cell))
                .filter(col("national_py").gt(0))
                .withColumn("rate", col("national_cases").divide(col("national_py")));
        // Every region of the population in every cell with a national rate: a region with no case has O = 0.
        try {
            return nationalRate.join(py, StatisticFrames.names(cell))
                    .join(c, StatisticFrames.names(siteCell), "left")
                    .groupBy("period", "period_start", "period_end", "site", "sex", "region")
                    .agg(coalesce(sum("cases"), lit(0L)).as("observed"), sum(col("rate").multiply(col("py"))).as("expected"))
                    .collectAsList();
        } finally {
            c.unpersist(); // read twice above (national rates, regional observed), not after
        }
    }

    /**
     * Each region's ICSS-standardised 5-year Pohar Perme net survival against the nation's, from the survival table.
     * The region's patients are part of the nation's, so the two estimates are correlated: to first order the
     * national estimate is w S_r + (1 − w) S_rest with w the region's share of the patients, and
     * var(S_r − S_n) = var_r + var_n − 2 w var_r (at least 0).
     */
    private List<Row> survivalDifferences(Options options, List<String> notes) {
        if (!catalog.exists(SurvivalTables.SURVIVAL.name())) {
            notes.add("survival differences skipped: no survival table (no followup or lifetable extract loaded)");
            return List.of();
        }
        Dataset<Row> standardised = spark.table(catalog.qualified(SurvivalTables.SURVIVAL.name()))
                .filter(col("age_group").equalTo("standardised").and(col("estimator").equalTo("pohar_perme"))
                        .and(col("stage").equalTo("all")).and(col("horizon_years").equalTo(SURVIVAL_HORIZON)));
        Dataset<Row> national = standardised.filter(col("region").equalTo("national"))
                .select(col("site"), col("sex"), col("approach"), col("period"), col("patients").as("n_patients"),
                        col("survival").as("n_survival"), col("se").as("n_se"), col("withheld_reason").as("n_withheld"));
        double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .inverseCumulativeProbability(0.5 + options.confidence() / 2);
        List<Row> out = new ArrayList<>();
        for (Row r : standardised.filter(col("region").notEqual("national"))
                .join(national, StatisticFrames.names(List.of("site", "sex", "approach", "period")))
                .select("site", "sex", "approach", "period", "region", "patients", "n_patients", "survival", "n_survival",
                        "se", "n_se", "withheld_reason", "n_withheld").collectAsList()) {
            boolean both = !r.isNullAt(7) && !r.isNullAt(8) && !r.isNullAt(9) && !r.isNullAt(10);
            Double difference = null;
            Double lower = null;
            Double upper = null;
            if (both) {
                double w = r.getLong(6) > 0 ? (double) r.getLong(5) / r.getLong(6) : 0;
                double varRegion = r.getDouble(9) * r.getDouble(9);
                double se = Math.sqrt(Math.max(0, varRegion + r.getDouble(10) * r.getDouble(10) - 2 * w * varRegion));
                difference = r.getDouble(7) - r.getDouble(8);
                lower = difference - z * se;
                upper = difference + z * se;
            }
            String withheld = both ? null : !r.isNullAt(11) ? r.getString(11) : !r.isNullAt(12) ? "national: " + r.getString(12)
                    : "no estimate";
            out.add(ComparisonTables.SURVIVAL_DIFFERENCES.computedRow().row().set("site", r.get(0)).set("sex", r.get(1))
                    .set("approach", r.get(2)).set("period", r.get(3)).set("region", r.get(4))
                    .set("horizon_years", SURVIVAL_HORIZON).set("patients", r.get(5)).set("national_patients", r.get(6))
                    .set("survival", r.get(7)).set("national_survival", r.get(8)).set("difference", difference)
                    .set("difference_lower", lower).set("difference_upper", upper).set("withheld_reason", withheld).build());
        }
        return out;
    }

    /** Education levels from the most advantaged: the order of the inequality indices. */
    static final List<String> EDUCATION = List.of("high", "medium", "low");

    /**
     * The inequality rows, from the national all-ages ASRs the rates computed per education level (where both cases
     * and population carry it): per measure, site, sex, period and standard with all three levels and person-years
     * in each. Unknown education is what the levels' cases leave of all cases.
     */
    private List<Row> inequality(Options options, List<String> notes) {
        List<Row> out = new ArrayList<>();
        for (Measure measure : List.of(Measure.INCIDENCE, Measure.MORTALITY)) {
            TableDef rates = measure == Measure.INCIDENCE ? RateTables.INCIDENCE_RATES : RateTables.MORTALITY_RATES;
            if (!catalog.exists(rates.name())) {
                continue;
            }
            java.util.Map<List<Object>, java.util.Map<String, Row>> strata = new java.util.LinkedHashMap<>();
            for (Row r : spark.table(catalog.qualified(rates.name()))
                    .filter(col("region").equalTo("national").and(col("age_range").equalTo("all"))
                            .and(col("period_type").equalTo("period")))
                    .select("site", "sex", "period", "period_start", "period_end", "standard", "education", "cases",
                            "person_years", "asr", "asr_se", "asr_lower", "asr_upper")
                    .orderBy("site", "sex", "period_start", "period_end", "standard").collectAsList()) {
                List<Object> key = List.of(r.getString(0), r.getString(1), r.getString(2), r.getInt(3), r.getInt(4), r.getString(5));
                strata.computeIfAbsent(key, k -> new java.util.HashMap<>()).put(r.getString(6), r);
            }
            long incomplete = 0;
            for (var stratum : strata.entrySet()) {
                java.util.Map<String, Row> levels = stratum.getValue();
                boolean complete = levels.containsKey("all") && EDUCATION.stream().allMatch(l -> levels.containsKey(l)
                        && !levels.get(l).isNullAt(8) && levels.get(l).getDouble(8) > 0 && !levels.get(l).isNullAt(9));
                if (!complete) {
                    incomplete++;
                    continue;
                }
                out.add(inequalityRow(measure, stratum.getKey(), levels, options));
            }
            if (incomplete > 0) {
                notes.add(measure.table() + " inequality: " + incomplete + " stratum(s) without cases and population "
                        + "of every education level (high, medium, low) left out");
            }
        }
        return out;
    }

    private static Row inequalityRow(Measure measure, List<Object> key, java.util.Map<String, Row> levels, Options options) {
        double population = EDUCATION.stream().mapToDouble(l -> levels.get(l).getDouble(8)).sum();
        List<InequalityIndices.Level> ordered = EDUCATION.stream().map(l -> levels.get(l))
                .map(r -> new InequalityIndices.Level(r.getDouble(9), r.getDouble(10), r.getDouble(8) / population)).toList();
        InequalityIndices i = InequalityIndices.of(ordered, options.confidence());
        long all = levels.get("all").getLong(7);
        long unknown = all - EDUCATION.stream().mapToLong(l -> levels.get(l).getLong(7)).sum();
        Double share = all > 0 ? (double) unknown / all : null;
        var row = ComparisonTables.INEQUALITY.computedRow().row().set("measure", measure.table()).set("site", key.get(0))
                .set("sex", key.get(1)).set("period", key.get(2)).set("period_start", key.get(3)).set("period_end", key.get(4))
                .set("standard", key.get(5));
        for (String l : EDUCATION) {
            Row r = levels.get(l);
            row.set("asr_" + l, r.get(9)).set("asr_" + l + "_lower", r.get(11)).set("asr_" + l + "_upper", r.get(12));
        }
        return row.set("rate_ratio", Figures.finiteOrNull(i.rr())).set("rate_ratio_lower", Figures.finiteOrNull(i.rrLower()))
                .set("rate_ratio_upper", Figures.finiteOrNull(i.rrUpper())).set("sii", Figures.finiteOrNull(i.sii()))
                .set("sii_lower", Figures.finiteOrNull(i.siiLower())).set("sii_upper", Figures.finiteOrNull(i.siiUpper()))
                .set("rii", Figures.finiteOrNull(i.rii())).set("rii_lower", Figures.finiteOrNull(i.riiLower()))
                .set("rii_upper", Figures.finiteOrNull(i.riiUpper())).set("cases", all).set("cases_unknown_education", unknown)
                .set("unknown_education_share", share)
                .set("unknown_education_flag", share != null && share > options.unknownEducationLimit()).build();
    }

    /** The observed and expected count of one (measure, site, sex, period, region). */
    private record Sums(Measure measure, String site, String sex, String period, int start, int end, boolean wholeSpan,
                        String region, long observed, double expected) {

        static Sums of(Measure measure, Row r, YearSpan years) {
            int start = r.getAs("period_start");
            int end = r.getAs("period_end");
            return new Sums(measure, r.getAs("site"), Sex.ofCode(r.<Integer>getAs("sex")).label(), r.getAs("period"), start, end,
                    start == years.first() && end == years.last(), r.getAs("region"), r.<Long>getAs("observed"),
                    r.<Double>getAs("expected"));
        }

        /** This stratum relabelled as both sexes (the start of their sum). */
        Sums asBoth() {
            return new Sums(measure, site, Sex.BOTH, period, start, end, wholeSpan, region, observed, expected);
        }

        /** This stratum and {@code other}'s (the other sex) summed, as both sexes. */
        Sums plus(Sums other) {
            return new Sums(measure, site, Sex.BOTH, period, start, end, wholeSpan, region, observed + other.observed,
                    expected + other.expected);
        }

        /** Outside the 99.8% funnel limits at its expected count (never, without an expectation). */
        boolean divergent() {
            return expected > 0 && FunnelLimits.at(expected).outside998(observed / expected);
        }

        List<Object> bothSexesKey() {
            return List.of(measure, site, period, region);
        }
    }

    /** The table row of a stratum, with the kernels' figures. */
    private static Row figures(TableDef table, Sums s, double confidence) {
        StandardisedRatio ratio = StandardisedRatio.of(s.observed(), s.expected(), confidence);
        FunnelLimits funnel = FunnelLimits.at(s.expected());
        boolean known = s.expected() > 0;
        return table.computedRow().row().set("measure", s.measure().table())
                .set("ratio_type", s.measure() == Measure.INCIDENCE ? "SIR" : "SMR")
                .set("site", s.site()).set("sex", s.sex()).set("period", s.period()).set("period_start", s.start())
                .set("period_end", s.end()).set("whole_span", s.wholeSpan()).set("region", s.region())
                .set("observed", s.observed()).set("expected", s.expected())
                .set("ratio", Figures.finiteOrNull(ratio.ratio())).set("ratio_lower", Figures.finiteOrNull(ratio.lower()))
                .set("ratio_upper", Figures.finiteOrNull(ratio.upper()))
                .set("p_value", PoissonTest.twoSided(s.observed(), s.expected()))
                .set("funnel_lower_95", Figures.finiteOrNull(funnel.lower95()))
                .set("funnel_upper_95", Figures.finiteOrNull(funnel.upper95()))
                .set("funnel_lower_998", Figures.finiteOrNull(funnel.lower998()))
                .set("funnel_upper_998", Figures.finiteOrNull(funnel.upper998()))
                .set("outside_95", known ? funnel.outside95(ratio.ratio()) : null)
                .set("outside_998", known ? s.divergent() : null).build();
    }
}
