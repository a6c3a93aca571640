package org.cancerstats.statistics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.reference.SiteCatalogue;

/**
 * First tumour per person and site (and per summary group): the unit of prevalence, comorbidity at diagnosis
 * and survival. A person diagnosed twice with colon cancer counts once for colon, from the first diagnosis; a
 * person with colon and rectal cancer counts once for colorectal. Basal cell carcinoma counts nowhere.
 */
final class FirstTumours {

    private FirstTumours() {
    }

    /**
     * (person_key, site, date_of_diagnosis, date_of_birth, sex, region, education, basis_of_diagnosis, autopsy,
     * stage, tumour_id) of each person's earliest tumour in each site; ties broken by tumour id.
     */
    static Dataset<Row> of(SparkSession spark, Dataset<Row> incidence, SiteCatalogue catalogue) {
        Dataset<Row> tumours = incidence.filter(col("morphology").between(8090, 8098).equalTo(false))
                .withColumn("icd3", substring(col("icd10"), 1, 3))
                .withColumn("icd4", substring(col("icd10"), 1, 4));
        Dataset<Row> sited = RateInputs.withSites(tumours, RateInputs.siteKeys(spark, catalogue));
        return sited.groupBy("person_key", "site")
                .agg(min_by(struct(col("date_of_diagnosis"), col("date_of_birth"), col("sex"), col("region"),
                                col("education"), col("basis_of_diagnosis"), col("autopsy"), col("stage"), col("tumour_id")),
                        struct(col("date_of_diagnosis"), col("tumour_id"))).as("first"))
                .select(col("person_key"), col("site"), col("first.*"));
    }
}
