package org.cancerstats.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cancerstats.core.disclosure.CellStatus;
import org.cancerstats.core.disclosure.CellSuppression;
import org.cancerstats.core.disclosure.DisclosureRule;
import org.cancerstats.core.disclosure.LinkedCounts;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.tables.RegistryCatalog;

/**
 * The prevalence table under the threshold rule, "under the same rules on their person counts": the prevalent
 * persons of every row are protected as one {@link PrevalenceRelease} cube on the driver (small counts, small
 * differences between nested durations, and the sums over sex, region and age), and the rows are joined to the
 * statuses of the keys with a figure withheld:
 * <ul>
 *   <li>{@code persons} null and {@code count_flag} set when the count is suppressed; {@code per_100k} with it (with
 *       the published population it gives the count back);</li>
 *   <li>{@code asr_per_100k} withheld when an age group's count it is made from is ({@code rate_flag}
 *       {@code suppressed_complementary});</li>
 *   <li>{@code per_100k} and {@code asr_per_100k} on fewer than m persons flagged {@code unreliable}, and null unless
 *       the rule shows such figures.</li>
 * </ul>
 */
final class PrevalenceRows {

    /** The columns that name a row: its cube key, as the table types them. */
    static final List<String> KEY = List.of("year", "sex", "region", "age_group", "site", "duration");

    /**
     * The published rows; the protection of the table's counts (the bands left out); how many bands between durations
     * the cube held and how many of them were small; the kept statuses (to be unpersisted once the table is written).
     */
    record Outcome(Dataset<Row> rows, CellSuppression.Protection protection, long bands, long smallBands,
                   Dataset<Row> statuses) {
    }

    private PrevalenceRows() {
    }

    static Outcome protect(SparkSession spark, RegistryCatalog catalog, DisclosureRule rule) {
        Dataset<Row> table = spark.table(catalog.qualified(PrevalenceTables.PREVALENCE.name()));
        PrevalenceRelease release = new PrevalenceRelease();
        addCounts(release, table, false);
        CellSuppression.Protection protection = release.protect(rule);
        List<Row> statuses = new ArrayList<>();
        List<CellStatus> counts = new ArrayList<>();
        long bands = 0;
        long smallBands = 0;
        for (PrevalenceRelease.Key k : release.keys()) {
            CellStatus s = release.status(k);
            if (k.isBand()) {
                bands++;
                smallBands += s == CellStatus.SUPPRESSED_SMALL ? 1 : 0;
                continue;
            }
            counts.add(s);
            String[] listed = ProtectedRows.statuses(s, release.standardisedWithheld(k));
            if (listed != null) {
                statuses.add(RowFactory.create(Integer.parseInt(k.year()), k.sex(), k.region(), k.age(), k.site(), k.duration(),
                        listed[0], listed[1]));
            }
        }
        StructType schema = new StructType().add("year", DataTypes.IntegerType, false);
        for (String c : KEY.subList(1, KEY.size())) {
            schema = schema.add(c, DataTypes.StringType, false);
        }
        schema = schema.add("count_status", DataTypes.StringType, false).add("standardised_status", DataTypes.StringType, false);
        Dataset<Row> status = ProtectedRows.statusTable(spark, statuses, schema);
        Dataset<Row> joined = table.join(ProtectedRows.joinable(status, statuses.size()),
                scala.jdk.javaapi.CollectionConverters.asScala(KEY).toSeq(), "left");

        Column countFlag = ProtectedRows.flag("count_status");
        Column standardisedFlag = ProtectedRows.flag("standardised_status");
        Column unreliable = col("persons").lt(rule.minRateCases());
        Column shown = rule.flagUnreliable() ? lit(true) : unreliable.unary_$bang();
        Map<String, Column> replaced = new LinkedHashMap<>();
        replaced.put("persons", when(countFlag.isNull(), col("persons")));
        replaced.put("per_100k", when(countFlag.isNull().and(shown), col("per_100k")));
        replaced.put("asr_per_100k", when(standardisedFlag.isNull().and(shown), col("asr_per_100k")));
        replaced.put(PublicTables.COUNT_FLAG, countFlag);
        replaced.put(PublicTables.RATE_FLAG, coalesce(standardisedFlag, when(unreliable, lit(ProtectedRows.UNRELIABLE))));
        return new Outcome(PublicTables.select(joined, PrevalenceTables.PREVALENCE, replaced), new CellSuppression.Protection(
                counts.toArray(CellStatus[]::new), protection.withheld(), protection.rounds(), protection.programs()), bands,
                smallBands, status);
    }

    /**
     * Adds the persons of every row of a prevalence table to {@code release} (null, as in a release, is unknown), and
     * with {@code readFlags} what the release shows of each (its {@code count_flag}). Streamed a partition at a time.
     */
    static void addCounts(PrevalenceRelease release, Dataset<Row> rows, boolean readFlags) {
        Iterator<Row> it = rows.select(col("year").cast("string"), col("sex"), col("region"), col("age_group"), col("site"),
                col("duration"), col("persons"), col("age_lower"),
                readFlags ? col(PublicTables.COUNT_FLAG) : lit(null).cast("string")).toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            PrevalenceRelease.Key key = release.key(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    r.getString(4), r.getString(5));
            release.count(key, r.isNullAt(6) ? LinkedCounts.UNKNOWN : r.getLong(6), r.isNullAt(7) ? null : r.getInt(7));
            if (readFlags) {
                release.shown(key, ProtectedRows.shown(r.getString(8)));
            }
        }
    }
}
