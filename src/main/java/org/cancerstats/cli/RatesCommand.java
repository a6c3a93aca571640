package org.cancerstats.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.cancerstats.statistics.Measure;
import org.cancerstats.statistics.RatesJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cancerstats rates}: counts, rates and data quality from the validated tables. */
@Command(name = "rates", mixinStandardHelpOptions = true,
        description = {"Compute incidence and mortality counts, crude, age-specific and age-standardised rates with",
                "intervals, cumulative risk and data-quality indicators; overwrite incidence_counts, mortality_counts,",
                "incidence_rates, mortality_rates, age_specific_rates and data_quality."})
final class RatesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        RunContext run = new RunContext(common);
        try {
            RatesJob.Result result = new RatesJob(run.spark, run.catalog).run(run.rateOptions());
            run.record("rates", "succeeded", "", List.of(), result.tableVersions());
            System.out.printf("rates %s into %s: %d tumours, %d deaths, %d age groups; tables %s%n", run.refreshId,
                    run.settings.database(), result.events().get(Measure.INCIDENCE), result.events().get(Measure.MORTALITY),
                    result.ageGroups().count(), result.tableVersions().keySet());
            return 0;
        } catch (RuntimeException e) {
            run.record("rates", "failed", Main.oneLine(e), List.of(), java.util.Map.of());
            throw e;
        }
    }
}
