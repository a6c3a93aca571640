package org.cancerstats.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;


import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.reference.VitalStatus;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.spark.DriverHeap;
import org.cancerstats.statistics.SurvivalJob;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/**
 * Survival at scale: writes N synthetic first tumours (diagnosed 2004-2013, followed to 2023, so 10 years of
 * follow-up), their follow-up and a life table into a benchmark database with Spark built-ins, then times
 * {@link SurvivalJob} on them. The data are made on the executors, never in the driver.
 */
public final class SurvivalBenchmark {

    /** @param patients first tumours; @param seconds SurvivalJob wall time; @param peakHeapMiB driver heap peak */
    public record Figures(long patients, double seconds, double setupSeconds, long peakHeapMiB) {
    }

    private SurvivalBenchmark() {
    }

    public static Figures run(SparkSession spark, RegistryCatalog catalog, long patients, SurvivalJob.Options options) {
        long setupStart = System.nanoTime();
        Column id = col("id");
        Column sex = pmod(id, lit(2)).plus(1).cast("int");
        Column diagnosis = date_add(to_date(lit("2004-01-01")), pmod(hash(id), lit(3652)).cast("int"));
        Column age = lit(30).plus(pmod(hash(id, lit(1)), lit(60)));
        Column died = pmod(hash(id, lit(2)), lit(3)).notEqual(0);
        Column survivalDays = pmod(hash(id, lit(3)), lit(5000)).plus(1);
        Column codes = array(lit("C187"), lit("C349"), lit("C509"), lit("C444"), lit("C64"), lit("C259"), lit("C19"), lit("C73"));
        Column region = element_at(array(lit("R1"), lit("R2"), lit("R3"), lit("R4"), lit("R5")),
                pmod(hash(id, lit(4)), lit(5)).plus(1).cast("int"));
        Column stage = element_at(array(lit("localised"), lit("regional"), lit("distant"), lit("unknown"), lit(null).cast("string")),
                pmod(hash(id, lit(5)), lit(5)).plus(1).cast("int"));
        Dataset<Row> base = spark.range(patients).select(id, sex.as("sex"), diagnosis.as("date_of_diagnosis"), age.as("age"),
                died.as("died"), survivalDays.as("days"), element_at(codes, pmod(id, lit(8)).plus(1).cast("int")).as("icd10"));
        Dataset<Row> incidence = base.select(concat(lit("b"), id.cast("string")).as("person_key"),
                concat(lit("t"), id.cast("string")).as("tumour_id"), col("sex"),
                date_sub(col("date_of_diagnosis"), col("age").multiply(365).plus(pmod(id, lit(365))).cast("int")).as("date_of_birth"),
                col("date_of_diagnosis"), col("icd10"), lit(8140).as("morphology"), lit(3).as("behaviour"),
                lit(7).as("basis_of_diagnosis"), region.as("region"), stage.as("stage"), lit(0).as("autopsy"));
        Column end = date_add(col("date_of_diagnosis"), col("days").cast("int"));
        Column closing = to_date(lit("2023-12-31"));
        Dataset<Row> followup = base.select(concat(lit("b"), id.cast("string")).as("person_key"),
                when(col("died").and(end.leq(closing)), 2).otherwise(1).as("vital_status"),
                when(col("died").and(end.leq(closing)), end).otherwise(closing).as("end_of_followup"));
        Dataset<Row> mortality = incidence.join(followup.filter(col("vital_status").equalTo(VitalStatus.DEAD.code())), "person_key")
                .select(col("person_key"), col("sex"), col("date_of_birth"), col("end_of_followup").as("date_of_death"),
                        col("icd10").as("underlying_cause"), col("region"));
        Dataset<Row> lifetable = spark.range(2004, 2024).toDF("year")
                .crossJoin(spark.range(1, 3).toDF("sex")).crossJoin(spark.range(0, 100).toDF("age_lower"))
                .select(col("year").cast("int").as("year"), col("sex").cast("int").as("sex"), col("age_lower").cast("int").as("age_lower"),
                        col("age_lower").cast("int").as("age_upper"),
                        lit(1).minus(least(lit(0.5), lit(3e-5).multiply(exp(col("age_lower").multiply(0.094))))).as("survival_probability"));
        write(catalog, RegistryTables.extract(Extract.INCIDENCE), incidence);
        write(catalog, RegistryTables.extract(Extract.FOLLOWUP), followup);
        write(catalog, RegistryTables.extract(Extract.LIFETABLE), lifetable);
        write(catalog, RegistryTables.extract(Extract.MORTALITY), mortality);
        double setup = (System.nanoTime() - setupStart) / 1e9;

        DriverHeap.resetPeaks();
        long start = System.nanoTime();
        SurvivalJob.Result result = new SurvivalJob(spark, catalog).run(options);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures(result.included(), seconds, setup, DriverHeap.peakMiB());
    }

    /** Fills the table's other columns with nulls (or empty arrays) and overwrites it. */
    private static void write(RegistryCatalog catalog, TableDef table, Dataset<Row> rows) {
        String name = catalog.ensure(table);
        java.util.List<String> have = java.util.List.of(rows.columns());
        Column[] all = table.columns().stream().map((TableColumnDef c) -> have.contains(c.name()) ? col(c.name()).cast(c.sqlType()).as(c.name())
                : (c.sqlType().startsWith("ARRAY") ? array().cast(c.sqlType()) : lit(null).cast(c.sqlType())).as(c.name()))
                .toArray(Column[]::new);
        rows.select(all).write().mode("overwrite").insertInto(name);
    }

}
