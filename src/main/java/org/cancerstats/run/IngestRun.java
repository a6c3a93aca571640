package org.cancerstats.run;

import java.util.List;
import java.util.Map;

import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFile;

/** {@code ingest} as a run of its own: the files loaded or rejected, and the run recorded in {@code refresh_runs}. */
public final class IngestRun {

    private IngestRun() {
    }

    /**
     * @param outcome succeeded, no-op (nothing new) or failed (a file rejected; the others are loaded)
     * @param ingest  what ingest did
     */
    public record Result(String outcome, IngestJob.Result ingest) {
    }

    /** @throws RuntimeException what failed, after the run is recorded as failed */
    public static Result run(RunContext run, PseudonymKey key, List<LandingFile> files) {
        run.label("ingest", "validate and load " + files.size() + " file(s)");
        IngestJob.Result result;
        try {
            result = new IngestJob(run.spark, run.settings, key, run.catalog).run(new IngestJob.Options(files, run.refreshId));
        } catch (RuntimeException e) {
            run.record("ingest", "failed", RefreshRuns.oneLine(e), List.of(), Map.of());
            throw e;
        }
        String outcome = result.anyRejected() ? "failed" : result.wroteRows() ? "succeeded" : "no-op";
        run.record("ingest", outcome, result.anyRejected() ? "file(s) rejected" : "", result.files(), result.tableVersions());
        return new Result(outcome, result);
    }
}
