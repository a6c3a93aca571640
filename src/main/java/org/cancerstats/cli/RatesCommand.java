package org.cancerstats.cli;

import java.util.Map;

import org.cancerstats.run.RunContext;
import org.cancerstats.statistics.Measure;
import org.cancerstats.statistics.RatesJob;

import picocli.CommandLine.Command;

/** {@code cancerstats rates}: counts, rates and data quality from the validated tables. */
@Command(name = "rates", mixinStandardHelpOptions = true,
        header = "Incidence and mortality counts, crude, age-specific and age-standardised rates, data quality.",
        description = "Compute incidence and mortality counts, crude, age-specific and age-standardised rates with "
                + "intervals, cumulative risk and data-quality indicators; overwrite incidence_counts, "
                + "mortality_counts, incidence_rates, mortality_rates, age_specific_rates and data_quality.")
final class RatesCommand extends StatisticCommand {

    @Override
    Map.Entry<Map<String, Long>, String> run(RunContext run) {
        RatesJob.Result result = new RatesJob(run.spark, run.catalog).run(run.rateOptions());
        result.notes().forEach(n -> System.out.println("rates: " + n));
        return Map.entry(result.tableVersions(), result.events().get(Measure.INCIDENCE) + " tumours, "
                + result.events().getOrDefault(Measure.MORTALITY, 0L) + " deaths, " + result.ageGroups().count() + " age groups");
    }
}
