package org.cancerstats.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.statistics.RateTables;
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
                "on them (rates: population, incidence, mortality). Exit 1 with a one-line reason on failure."})
final class RefreshCommand implements Callable<Integer> {

    /** Extracts the rate tables are computed from. */
    static final Set<String> RATE_INPUTS = Set.of("population", "incidence", "mortality");

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
            boolean ratesStale = files.stream().anyMatch(f -> f.wroteRows() && RATE_INPUTS.contains(f.extract().tableName()))
                    || !run.catalog.exists(RateTables.INCIDENCE_RATES.name());
            if (ratesStale) {
                versions.putAll(new RatesJob(run.spark, run.catalog).run(run.rateOptions()).tableVersions());
                System.out.println("rates recomputed");
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
