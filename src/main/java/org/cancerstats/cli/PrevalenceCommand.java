package org.cancerstats.cli;

import java.util.Map;

import org.cancerstats.run.RunContext;
import org.cancerstats.statistics.PrevalenceJob;

import picocli.CommandLine.Command;

/** {@code cancerstats prevalence}: limited-duration and complete prevalence at year ends. */
@Command(name = "prevalence", mixinStandardHelpOptions = true,
        header = "1-, 3-, 5-, 10-year and complete prevalence at each year end.",
        description = "Compute 1-, 3-, 5-, 10-year and complete prevalence at each year end (cancerstats.prevalence.*) "
                + "by site, sex, current age group and region, with proportions per 100,000; overwrite the "
                + "prevalence table.")
final class PrevalenceCommand extends StatisticCommand {

    @Override
    Map.Entry<Map<String, Long>, String> run(RunContext run) {
        PrevalenceJob.Result result = new PrevalenceJob(run.spark, run.catalog).run(run.prevalenceOptions());
        return Map.entry(result.tableVersions(), "index years " + result.firstYear() + "-" + result.lastYear() + ", "
                + result.withoutFollowUp() + " first tumours without a follow-up row (not counted)");
    }
}
