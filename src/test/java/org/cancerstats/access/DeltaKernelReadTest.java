package org.cancerstats.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.GeneratedRegistry;
import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * A registry table read without Spark, with Delta Kernel for Java (delta-kernel-api and delta-kernel-defaults), as
 * a service or another language's reader would: the population table of the generated registry, by its location.
 */
class DeltaKernelReadTest {

    @Test
    void thePopulationTableReadsTheSameWithDeltaKernel() throws IOException {
        SparkSession spark = SharedSpark.get();
        String table = GeneratedRegistry.catalog().qualified("population");
        String location = spark.sql("DESCRIBE DETAIL " + table).select("location").head().getString(0);
        long sparkVersion = spark.sql("DESCRIBE HISTORY " + table + " LIMIT 1").head().getLong(0);
        Map<String, Double> sparkTotals = new HashMap<>();
        spark.sql("SELECT region, sum(population) FROM " + table + " GROUP BY region").collectAsList()
                .forEach(r -> sparkTotals.put(r.getString(0), r.getDouble(1)));

        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = Table.forPath(engine, location).getLatestSnapshot(engine);
        assertThat(snapshot.getVersion()).isEqualTo(sparkVersion);
        assertThat(snapshot.getSchema().fieldNames()).contains("year", "sex", "age_lower", "region", "population");

        Map<String, Double> kernelTotals = new HashMap<>();
        long rows = 0;
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status),
                                        physicalSchema, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                     Scan.transformPhysicalData(engine, scanState, file, physical)) {
                            while (logical.hasNext()) {
                                try (CloseableIterator<Row> data = logical.next().getRows()) {
                                    while (data.hasNext()) {
                                        Row r = data.next();
                                        int region = r.getSchema().indexOf("region");
                                        int population = r.getSchema().indexOf("population");
                                        kernelTotals.merge(r.getString(region), r.getDouble(population), Double::sum);
                                        rows++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(rows).isEqualTo(spark.table(table).count());
        assertThat(kernelTotals).isEqualTo(sparkTotals).isNotEmpty();
    }
}
