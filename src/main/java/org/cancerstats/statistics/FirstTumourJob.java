package org.cancerstats.statistics;

import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.tables.RegistryCatalog;

/**
 * A statistic of first tumours (prevalence, comorbidity at diagnosis, survival): its session and catalog, and the
 * first tumours a run may share among such statistics ({@link FirstTumours#using}).
 */
abstract class FirstTumourJob {

    final SparkSession spark;
    final RegistryCatalog catalog;
    private final FirstTumours shared;

    /** @param shared first tumours shared with other statistics of the run (not closed here), or null */
    FirstTumourJob(SparkSession spark, RegistryCatalog catalog, FirstTumours shared) {
        this.spark = spark;
        this.catalog = catalog;
        this.shared = shared;
    }

    /** {@code job} applied to the first tumours made with {@code sites}: the shared ones, or this job's own. */
    final <T> T withFirstTumours(SiteCatalogue sites, Function<Dataset<Row>, T> job) {
        return FirstTumours.using(shared, spark, catalog, sites, job);
    }
}
