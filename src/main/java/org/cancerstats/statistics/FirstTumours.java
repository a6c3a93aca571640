package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

    private Dataset<Row> rows;
    private SiteCatalogue sites;

    /**
     * (person_key, site, date_of_diagnosis, date_of_birth, sex, region, education, basis_of_diagnosis, autopsy,
     * stage, tumour_id, vital_status, end_of_followup) of each person's earliest tumour in each site; ties broken by
     * tumour id. Computed on first use and kept (memory, then disk) until {@link #close()}: one refresh hands one
     * instance to prevalence, comorbidity and survival, which read the same incidence and follow-up versions.
     */
    public synchronized Dataset<Row> rows(SparkSession spark, RegistryCatalog catalog, SiteCatalogue catalogue) {
        if (rows != null && sites != catalogue) {
            return compute(spark, catalog, catalogue); // another catalogue than the kept rows were made with
        }
        if (rows == null) {
            rows = compute(spark, catalog, catalogue).persist(StorageLevel.MEMORY_AND_DISK());
            sites = catalogue;
        }
        return rows;
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
        if (rows != null) {
            rows.unpersist();
            rows = null;
        }
    }

    static Dataset<Row> compute(SparkSession spark, RegistryCatalog catalog, SiteCatalogue catalogue) {
        Dataset<Row> incidence = catalog.extract(Extract.INCIDENCE);
        Dataset<Row> followup = catalog.exists(Extract.FOLLOWUP)
                ? catalog.extract(Extract.FOLLOWUP).select("person_key", "vital_status", "end_of_followup")
                : incidence.select(col("person_key"), lit(null).cast("int").as("vital_status"),
                        lit(null).cast("date").as("end_of_followup")).limit(0);
        Dataset<Row> tumours = incidence.filter(col("morphology").between(8090, 8098).equalTo(false))
                .select(col("person_key"), col("date_of_diagnosis"), col("date_of_birth"), col("sex"), col("region"),
                        col("education"), col("basis_of_diagnosis"), col("autopsy"), col("stage"), col("tumour_id"),
                        substring(col("icd10"), 1, 3).as("icd3"), substring(col("icd10"), 1, 4).as("icd4"));
        // The join leaves the rows hash-partitioned by person_key, which the per-(person, site) aggregation accepts.
        Dataset<Row> sited = StatisticFrames.withSiteList(spark, tumours.join(followup, "person_key", "left"), catalogue)
                .withColumn("site", explode(col(StatisticFrames.SITES)));
        return sited.groupBy("person_key", "site")
                .agg(min_by(struct(col("date_of_diagnosis"), col("date_of_birth"), col("sex"), col("region"),
                                col("education"), col("basis_of_diagnosis"), col("autopsy"), col("stage"), col("tumour_id"),
                                col("vital_status"), col("end_of_followup")),
                        struct(col("date_of_diagnosis"), col("tumour_id"))).as("first"))
                .select(col("person_key"), col("site"), col("first.*"));
    }
}
