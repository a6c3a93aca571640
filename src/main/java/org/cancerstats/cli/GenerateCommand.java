package org.cancerstats.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cancerstats generate}: write a synthetic registry as a landing folder. No Spark needed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Write a synthetic cancer registry (every extract) as a landing folder.",
        description = "Write a synthetic cancer registry (every extract, the population projection included) as a landing folder. Fixed seed: the "
                + "same options give the same files. The sample in sample-data/landing was made with generate "
                + "--out sample-data/landing --persons 25000 --first-year 2004 --last-year 2023 --seed 20261122")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "generated-data/landing",
            description = "Landing folder to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--persons", defaultValue = "25000", description = "Population in the first year (default: ${DEFAULT-VALUE}).")
    long persons;

    @Option(names = "--first-year", defaultValue = "2004", description = "First year (default: ${DEFAULT-VALUE}).")
    int firstYear;

    @Option(names = "--last-year", defaultValue = "2023", description = "Last year (default: ${DEFAULT-VALUE}).")
    int lastYear;

    @Option(names = "--seed", defaultValue = "20261122", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--regions", split = ",", description = "Region names (default: the five Danish regions).")
    List<String> regions = GeneratorOptions.DEFAULT_REGIONS;

    @Option(names = "--lung-excess-region", paramLabel = "REGION",
            description = "Plant a 30%% excess of lung cancer in this region (a known answer for regional_ratios; default none).")
    String lungExcessRegion;

    @Option(names = "--cohort", paramLabel = "PATIENTS",
            description = "Instead of a registry, a one-site survival cohort of this many colon cancer patients (one tumour "
                    + "each, diagnosed first-year..last-year, followed to 31 December of last-year; --persons unused): "
                    + "the input of jobs/benchmark.sh --peers.")
    Long cohort;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (cohort != null) {
            SyntheticRegistry.Counts counts = SyntheticRegistry.writeCohort(new GeneratorOptions(out, Math.max(100, cohort),
                    firstYear, lastYear, seed, regions), cohort);
            System.out.printf("generated %s in %.1f s: a colon cancer cohort of %d patients, %d deaths, %d life-table rows%n",
                    out, (System.nanoTime() - start) / 1e9, counts.patients(), counts.deaths(), counts.lifetable());
            return 0;
        }
        SyntheticRegistry.Counts counts = SyntheticRegistry.write(new GeneratorOptions(out, persons, firstYear, lastYear, seed, regions,
                lungExcessRegion));
        System.out.printf("generated %s in %.1f s: %d tumours of %d patients, %d deaths, %d comorbidity rows, "
                        + "%d population rows, %d life-table rows, %d condition-prevalence rows, %d projected population "
                        + "rows%n", out,
                (System.nanoTime() - start) / 1e9, counts.tumours(), counts.patients(), counts.deaths(), counts.comorbidity(),
                counts.population(), counts.lifetable(), counts.conditionPrevalence(), counts.populationProjection());
        return 0;
    }
}
