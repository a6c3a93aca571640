package org.cancerstats.statistics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.stats.IntervalTransform;
import org.cancerstats.core.stats.NetSurvival;

import scala.Tuple2;

/**
 * The survival job's output rows from the merged accumulators ({@link SurvivalJob}): estimates at each horizon, the
 * ICSS-standardised estimates with their small-number rules, and the monthly curves.
 */
final class SurvivalRows {

    private SurvivalRows() {
    }

    /** Estimates at each horizon of one merged stratum, one row per estimator. */
    static final class EstimateRows implements FlatMapFunction<Tuple2<String, NetSurvival>, Row> {
        private static final long serialVersionUID = 1L;
        private final int[] horizons;
        private final double confidence;
        private final IntervalTransform transform;

        EstimateRows(SurvivalJob.Options options) {
            this.horizons = options.horizons();
            this.confidence = options.confidence();
            this.transform = options.transform();
        }

        @Override
        public Iterator<Row> call(Tuple2<String, NetSurvival> stratum) {
            String[] k = stratum._1().split("\\|");
            List<Row> out = new ArrayList<>();
            List<NetSurvival.Estimate> curve = stratum._2().curve(confidence, transform); // once for all horizons
            for (int h : horizons) {
                NetSurvival.Estimate e = curve.get(stratum._2().intervalsFor(h) - 1);
                NetSurvival.Curve[] curves = {e.poharPerme(), e.ederer2(), e.observed()};
                for (int i = 0; i < curves.length; i++) {
                    out.add(row(new String[] {k[0], k[1], k[2], k[3], k[4], k[5], k[7]}, h, SurvivalJob.ESTIMATORS[i], k[6], e.patients(),
                            e.deaths(), curves[i], transform));
                }
            }
            return out.iterator();
        }
    }

    /** ICSS standardisation of one group's age bands, with the small-number rules. */
    static final class Standardise implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final IcssWeights icss;
        private final double confidence;
        private final int minStratum;
        private final int minGroup;
        private final IntervalTransform transform;

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
                String set = g.getString(8);
                List<IcssWeights.Band> bands = icss.bands(set);
                double[] weights = new double[bands.size()];
                NetSurvival.Curve[] curves = new NetSurvival.Curve[bands.size()];
                long[] patients = new long[bands.size()];
                long total = 0;
                long deaths = 0;
                for (Row b : g.<Row>getList(9)) {
                    int i = indexOf(bands, b.getString(0));
                    patients[i] = b.getLong(1);
                    total += b.getLong(1);
                    deaths += b.getLong(2);
                    curves[i] = new NetSurvival.Curve(b.isNullAt(3) ? Double.NaN : b.getDouble(3),
                            b.isNullAt(4) ? Double.NaN : b.getDouble(4), 0, 0);
                }
                String withheld = null;
                for (int i = 0; i < bands.size(); i++) {
                    weights[i] = bands.get(i).weight();
                    if (patients[i] < minStratum && withheld == null) {
                        withheld = "S02";
                    }
                }
                if (total < minGroup) {
                    withheld = "S01";
                }
                NetSurvival.Curve s = withheld != null ? null : NetSurvival.standardise(weights, curves, confidence, transform);
                if (s != null && !Double.isFinite(s.survival())) {
                    withheld = "S03";
                    s = null;
                }
                String[] keys = {g.getString(0), g.getString(1), g.getString(2), g.getString(3), g.getString(4),
                        g.getString(5), "standardised"};
                out.add(withheld == null
                        ? row(keys, g.getInt(6), g.getString(7), set, total, deaths, s, transform)
                        : RowFactory.create(keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], g.getInt(6),
                                g.getString(7), set, total, deaths, null, null, null, null, transform.label(), withheld));
            }
            return out.iterator();
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
    static final class CurveRows implements FlatMapFunction<Tuple2<String, NetSurvival>, Row> {
        private static final long serialVersionUID = 1L;
        private final double confidence;
        private final IntervalTransform transform;

        CurveRows(double confidence, IntervalTransform transform) {
            this.confidence = confidence;
            this.transform = transform;
        }

        @Override
        public Iterator<Row> call(Tuple2<String, NetSurvival> stratum) {
            String[] k = stratum._1().split("\\|");
            List<Row> out = new ArrayList<>();
            List<NetSurvival.Estimate> curve = stratum._2().curve(confidence, transform);
            for (int m = 0; m < curve.size(); m++) {
                NetSurvival.Estimate e = curve.get(m);
                NetSurvival.Curve[] curves = {e.poharPerme(), e.ederer2(), e.observed()};
                for (int i = 0; i < curves.length; i++) {
                    if (Double.isFinite(curves[i].survival())) {
                        out.add(RowFactory.create(k[0], k[1], k[2], k[3], k[4], k[5], k[7], m + 1, SurvivalJob.ESTIMATORS[i], curves[i].survival(),
                                curves[i].lower(), curves[i].upper()));
                    }
                }
            }
            return out.iterator();
        }
    }

    /** @param keys site, sex, region, stage, approach, period, age group */
    private static Row row(String[] keys, int horizon, String estimator, String set, long patients, long deaths,
                           NetSurvival.Curve c, IntervalTransform transform) {
        boolean finite = Double.isFinite(c.survival());
        return RowFactory.create(keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], horizon, estimator, set,
                patients, deaths,
                finite ? c.survival() : null, finite ? c.standardError() : null, finite ? c.lower() : null,
                finite ? c.upper() : null, transform.label(), finite ? null : "S03");
    }


}
