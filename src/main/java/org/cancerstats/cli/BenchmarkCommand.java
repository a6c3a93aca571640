package org.cancerstats.cli;

import java.util.concurrent.Callable;

import org.cancerstats.run.RunContext;
import org.cancerstats.bench.SurvivalBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cancerstats benchmark}: timed runs on synthetic data in a separate database. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        header = "Time a statistics job on synthetic data in a separate database.",
        description = "Time a statistics job on synthetic data written to the database cancerstats_bench (never the "
                + "registry's). Prints the figures docs/benchmarks.md records. Stages: survival.")
final class BenchmarkCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--stage", defaultValue = "survival", description = "Stage to time (default: ${DEFAULT-VALUE}).")
    String stage;

    @Option(names = "--patients", defaultValue = "1000000", description = "Synthetic first tumours (default: ${DEFAULT-VALUE}).")
    long patients;

    @Override
    public Integer call() {
        if (!stage.equals("survival")) {
            throw new IllegalArgumentException("unknown stage '" + stage + "'; this version times: survival");
        }
        common.database = "cancerstats_bench";
        SurvivalBenchmark.Figures f;
        try (RunContext run = new RunContext(common.settings(), "benchmark")) {
            f = SurvivalBenchmark.run(run.spark, run.catalog, patients,
                    run.survivalOptions());
        }
        System.out.printf("survival: %d patients (10-year follow-up, %d cores): %.1f s, %.0f patients/s, driver heap peak %d MiB"
                        + " (setup %.1f s)%n", f.patients(), Runtime.getRuntime().availableProcessors(), f.seconds(),
                f.patients() / f.seconds(), f.peakHeapMiB(), f.setupSeconds());
        return 0;
    }
}
