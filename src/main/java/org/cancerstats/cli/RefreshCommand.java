package org.cancerstats.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.statistics.ComorbidityJob;
import org.cancerstats.statistics.PrevalenceJob;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.statistics.SurvivalJob;
import org.cancerstats.statistics.SurvivalTables;
import org.cancerstats.statistics.RatesJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cancerstats refresh}: the nightly run. Ingests new and changed files of the landing folder, then
 * recomputes the statistics whose inputs changed. A rejected file stops the run before any statistic is
 * recomputed, so the published tables stay at their last good version.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Ingest new or changed files of the landing folder, then recompute the statistics that depend",
                "on them: rates (population, incidence, mortality), prevalence (population, incidence, followup),",
                "comorbidity (population, incidence, comorbidity, condition_prevalence), survival (incidence, followup,",
                "lifetable). Exit 1 with a one-line reason on failure."})
final class RefreshCommand implements Callable<Integer> {

    /** A statistic the refresh keeps current: its name, the extracts it reads, a table it writes, how to run it. */
    record Stage(String name, Set<String> inputs, String table, Function<RunContext, Map<String, Long>> job) {
    }

    /** In order; each runs when an input extract changed in this run or its table does not exist yet. */
    static final List<Stage> STAGES = List.of(
            new Stage("rates", Set.of("population", "incidence", "mortality"), RateTables.INCIDENCE_RATES.name(),
                    run -> new RatesJob(run.spark, run.catalog).run(run.rateOptions()).tableVersions()),
            new Stage("prevalence", Set.of("population", "incidence", "followup"), PrevalenceTables.PREVALENCE.name(),
                    run -> new PrevalenceJob(run.spark, run.catalog).run(run.prevalenceOptions()).tableVersions()),
            new Stage("comorbidity", Set.of("population", "incidence", "comorbidity", "condition_prevalence"),
                    PrevalenceTables.COMORBIDITY_PREVALENCE_RATIOS.name(),
                    run -> new ComorbidityJob(run.spark, run.catalog).run(run.comorbidityOptions()).tableVersions()),
            new Stage("survival", Set.of("incidence", "followup", "lifetable"), SurvivalTables.SURVIVAL.name(),
                    run -> new SurvivalJob(run.spark, run.catalog).run(run.survivalOptions()).tableVersions()));

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PseudonymKey key = common.key();
        if (key.development()) {
            System.err.println("WARNING: pseudonymising with " + key.source() + "; never use --dev for real data");
        }
        RunContext run = new RunContext(common);
        List<FileReport> files = List.of();
        Map<String, Long> versions = new LinkedHashMap<>();
        try {
            IngestJob.Result ingest = new IngestJob(run.spark, run.settings, key, run.catalog).run(new IngestJob.Options(
                    LandingFolder.scan(run.spark.sparkContext().hadoopConfiguration(), run.settings.landingDir()), run.refreshId));
            files = ingest.files();
            versions.putAll(ingest.tableVersions());
            IngestSummary.print(System.out, files);
            if (ingest.anyRejected()) {
                String reason = "file(s) rejected, statistics not recomputed: " + files.stream()
                        .filter(f -> f.status() == FileReport.Status.REJECTED).map(FileReport::file).toList();
                run.record("refresh", "failed", reason, files, versions);
                System.err.println("cancerstats: failed: " + reason);
                return 1;
            }
            for (Stage stage : STAGES) {
                boolean stale = files.stream().anyMatch(f -> f.wroteRows() && stage.inputs().contains(f.extract().tableName()))
                        || !run.catalog.exists(stage.table());
                if (stale) {
                    long start = System.nanoTime();
                    versions.putAll(stage.job().apply(run));
                    System.out.printf("%s recomputed in %.0f s%n", stage.name(), (System.nanoTime() - start) / 1e9);
                }
            }
            String outcome = versions.isEmpty() ? "no-op" : "succeeded";
            run.record("refresh", outcome, "", files, versions);
            System.out.println("refresh " + run.refreshId + ": " + outcome + "; tables in database " + run.settings.database()
                    + " (warehouse " + run.settings.warehouseDir() + ")");
            System.out.println("try: jobs/cancerstats sql \"SELECT period, sex, site, round(asr, 1) AS asr_world "
                    + "FROM incidence_rates WHERE standard = 'world_segi_1960' AND region = 'national' AND age_range = 'all' "
                    + "AND education = 'all' AND period_type = 'period' AND site = 'all_but_nmsc' ORDER BY period, sex\"");
            return 0;
        } catch (RuntimeException e) {
            run.record("refresh", "failed", Main.oneLine(e), files, versions);
            throw e;
        }
    }
}
