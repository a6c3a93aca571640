package org.cancerstats.cli;

import java.util.concurrent.Callable;

import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.run.Refresh;
import org.cancerstats.run.ReportRun;
import org.cancerstats.run.RunContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cancerstats refresh}: the nightly run. Ingests new and changed files of the landing folder, then
 * recomputes the statistics whose inputs changed. A rejected file stops the run before any statistic is
 * recomputed, so the published tables stay at their last good version.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        header = "The nightly run: ingest new or changed files, then recompute the statistics whose inputs changed.",
        description = "Ingest new or changed files of the landing folder, then recompute the statistics whose inputs "
                + "changed: rates (population and incidence; mortality when delivered), prevalence (population, "
                + "incidence, followup), comorbidity (incidence, comorbidity; the ratios also need "
                + "condition_prevalence and population), survival (incidence, followup, lifetable; mortality when "
                + "delivered), projections (incidence, population, population_projection; mortality when delivered; "
                + "from the rates' counts). A statistic whose required extracts are not loaded yet is skipped with a line saying "
                + "so. Exit 1 with a one-line reason on failure.")
final class RefreshCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PseudonymKey key = common.key();
        if (key.development()) {
            System.err.println("WARNING: pseudonymising with " + key.source() + "; never use --dev for real data");
        }
        try (RunContext run = new RunContext(common.settings(), "refresh")) {
            Refresh.Result result = new Refresh(run, System.out).run(key);
            if (result.failed()) {
                System.err.println("cancerstats: failed: " + result.message());
                return 1;
            }
            System.out.println("refresh " + run.refreshId + ": " + result.outcome()
                    + (result.message().isEmpty() ? "" : " (" + result.message() + ")")
                    + "; tables in database " + run.settings.database() + " (warehouse " + run.settings.warehouseDir() + ")");
            System.out.println("try: jobs/cancerstats sql \"SELECT period, sex, site, round(asr, 1) AS asr_world "
                    + "FROM incidence_rates WHERE standard = 'world_segi_1960' AND region = 'national' AND age_range = 'all' "
                    + "AND education = 'all' AND period_type = 'period' AND site = 'all_but_nmsc' ORDER BY period, sex\"");
            if (ReportRun.local(run.settings)) {
                ReportRun.latestIndex(run.settings).ifPresent(index -> System.out.println("report: open " + index.toUri()));
            }
            return 0;
        }
    }
}
