package org.cancerstats.cli;

import java.util.Map;

import org.cancerstats.run.RunContext;
import org.cancerstats.statistics.ComorbidityJob;

import picocli.CommandLine.Command;

/** {@code cancerstats comorbidity}: chronic conditions at diagnosis and standardised prevalence ratios. */
@Command(name = "comorbidity", mixinStandardHelpOptions = true,
        header = "Chronic conditions at diagnosis and standardised prevalence ratios.",
        description = "Compute the shares of new cancer patients with chronic conditions at diagnosis and the "
                + "standardised prevalence ratios against the general population; overwrite "
                + "comorbidity_at_diagnosis and comorbidity_prevalence_ratios.")
final class ComorbidityCommand extends StatisticCommand {

    @Override
    Map.Entry<Map<String, Long>, String> run(RunContext run) {
        ComorbidityJob.Result result = new ComorbidityJob(run.spark, run.catalog).run(run.comorbidityOptions());
        result.notes().forEach(n -> System.out.println("comorbidity: " + n));
        return Map.entry(result.tableVersions(), "done");
    }
}
