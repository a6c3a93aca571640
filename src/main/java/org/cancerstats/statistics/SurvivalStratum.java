package org.cancerstats.statistics;

import java.io.Serializable;

import org.cancerstats.tables.TableRow;

/**
 * One stratum of the survival estimates: the key of an accumulator ({@link SurvivalJob}) and the key columns of its
 * rows in {@code survival} and {@code survival_curve}.
 *
 * @param site      site or summary group
 * @param sex       male, female or both
 * @param region    'national' or the region of residence at diagnosis
 * @param stage     'all' or the stage at diagnosis ('unknown' when not given)
 * @param approach  cohort or period
 * @param period    the diagnosis period (cohort) or follow-up window (period), "2019-2023"
 * @param icssSet   the site's ICSS weight set
 * @param ageGroup  an ICSS band, or 'all'
 */
record SurvivalStratum(String site, String sex, String region, String stage, String approach, String period,
                       String icssSet, String ageGroup) implements Serializable {

    static final String NATIONAL = "national";
    static final String ALL = "all";

    /** Whether the stratum is over all ages (the strata whose monthly curves are kept). */
    boolean allAges() {
        return ALL.equals(ageGroup);
    }

    /** The same stratum for other values of the totals' dimensions. */
    SurvivalStratum published(String sexLabel, String regionLabel, String stageLabel, String age) {
        return new SurvivalStratum(site, sexLabel, regionLabel, stageLabel, approach, period, icssSet, age);
    }

    /** A row of {@code survival} or {@code survival_curve} with this stratum's key columns set. */
    TableRow.Builder row(TableRow shape) {
        return shape.row().set("site", site).set("sex", sex).set("region", region).set("stage", stage)
                .set("approach", approach).set("period", period).set("age_group", ageGroup);
    }
}
