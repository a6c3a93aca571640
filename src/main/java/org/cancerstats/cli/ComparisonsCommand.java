package org.cancerstats.cli;

import java.util.Map;

import org.cancerstats.run.RunContext;
import org.cancerstats.statistics.ComparisonsJob;

import picocli.CommandLine.Command;

/** {@code cancerstats comparisons}: regions against the nation. */
@Command(name = "comparisons", mixinStandardHelpOptions = true,
        header = "Regions against the nation: SIR and SMR with exact intervals, Poisson tests and funnel limits.",
        description = "Compute the indirectly standardised incidence and mortality ratios of every region against the "
                + "national age-specific rates, by site, sex and period, with exact 95%% intervals, the exact Poisson test "
                + "and the 95%% and 99.8%% funnel limits; overwrite regional_ratios. Run rates first (the refresh does).")
final class ComparisonsCommand extends StatisticCommand {

    @Override
    Map.Entry<Map<String, Long>, String> run(RunContext run) {
        ComparisonsJob.Result result = new ComparisonsJob(run.spark, run.catalog).run(run.comparisonOptions());
        result.notes().forEach(n -> System.out.println("comparisons: " + n));
        return Map.entry(result.tableVersions(), result.rows() + " ratio(s), " + result.outside998()
                + " outside the 99.8% funnel limits");
    }
}
