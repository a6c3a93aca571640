package org.cancerstats.cli;

import java.util.Map;

import org.cancerstats.run.RunContext;
import org.cancerstats.statistics.ProjectionsJob;

import picocli.CommandLine.Command;

/** {@code cancerstats projections}: NORDPRED incidence and mortality projections. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        header = "NORDPRED projections of incidence and mortality, with the change split into population and risk.",
        description = "Project incidence (and mortality, when delivered) in up to five future 5-year periods with the "
                + "NORDPRED age-period-cohort model, from the rates' counts, the population and the population_projection "
                + "extract; overwrite incidence_projections and mortality_projections. Run rates first (the refresh does).")
final class ProjectionsCommand extends StatisticCommand {

    @Override
    Map.Entry<Map<String, Long>, String> run(RunContext run) {
        ProjectionsJob.Result result = new ProjectionsJob(run.spark, run.catalog).run(run.projectionOptions());
        result.notes().forEach(n -> System.out.println("projections: " + n));
        return Map.entry(result.tableVersions(), "observed " + result.observed() + ", " + result.futurePeriods()
                + " future period(s); models by method " + result.byMethod());
    }
}
