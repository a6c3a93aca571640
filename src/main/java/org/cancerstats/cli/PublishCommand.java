package org.cancerstats.cli;

import java.util.concurrent.Callable;

import org.cancerstats.publish.PublishJob;
import org.cancerstats.publish.ReleaseAudit;
import org.cancerstats.run.RunContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cancerstats publish}: a release of the statistics for the public, or the audit of one. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        header = "Write an immutable release of the statistics, protected by the disclosure rule; or audit one.",
        description = "Write every statistic table the rule set (cancerstats.publish.disclosure) can publish to the "
                + "public database and to releases/<release>/ as CSV and Parquet with a data dictionary and "
                + "manifest.json. The same inputs under the same name are a no-op; other content under an existing "
                + "name is refused. With --audit, re-read a release from its files and check that no suppressed "
                + "count can be narrowed below the rule's width; exits 1 when one can (docs/publishing.md).")
final class PublishCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--release", paramLabel = "NAME", description = "Release name (default: r- and 12 hex digits of the content)")
    String release;

    @Option(names = "--audit", paramLabel = "RELEASE", description = "Audit this release from its files instead of publishing")
    String audit;

    @Override
    public Integer call() {
        try (RunContext run = new RunContext(common.settings(), "publish")) {
            if (audit != null) {
                ReleaseAudit.Result r = ReleaseAudit.run(run.spark, run.settings.releasesDir(), audit, run.reference.sites());
                r.findings().forEach(f -> System.out.println("exposed: " + f));
                System.out.println("audit of " + r.release() + " (" + r.rule() + "): " + r.suppressed() + " suppressed count(s), "
                        + r.programs() + " linear program(s), " + (r.passed() ? "passed" : r.findings().size() + " finding(s)"));
                return r.passed() ? 0 : 1;
            }
            PublishJob.Result r = run.recorded("publish", System.out, PublishJob.Result::tableVersions,
                    () -> new PublishJob(run.spark, run.catalog).run(run.publishOptions(release)));
            r.notes().forEach(n -> System.out.println("publish: " + n));
            System.out.println(r.summary() + " (" + r.folder() + ")");
            return 0;
        }
    }
}
