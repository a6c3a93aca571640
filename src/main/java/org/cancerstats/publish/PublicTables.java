package org.cancerstats.publish;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.statistics.ProjectionTables;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.statistics.SurvivalTables;
import org.cancerstats.tables.TableColumnDef;
import org.cancerstats.tables.TableDef;

/** The statistic tables a release publishes, and the shape of each in the public database and files. */
public final class PublicTables {

    public static final String RELEASE_ID = "release_id";
    public static final String COUNT_FLAG = "count_flag";
    public static final String RATE_FLAG = "rate_flag";
    public static final String ESTIMATE_FLAG = "estimate_flag";

    /** Every statistic table, in the order a release lists them. */
    public static final List<TableDef> STATISTICS = List.of(RateTables.INCIDENCE_COUNTS, RateTables.MORTALITY_COUNTS,
            RateTables.INCIDENCE_RATES, RateTables.MORTALITY_RATES, RateTables.AGE_SPECIFIC_RATES, RateTables.DATA_QUALITY,
            PrevalenceTables.PREVALENCE, PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS, PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS,
            SurvivalTables.SURVIVAL, SurvivalTables.SURVIVAL_CURVE, SurvivalTables.SURVIVAL_QUALITY,
            ProjectionTables.INCIDENCE_PROJECTIONS, ProjectionTables.MORTALITY_PROJECTIONS,
            ComparisonTables.REGIONAL_RATIOS, ComparisonTables.INEQUALITY, ComparisonTables.SURVIVAL_DIFFERENCES);

    /** The tables whose counts the threshold rule protects together (one count cube per measure). */
    public static final List<TableDef> PROTECTED = List.of(RateTables.INCIDENCE_COUNTS, RateTables.MORTALITY_COUNTS,
            RateTables.INCIDENCE_RATES, RateTables.MORTALITY_RATES, RateTables.AGE_SPECIFIC_RATES);

    /** The tables of survival estimates, published under the threshold rule by their patient counts ({@link SurvivalRows}). */
    public static final List<TableDef> SURVIVAL_ESTIMATES = List.of(SurvivalTables.SURVIVAL, SurvivalTables.SURVIVAL_CURVE);

    private PublicTables() {
    }

    /**
     * The rows in the published columns of the statistic (without {@code release_id} and {@code refresh_id}), each
     * replaced by its expression where one is given, cast to the published type.
     */
    static Dataset<Row> select(Dataset<Row> rows, TableDef statistic, Map<String, Column> replaced) {
        TableDef published = of(statistic);
        List<String> columns = published.columnNames().subList(1, published.columnNames().size() - 1);
        return rows.select(columns.stream().map(c -> replaced.getOrDefault(c, col(c)).cast(
                published.schema().apply(c).dataType()).as(c)).toArray(Column[]::new));
    }

    /** The flag columns the published form of a statistic adds to its columns (none for most under the rule none). */
    static List<String> flags(TableDef statistic) {
        List<String> added = new ArrayList<>(of(statistic).columnNames());
        added.removeAll(statistic.columnNames());
        added.remove(RELEASE_ID);
        return added;
    }

    /** Whether the table carries rates beside its count, and so a {@link #RATE_FLAG}. */
    static boolean hasRates(TableDef statistic) {
        return statistic.columnNames().contains("person_years");
    }

    /**
     * The published form of a statistic table: {@code release_id} first, the statistic's columns, the flags of the
     * protected tables, and {@code refresh_id} (the publish run) last.
     */
    public static TableDef of(TableDef statistic) {
        List<TableColumnDef> columns = new ArrayList<>();
        columns.add(new TableColumnDef(RELEASE_ID, "STRING", "The release this row belongs to (releases/<release>/manifest.json)"));
        statistic.columns().stream().filter(c -> !c.name().equals(TableDef.REFRESH_ID)).forEach(columns::add);
        if (PROTECTED.contains(statistic)) {
            columns.add(new TableColumnDef(COUNT_FLAG, "STRING", "Why the count is null: suppressed_small (1 to k-1) or "
                    + "suppressed_complementary (withheld so that no small count can be recomputed); null when shown"));
            if (hasRates(statistic)) {
                columns.add(new TableColumnDef(RATE_FLAG, "STRING", "suppressed_small or suppressed_complementary (the "
                        + "rates are null with their count, or the ASR because an age group's count is), or unreliable "
                        + "(fewer than m cases: shown, or null when the rule suppresses such figures)"));
            }
        }
        if (statistic.equals(PrevalenceTables.PREVALENCE)) {
            columns.add(new TableColumnDef(COUNT_FLAG, "STRING", "Why persons is null: suppressed_small (1 to k-1) or "
                    + "suppressed_complementary (withheld so that no small count, nor a small difference between two "
                    + "durations, can be recomputed); null when shown"));
            columns.add(new TableColumnDef(RATE_FLAG, "STRING", "suppressed_small or suppressed_complementary (per_100k is "
                    + "null with its count, asr_per_100k when an age group's count is), or unreliable (fewer than m persons: "
                    + "shown, or null when the rule suppresses such figures)"));
        }
        if (SURVIVAL_ESTIMATES.contains(statistic) || statistic.equals(ComparisonTables.SURVIVAL_DIFFERENCES)) {
            if (statistic.columnNames().contains("patients")) {
                columns.add(new TableColumnDef(COUNT_FLAG, "STRING", "not_published: the patient (and death) counts are null "
                        + "under the threshold rule (they add up like the incidence counts and are not protected); null when "
                        + "shown"));
            }
            columns.add(new TableColumnDef(ESTIMATE_FLAG, "STRING", "Why the estimate is null or marked: suppressed_small "
                    + "(1 to k-1 patients), unreliable (fewer than m patients: shown, or null when the rule suppresses such "
                    + "figures), not_published (no patient count to judge it by); null when shown"));
        }
        if (statistic.equals(ComparisonTables.REGIONAL_RATIOS)) {
            columns.add(new TableColumnDef(COUNT_FLAG, "STRING", "Why observed is null: suppressed_small or "
                    + "suppressed_complementary, as the region's count in the rate tables; not_published for a count the rate "
                    + "tables do not hold (the whole span of the data); null when shown"));
            columns.add(new TableColumnDef(RATE_FLAG, "STRING", "Why expected (with the funnel limits), or the ratio with its "
                    + "limits, p-value and verdicts, is null: suppressed_small or suppressed_complementary (a national age "
                    + "group's count suppressed, or observed's flag), not_published (no national rates in the rate tables); "
                    + "null when shown"));
        }
        if (statistic.equals(ComparisonTables.INEQUALITY)) {
            columns.add(new TableColumnDef(COUNT_FLAG, "STRING", "Why cases is null: suppressed_small or "
                    + "suppressed_complementary, as the same count in the rate tables (national, all ages, education all), "
                    + "or not_published when they do not hold it with the same count; null when shown"));
            columns.add(new TableColumnDef(InequalityRows.UNKNOWN_COUNT_FLAG, "STRING", "Why cases_unknown_education is null "
                    + "(its count suppressed in the rate tables, education unknown), or why unknown_education_share and "
                    + "unknown_education_flag are (either count suppressed); null when all three are shown"));
            for (String level : InequalityRows.LEVELS) {
                columns.add(new TableColumnDef(InequalityRows.asrFlag(level), "STRING", "Why asr_" + level + " and its limits "
                        + "are null or marked: suppressed_small or suppressed_complementary (the rate tables withhold this ASR), "
                        + "or unreliable (fewer than m cases: shown, or null when the rule suppresses such figures); the "
                        + "indices made of it are null with it; null when shown"));
            }
        }
        columns.add(new TableColumnDef(TableDef.REFRESH_ID, "STRING", "The publish run that wrote this row"));
        return new TableDef(statistic.name(), "Published: " + statistic.comment(), columns);
    }
}
