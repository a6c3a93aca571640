package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.tables.RegistryCatalog;

/**
 * First tumour per person and site (and per summary group): the unit of prevalence, comorbidity at diagnosis
 * and survival. A person diagnosed twice with colon cancer counts once for colon, from the first diagnosis; a
 * person with colon and rectal cancer counts once for colorectal. Basal cell carcinoma counts nowhere.
 *
 * <p>Each row carries the person's follow-up ({@code vital_status}, {@code end_of_followup}; null without a
 * follow-up row or table), which prevalence and survival need. The plan shuffles each tumour once, by person:
 * the follow-up join, the expansion into sites and the choice of the first tumour per site then run within the
 * person's partition, so no site-expanded row crosses the network.
 */
public final class FirstTumours implements AutoCloseable {

    /** One row per tumour that is the first in some site, with those sites: kept; {@link #rows} expands it. */
    private Dataset<Row> kept;
    private SiteCatalogue sites;

    /**
     * (person_key, site, date_of_diagnosis, date_of_birth, sex, region, education, basis_of_diagnosis, autopsy,
     * stage, tumour_id, vital_status, end_of_followup) of each person's earliest tumour in each site; ties broken by
     * tumour id. Computed on first use and kept (memory, then disk) until {@link #close()}: one refresh hands one
     * instance to prevalence, comorbidity and survival, which read the same incidence and follow-up versions. What is
     * kept is one row per tumour with the sites it is first in; each use expands it into sites again (a generator,
     * cheap), so the cache holds a fifth of the rows of the expanded table for a colon cohort.
     */
    public synchronized Dataset<Row> rows(SparkSession spark, RegistryCatalog catalog, SiteCatalogue catalogue) {
        if (kept != null && sites != catalogue) {
            return compute(spark, catalog, catalogue); // another catalogue than the kept rows were made with
        }
        if (kept == null) {
            kept = firstSites(spark, catalog, catalogue).persist(StorageLevel.MEMORY_AND_DISK());
            sites = catalogue;
        }
        return bySite(kept);
    }

    /**
     * Runs {@code job} on the first tumours: those of {@code shared} when a run hands one to several statistics (left
     * kept), or else computed for this job alone and released when it returns.
     */
    static <T> T using(FirstTumours shared, SparkSession spark, RegistryCatalog catalog, SiteCatalogue catalogue,
                       java.util.function.Function<Dataset<Row>, T> job) {
        FirstTumours firstTumours = shared != null ? shared : new FirstTumours();
        try {
            return job.apply(firstTumours.rows(spark, catalog, catalogue));
        } finally {
            if (shared == null) {
                firstTumours.close();
            }
        }
    }

    /** Releases the kept rows. */
    @Override
    public synchronized void close() {
        if (kept != null) {
            kept.unpersist();
            kept = null;
        }
    }

    /** The sites a tumour is the person's first in. */
    private static final String FIRST_IN = "first_in";
    /** The sites the person's earlier tumours count in (a working column). */
    private static final String EARLIER_SITES = "_earlier_sites";

    /** The rows of {@link #rows}, computed and not kept. */
    static Dataset<Row> compute(SparkSession spark, RegistryCatalog catalog, SiteCatalogue catalogue) {
        return bySite(firstSites(spark, catalog, catalogue));
    }

    /** Each tumour (basal cell carcinomas left out) with its follow-up and {@code first_in}. */
    private static Dataset<Row> firstSites(SparkSession spark, RegistryCatalog catalog, SiteCatalogue catalogue) {
        Dataset<Row> incidence = catalog.extract(Extract.INCIDENCE);
        Dataset<Row> followup = catalog.exists(Extract.FOLLOWUP)
                ? catalog.extract(Extract.FOLLOWUP).select("person_key", "vital_status", "end_of_followup")
                : incidence.select(col("person_key"), lit(null).cast("int").as("vital_status"),
                        lit(null).cast("date").as("end_of_followup")).limit(0);
        Dataset<Row> tumours = incidence.filter(col("morphology").between(8090, 8098).equalTo(false))
                .select(col("person_key"), col("date_of_diagnosis"), col("date_of_birth"), col("sex"), col("region"),
                        col("education"), col("basis_of_diagnosis"), col("autopsy"), col("stage"), col("tumour_id"),
                        substring(col("icd10"), 1, 3).as("icd3"), substring(col("icd10"), 1, 4).as("icd4"));
        // The join leaves the rows hash-partitioned by person_key, as the window below needs (it sorts each
        // partition's tumours, not their site-expanded rows).
        // A tumour is the first of a person in a site unless one of the person's earlier tumours (by date of
        // diagnosis, ties by tumour id) counts in that site too. Chosen in tumour order before the expansion into
        // sites: a per-(person, site) min_by would have Spark sort every site-expanded row (five per colon tumour),
        // its only plan for a struct-valued aggregate.
        WindowSpec earlier = Window.partitionBy("person_key").orderBy("date_of_diagnosis", "tumour_id")
                .rowsBetween(Window.unboundedPreceding(), -1);
        return StatisticFrames.withSiteList(spark, tumours.join(followup, "person_key", "left"), catalogue)
                .withColumn(EARLIER_SITES, flatten(collect_list(col(StatisticFrames.SITES)).over(earlier)))
                .select(withTumourColumns(array_except(col(StatisticFrames.SITES), col(EARLIER_SITES)).as(FIRST_IN)))
                .filter(size(col(FIRST_IN)).gt(0));
    }

    private static Dataset<Row> bySite(Dataset<Row> firstSites) {
        return firstSites.select(withTumourColumns(explode(col(FIRST_IN)).as("site")));
    }

    /** The tumour's and its follow-up's columns of {@link #rows}, after person_key. */
    private static final List<String> TUMOUR_COLUMNS = List.of("date_of_diagnosis", "date_of_birth", "sex", "region",
            "education", "basis_of_diagnosis", "autopsy", "stage", "tumour_id", "vital_status", "end_of_followup");

    /** person_key, {@code sites}, then {@link #TUMOUR_COLUMNS}. */
    private static Column[] withTumourColumns(Column sites) {
        return Stream.concat(Stream.of(col("person_key"), sites), Arrays.stream(StatisticFrames.columns(TUMOUR_COLUMNS)))
                .toArray(Column[]::new);
    }
}
