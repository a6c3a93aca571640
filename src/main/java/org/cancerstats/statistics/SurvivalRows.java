package org.cancerstats.statistics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.reference.Suppression;
import org.cancerstats.core.stats.IntervalTransform;
import org.cancerstats.core.stats.NetSurvival;
import org.cancerstats.tables.TableRow;

import scala.Tuple2;

/**
 * The survival job's output rows from the merged accumulators ({@link SurvivalJob}): estimates at each horizon, the
 * ICSS-standardised estimates with their small-number rules ({@link Suppression}), and the monthly curves.
 */
final class SurvivalRows {

    /** The age group of the ICSS-standardised rows. */
    static final String STANDARDISED = "standardised";

    private SurvivalRows() {
    }

    /** Estimates at each horizon of one merged stratum, one row per estimator. */
    static final class EstimateRows implements FlatMapFunction<Tuple2<SurvivalStratum, NetSurvival>, Row> {
        private static final long serialVersionUID = 1L;
        private final int[] horizons;
        private final double confidence;
        private final IntervalTransform transform;
        private final TableRow shape = SurvivalTables.SURVIVAL.computedRow();

        EstimateRows(SurvivalJob.Options options) {
            this.horizons = options.horizons();
            this.confidence = options.confidence();
            this.transform = options.transform();
        }

        @Override
        public Iterator<Row> call(Tuple2<SurvivalStratum, NetSurvival> stratum) {
            SurvivalStratum key = stratum._1();
            List<Row> out = new ArrayList<>();
            List<NetSurvival.Estimate> curve = stratum._2().curve(confidence, transform); // once for all horizons
            for (int h : horizons) {
                NetSurvival.Estimate e = curve.get(stratum._2().intervalsFor(h) - 1);
                NetSurvival.Curve[] curves = {e.poharPerme(), e.ederer2(), e.observed()};
                for (int i = 0; i < curves.length; i++) {
                    out.add(estimate(key.row(shape), h, SurvivalJob.ESTIMATORS[i], key.icssSet(), e.patients(), e.deaths(),
                            curves[i], transform));
                }
            }
            return out.iterator();
        }
    }

    /**
     * ICSS standardisation of one group's age bands, with the small-number rules. Input rows: the survival key columns
     * but age group, then horizon_years, estimator, icss_set and the bands (age_group, patients, deaths, survival, se).
     */
    static final class Standardise implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final IcssWeights icss;
        private final double confidence;
        private final int minStratum;
        private final int minGroup;
        private final IntervalTransform transform;
        private final TableRow shape = SurvivalTables.SURVIVAL.computedRow();

        Standardise(SurvivalJob.Options options) {
            this.icss = options.icss();
            this.confidence = options.confidence();
            this.minStratum = options.minStratum();
            this.minGroup = options.minGroup();
            this.transform = options.transform();
        }

        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            List<Row> out = new ArrayList<>();
            while (groups.hasNext()) {
                Row g = groups.next();
                String set = g.getAs("icss_set");
                List<IcssWeights.Band> bands = icss.bands(set);
                double[] weights = new double[bands.size()];
                NetSurvival.Curve[] curves = new NetSurvival.Curve[bands.size()];
                long[] patients = new long[bands.size()];
                long total = 0;
                long deaths = 0;
                for (Row b : g.<Row>getList(g.fieldIndex("bands"))) {
                    int i = indexOf(bands, b.getAs("age_group"));
                    long p = b.getAs("patients");
                    patients[i] = p;
                    total += p;
                    deaths += b.<Long>getAs("deaths");
                    curves[i] = new NetSurvival.Curve(valueOrNaN(b, "survival"), valueOrNaN(b, "se"), 0, 0);
                }
                for (int i = 0; i < bands.size(); i++) {
                    weights[i] = bands.get(i).weight();
                }
                Suppression withheld = Suppression.forStandardised(patients, minStratum, minGroup);
                NetSurvival.Curve s = withheld != null ? null : NetSurvival.standardise(weights, curves, confidence, transform);
                if (s != null && !Double.isFinite(s.survival())) {
                    withheld = Suppression.S03;
                }
                TableRow.Builder row = new SurvivalStratum(g.getAs("site"), g.getAs("sex"), g.getAs("region"),
                        g.getAs("stage"), g.getAs("approach"), g.getAs("period"), set, STANDARDISED).row(shape);
                int horizon = g.getAs("horizon_years");
                String estimator = g.getAs("estimator");
                out.add(withheld == null
                        ? estimate(row, horizon, estimator, set, total, deaths, s, transform)
                        : figures(row, horizon, estimator, set, total, deaths, transform)
                                .set("survival", null).set("se", null).set("lower", null).set("upper", null)
                                .set("withheld_reason", withheld.name()).build());
            }
            return out.iterator();
        }

        private static double valueOrNaN(Row band, String field) {
            int at = band.fieldIndex(field);
            return band.isNullAt(at) ? Double.NaN : band.getDouble(at);
        }

        private static int indexOf(List<IcssWeights.Band> bands, String label) {
            for (int i = 0; i < bands.size(); i++) {
                if (bands.get(i).label().equals(label)) {
                    return i;
                }
            }
            throw new IllegalStateException("age band " + label + " is not an ICSS band");
        }
    }

    /** The monthly curve of one merged stratum ('all' ages). */
    static final class CurveRows implements FlatMapFunction<Tuple2<SurvivalStratum, NetSurvival>, Row> {
        private static final long serialVersionUID = 1L;
        private final double confidence;
        private final IntervalTransform transform;
        private final TableRow shape;

        CurveRows(double confidence, IntervalTransform transform, org.cancerstats.tables.TableDef curveTable) {
            this.confidence = confidence;
            this.transform = transform;
            this.shape = curveTable.computedRow();
        }

        @Override
        public Iterator<Row> call(Tuple2<SurvivalStratum, NetSurvival> stratum) {
            SurvivalStratum key = stratum._1();
            List<Row> out = new ArrayList<>();
            List<NetSurvival.Estimate> curve = stratum._2().curve(confidence, transform);
            for (int m = 0; m < curve.size(); m++) {
                NetSurvival.Estimate e = curve.get(m);
                NetSurvival.Curve[] curves = {e.poharPerme(), e.ederer2(), e.observed()};
                for (int i = 0; i < curves.length; i++) {
                    if (Double.isFinite(curves[i].survival())) {
                        out.add(key.row(shape).set("month", m + 1).set("estimator", SurvivalJob.ESTIMATORS[i])
                                .set("survival", curves[i].survival()).set("lower", curves[i].lower())
                                .set("upper", curves[i].upper()).build());
                    }
                }
            }
            return out.iterator();
        }
    }

    /** A survival row with its estimate, withheld as S03 when not finite. */
    private static Row estimate(TableRow.Builder row, int horizon, String estimator, String set, long patients, long deaths,
                                NetSurvival.Curve c, IntervalTransform transform) {
        boolean finite = Double.isFinite(c.survival());
        return figures(row, horizon, estimator, set, patients, deaths, transform)
                .set("survival", finite ? c.survival() : null).set("se", finite ? c.standardError() : null)
                .set("lower", finite ? c.lower() : null).set("upper", finite ? c.upper() : null)
                .set("withheld_reason", finite ? null : Suppression.S03.name()).build();
    }

    private static TableRow.Builder figures(TableRow.Builder row, int horizon, String estimator, String set, long patients,
                                            long deaths, IntervalTransform transform) {
        return row.set("horizon_years", horizon).set("estimator", estimator).set("icss_set", set).set("patients", patients)
                .set("deaths", deaths).set("ci_transform", transform.label());
    }
}
