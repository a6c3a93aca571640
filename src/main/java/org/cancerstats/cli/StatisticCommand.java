package org.cancerstats.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cancerstats.spark.ProgressTicker;

/** A subcommand that runs one statistics job and records the run: rates, prevalence, comorbidity. */
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
        try (RunContext run = new RunContext(common, name())) {
            call(run);
            return 0;
        }
    }

    private void call(RunContext run) {
        try {
            Map.Entry<Map<String, Long>, String> result;
            try (ProgressTicker ticker = ProgressTicker.start(run.spark, name(), () -> "", ProgressTicker.SECONDS, System.out)) {
                result = run(run);
            }
            run.record(name(), "succeeded", "", List.of(), result.getKey());
            System.out.println(name() + " " + run.refreshId + " into " + run.settings.database() + ": " + result.getValue()
                    + "; tables " + result.getKey().keySet());
        } catch (RuntimeException e) {
            run.record(name(), "failed", Main.oneLine(e), List.of(), Map.of());
            throw e;
        }
    }
}
