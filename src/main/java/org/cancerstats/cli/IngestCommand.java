package org.cancerstats.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.LandingFile;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.run.IngestRun;
import org.cancerstats.run.IngestSummary;
import org.cancerstats.run.RunContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cancerstats ingest}: validate delivered files and load them into the catalog. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Validate delivered extract files and load them into the catalog's Delta tables.",
        description = "Validate delivered extract files and load them into the catalog's Delta tables. Without FILE "
                + "arguments, ingests every file in the landing folder (or in --extract's sub-folder). Exit code 1 "
                + "when a file was rejected whole; the other files are still loaded.")
final class IngestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--extract", description = "Extract the FILE arguments hold (incidence, mortality, followup, "
            + "comorbidity, condition_prevalence, population, lifetable); default: the FILE's folder name.")
    String extract;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to ingest (CSV or Parquet).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PseudonymKey key = common.key();
        if (key.development()) {
            System.err.println("WARNING: pseudonymising with " + key.source() + "; never use --dev for real data");
        }
        try (RunContext run = new RunContext(common.settings(), "ingest")) {
            if (files.isEmpty()) {
                LandingFolder.notLoaded(run.spark.sparkContext().hadoopConfiguration(), run.settings.landingDir())
                        .forEach(f -> System.out.println("not loaded: " + f.name() + " (" + f.reason() + ")"));
            }
            IngestRun.Result result = IngestRun.run(run, key, inputs(run.spark, run.settings));
            System.out.println("ingest " + run.refreshId + " into " + run.settings.database() + ": " + result.outcome());
            IngestSummary.print(System.out, result.ingest().files());
            return result.ingest().anyRejected() ? 1 : 0;
        }
    }

    private List<LandingFile> inputs(SparkSession spark, Settings settings) {
        var hadoop = spark.sparkContext().hadoopConfiguration();
        if (files.isEmpty()) {
            return extract == null ? LandingFolder.scan(hadoop, settings.landingDir())
                    : LandingFolder.scan(hadoop, settings.landingDir(), Extract.named(extract));
        }
        List<LandingFile> out = new ArrayList<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            Extract of = Extract.named(extract != null ? extract : absolute.getParent().getFileName().toString());
            out.add(new LandingFile(of, absolute.toUri().toString(), of.tableName() + "/" + absolute.getFileName()));
        }
        return out;
    }
}
