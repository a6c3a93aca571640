package org.cancerstats.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.cancerstats.run.RunContext;
import org.cancerstats.tables.TableMaintenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cancerstats maintain}: compaction and VACUUM of every table (or the named ones), e.g. weekly. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        header = "Compact small files (OPTIMIZE) and VACUUM tables with the configured retention.",
        description = "Compact tables with many small files (OPTIMIZE) and VACUUM them with the configured retention "
                + "(cancerstats.maintenance.*, at least 168 hours). A refresh does this for the tables it wrote.")
final class MaintainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Tables to maintain (default: every table of the database).")
    List<String> tables = List.of();

    @Override
    public Integer call() {
        try (RunContext run = new RunContext(common.settings(), "maintain")) {
            return call(run);
        }
    }

    private Integer call(RunContext run) {
        TableMaintenance maintenance = new TableMaintenance(run.spark, run.catalog);
        TableMaintenance.Result result = maintenance.run(tables.isEmpty() ? maintenance.allTables() : tables,
                run.maintenanceOptions(), false);
        String format = "%-32s %12s %11s %10s %9s%n";
        System.out.printf(format, "table", "files before", "files after", "compacted", "vacuumed");
        for (TableMaintenance.TableResult t : result.tables()) {
            System.out.printf(format, t.table(), t.filesBefore(), t.filesAfter(), t.optimized() ? "yes" : "no",
                    t.vacuumed() ? "yes" : "no");
        }
        return 0;
    }
}
