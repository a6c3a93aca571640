package org.cancerstats.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cancerstats}: the registry's batch jobs. Run through {@code jobs/cancerstats} or spark-submit. */
@Command(name = "cancerstats", mixinStandardHelpOptions = true, version = "cancerstats 0.1.0",
        description = "Cancer registry statistics on Spark and Delta Lake.",
        subcommands = {RefreshCommand.class, IngestCommand.class, RatesCommand.class, PrevalenceCommand.class,
                ComorbidityCommand.class, SurvivalCommand.class, ProjectionsCommand.class, ComparisonsCommand.class,
                PublishCommand.class, ReportCommand.class, MaintainCommand.class, ConnectServerCommand.class,
                BenchmarkCommand.class, SqlCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cancerstats: failed: " + oneLine(e));
            org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", e);
            return 1;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        return org.cancerstats.run.RefreshRuns.oneLine(e);
    }
}
