package org.cancerstats.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.cancerstats.run.RunContext;

/** A subcommand that runs one statistics job and records the run: rates, prevalence, comorbidity, survival. */
abstract class StatisticCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    CommonOptions common;

    /** Runs the job; returns the table versions written and a one-line summary. */
    abstract Map.Entry<Map<String, Long>, String> run(RunContext run);

    final String name() {
        return getClass().getAnnotation(picocli.CommandLine.Command.class).name();
    }

    @Override
    public Integer call() {
        try (RunContext run = new RunContext(common.settings(), name())) {
            long start = System.nanoTime();
            Map.Entry<Map<String, Long>, String> result = run.recorded(name(), System.out, Map.Entry::getKey, () -> run(run));
            // The job's own time, session start-up excluded: the stage time of jobs/benchmark.sh --peers.
            System.out.println(name() + " " + run.refreshId + " into " + run.settings.database() + ": " + result.getValue()
                    + "; tables " + result.getKey().keySet() + String.format(java.util.Locale.ROOT, "; %.1f s",
                    (System.nanoTime() - start) / 1e9));
            return 0;
        }
    }
}
