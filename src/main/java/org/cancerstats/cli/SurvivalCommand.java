package org.cancerstats.cli;

import java.util.Map;

import org.cancerstats.run.RunContext;
import org.cancerstats.statistics.SurvivalJob;

import picocli.CommandLine.Command;

/** {@code cancerstats survival}: net survival by site, sex, period and age. */
@Command(name = "survival", mixinStandardHelpOptions = true,
        header = "Observed, Ederer II and Pohar Perme net survival, cohort and period approach.",
        description = "Compute observed, Ederer II and Pohar Perme net survival (cohort and period approach, monthly "
                + "intervals, ICSS age-standardised); overwrite survival, survival_curve and survival_quality.")
final class SurvivalCommand extends StatisticCommand {

    @Override
    Map.Entry<Map<String, Long>, String> run(RunContext run) {
        SurvivalJob.Result result = new SurvivalJob(run.spark, run.catalog).run(run.survivalOptions());
        result.notes().forEach(n -> System.out.println("survival: " + n));
        return Map.entry(result.tableVersions(), result.included() + " first tumours estimated; follow-up against the "
                + "cause-of-death register: " + result.vitalConflicts());
    }
}
