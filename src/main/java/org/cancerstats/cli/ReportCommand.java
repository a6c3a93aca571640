package org.cancerstats.cli;

import java.util.concurrent.Callable;

import org.cancerstats.config.Settings;
import org.cancerstats.report.ReportJob;
import org.cancerstats.run.ReferenceData;
import org.cancerstats.run.ReportRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cancerstats report}: the web report of a release. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Write the web report of a release: a static site that opens from the file system.",
        description = "Write releases/<release>/report/ (index.html, a page per site and summary group, methods.html) "
                + "from the release's files only, so that it shows only what the release publishes. The charts are "
                + "drawn by Apache ECharts, bundled in the report; nothing is fetched from the network. Labels come "
                + "from cancerstats.report.locale (docs/report.md). Needs no Spark session.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--release", paramLabel = "NAME", description = "The release (default: the latest)")
    String release;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        ReportJob.Result r = new ReportJob().run(ReportRun.options(settings, new ReferenceData(settings.reference()), release));
        System.out.println(ReportRun.summary(r));
        return 0;
    }
}
