package org.cancerstats.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.cancerstats.core.reference.AgeGroups;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.core.stats.Figures;
import org.cancerstats.core.stats.CumulativeRisk;
import org.cancerstats.core.stats.DirectStandardisation;
import org.cancerstats.core.stats.PoissonInterval;
import org.cancerstats.spark.FlatMappedIterator;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableRow;

/**
 * Turns one aggregated group (period, sex, region, education, site and its age strata of cases and person-years)
 * into its rate rows, one per standard population and age range, with the Spark-free kernels of core.stats.
 * Input columns: the {@link #KEYS}, {@code case_strata}: cases by age_index, and {@code py_strata}:
 * person-years by age_index (arrays with null for an age group the group has no row of), either null when the group
 * has none. Output: the columns of the rate tables before {@code refresh_id}.
 */
final class RateRows implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private static final double PER_100K = 100_000;
    /** The key columns of a group, in the rate tables' order. */
    static final List<String> KEYS = List.of("period_type", "period", "period_start", "period_end", "sex", "region",
            "education", "site");

    private final List<StandardPopulation> standards;
    private final AgeGroups groups;
    private final int[] truncated;
    private final double confidence;
    private final TableRow shape;
    /** Per partition (not thread-safe), made in {@link #call}. */
    private transient PoissonInterval.AtLevel poisson;

    /**
     * @param groups    the age groups of the strata (FINE when the population allows it)
     * @param truncated lowest and highest age of the truncated range, or null
     */
    RateRows(List<StandardPopulation> standards, AgeGroups groups, int[] truncated, double confidence, TableDef table) {
        this.shape = table.computedRow();
        this.standards = List.copyOf(standards);
        this.groups = groups;
        this.truncated = truncated == null ? null : truncated.clone();
        this.confidence = confidence;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        poisson = PoissonInterval.AtLevel.of(confidence);
        // Group by group: a partition's half a million rate rows are never all held at once (collected first, they
        // cost the national run's rates stage 11 s of garbage collection and 0.6 GB of peak memory).
        return new FlatMappedIterator<Row, Row>(input, this::rows);
    }

    private List<Row> rows(Row group) {
        List<Row> out = new ArrayList<>(2 * standards.size());
        Strata strata = Strata.of(group, groups.count());
        long[] cases = strata.cases();
        double[] py = strata.personYears();
        Strata standard18 = strata.toStandardGroups();
        long[] cases18 = standard18.cases();
        double[] py18 = standard18.personYears();
        if (Arrays.stream(py18).sum() == 0) {
            return out; // no population (e.g. a region only some cases name): nothing to estimate
        }
        Object[] keys = new Object[KEYS.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = group.getAs(KEYS.get(k));
        }
        Double risk74 = CumulativeRisk.percent(cases18, py18, 15);
        Double risk79 = CumulativeRisk.percent(cases18, py18, 16);
        for (StandardPopulation standard : standards) {
            boolean fine = standard.groups() == AgeGroups.FINE;
            if (fine && groups != AgeGroups.FINE) {
                continue; // the population does not split 85+
            }
            out.add(row(keys, standard, "all", fine ? cases : cases18, fine ? py : py18,
                    standard.weights(), risk74, risk79));
            if (truncated != null && !fine) {
                int from = truncated[0] / 5;
                int to = truncated[1] / 5 + 1;
                out.add(row(keys, standard, truncated[0] + "-" + truncated[1], Arrays.copyOfRange(cases18, from, to),
                        Arrays.copyOfRange(py18, from, to), Arrays.copyOfRange(standard.weights(), from, to), null, null));
            }
        }
        return out;
    }

    private Row row(Object[] keys, StandardPopulation standard, String ageRange, long[] cases, double[] py,
                    double[] weights, Double risk74, Double risk79) {
        DirectStandardisation.Sums sums = DirectStandardisation.sums(cases, py, weights);
        DirectStandardisation.Rate asr = DirectStandardisation.interval(sums, confidence).times(PER_100K);
        double personYears = Arrays.stream(py).sum();
        double[] crude = poisson.rate(sums.cases(), personYears);
        TableRow.Builder row = shape.row();
        for (int k = 0; k < keys.length; k++) {
            row.set(KEYS.get(k), keys[k]);
        }
        return row.set("standard", standard.name()).set("age_range", ageRange).set("cases", sums.cases())
                .set("person_years", personYears)
                .set("crude_rate", Figures.finiteOrNull(sums.cases() / personYears * PER_100K))
                .set("crude_lower", Figures.finiteOrNull(crude[0] * PER_100K))
                .set("crude_upper", Figures.finiteOrNull(crude[1] * PER_100K))
                .set("asr", Figures.finiteOrNull(asr.rate())).set("asr_se", Figures.finiteOrNull(asr.standardError()))
                .set("asr_lower", Figures.finiteOrNull(asr.lower())).set("asr_upper", Figures.finiteOrNull(asr.upper()))
                .set("asr_upper_tiwari", Figures.finiteOrNull(asr.upperTiwari()))
                .set("cumulative_risk_0_74", risk74).set("cumulative_risk_0_79", risk79)
                .set("excluded_cases", sums.excludedCases()).build();
    }

    /**
     * A group's age strata as arrays indexed by age group: cases, person-years, and whether the group had a row for
     * the age group (of person-years or of cases).
     */
    record Strata(long[] cases, double[] personYears, boolean[] present) {

        /**
         * From a group row: cases by age index in {@code case_strata}, person-years by age index in {@code py_strata};
         * either array null, and null where an age group has no row. An age group is present when either has it.
         */
        static Strata of(Row group, int width) {
            Strata out = new Strata(new long[width], new double[width], new boolean[width]);
            int casesAt = group.fieldIndex("case_strata");
            int personYearsAt = group.fieldIndex("py_strata");
            List<Long> cases = group.isNullAt(casesAt) ? List.of() : group.getList(casesAt);
            List<Double> personYears = group.isNullAt(personYearsAt) ? List.of() : group.getList(personYearsAt);
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i) != null) {
                    out.cases[i] = cases.get(i);
                    out.present[i] = true;
                }
            }
            for (int i = 0; i < personYears.size(); i++) {
                if (personYears.get(i) != null) {
                    out.personYears[i] = personYears.get(i);
                    out.present[i] = true;
                }
            }
            return out;
        }

        /** The 18 standard groups: the fine groups above 85 (85-89, 90-94, 95+) added into 85+. */
        Strata toStandardGroups() {
            int standard = AgeGroups.STANDARD.count();
            if (cases.length == standard) {
                return this;
            }
            Strata out = new Strata(Arrays.copyOf(cases, standard), Arrays.copyOf(personYears, standard),
                    Arrays.copyOf(present, standard));
            for (int i = standard; i < cases.length; i++) {
                out.cases[standard - 1] += cases[i];
                out.personYears[standard - 1] += personYears[i];
                out.present[standard - 1] |= present[i];
            }
            return out;
        }
    }

}
