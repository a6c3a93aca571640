package org.cancerstats.run;

import java.io.PrintStream;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.publish.PublicTables;
import org.cancerstats.publish.PublishJob;
import org.cancerstats.report.ReportJob;
import org.cancerstats.spark.DriverHeap;
import org.cancerstats.spark.ProgressTicker;
import org.cancerstats.statistics.ComorbidityJob;
import org.cancerstats.statistics.ComparisonTables;
import org.cancerstats.statistics.ComparisonsJob;
import org.cancerstats.statistics.PrevalenceJob;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.statistics.ProjectionTables;
import org.cancerstats.statistics.ProjectionsJob;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.statistics.RatesJob;
import org.cancerstats.statistics.SurvivalJob;
import org.cancerstats.statistics.SurvivalTables;
import org.cancerstats.tables.PendingMaintenance;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.TableDef;
import org.cancerstats.tables.TableMaintenance;

/**
 * The nightly refresh: ingest the new and changed files of the landing folder, then recompute each {@link Stage}
 * whose inputs changed, then maintain the tables written and record the run. A rejected file stops the run before
 * any statistic is recomputed, so the published tables stay at their last good version. Progress lines, with the
 * wall-clock time, go to the stream given; the Spark jobs of each stage carry its name ({@link RunContext#label}).
 */
public final class Refresh {

    /**
     * A statistic the refresh keeps current: its name, the extracts it cannot do without and those it uses when they
     * are there, a table it always writes, and how to run it.
     */
    public record Stage(String name, List<Extract> required, List<Extract> optional, TableDef table,
                        Function<RunContext, Outcome> job) {
        /** The tables of every extract it reads. */
        Set<String> inputs() {
            Set<String> all = new TreeSet<>();
            required.forEach(e -> all.add(e.tableName()));
            optional.forEach(e -> all.add(e.tableName()));
            return all;
        }
    }

    /** What a stage wrote, and what it left out and why. */
    public record Outcome(Map<String, Long> tableVersions, List<String> notes) {
    }

    /**
     * In order; each runs when the versions of its input extract tables differ from those it was last computed from
     * ({@code statistic_inputs}), or its table does not exist: so a run that failed or was killed after ingest is
     * completed by the next one, even though that one finds no new file.
     */
    public static final List<Stage> STAGES = List.of(
            new Stage("rates", RatesJob.REQUIRED_INPUTS, RatesJob.OPTIONAL_INPUTS, RateTables.INCIDENCE_RATES, run -> {
                RatesJob.Result r = new RatesJob(run.spark, run.catalog).run(run.rateOptions());
                return new Outcome(r.tableVersions(), r.notes());
            }),
            new Stage("prevalence", PrevalenceJob.REQUIRED_INPUTS, List.of(), PrevalenceTables.PREVALENCE, run -> {
                PrevalenceJob.Result r = new PrevalenceJob(run.spark, run.catalog, run.firstTumours()).run(run.prevalenceOptions());
                return new Outcome(r.tableVersions(), List.of());
            }),
            new Stage("comorbidity", ComorbidityJob.REQUIRED_INPUTS, ComorbidityJob.OPTIONAL_INPUTS,
                    PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS, run -> {
                        ComorbidityJob.Result r = new ComorbidityJob(run.spark, run.catalog, run.firstTumours())
                                .run(run.comorbidityOptions());
                        return new Outcome(r.tableVersions(), r.notes());
                    }),
            new Stage("survival", SurvivalJob.REQUIRED_INPUTS, SurvivalJob.OPTIONAL_INPUTS, SurvivalTables.SURVIVAL, run -> {
                SurvivalJob.Result r = new SurvivalJob(run.spark, run.catalog, run.firstTumours()).run(run.survivalOptions());
                return new Outcome(r.tableVersions(), r.notes());
            }),
            // After rates: it starts from their counts, which are current whenever its inputs are.
            new Stage("projections", ProjectionsJob.REQUIRED_INPUTS, ProjectionsJob.OPTIONAL_INPUTS,
                    ProjectionTables.INCIDENCE_PROJECTIONS, run -> {
                        ProjectionsJob.Result r = new ProjectionsJob(run.spark, run.catalog).run(run.projectionOptions());
                        return new Outcome(r.tableVersions(), r.notes());
                    }),
            // After rates, for the same reason.
            new Stage("comparisons", ComparisonsJob.REQUIRED_INPUTS, ComparisonsJob.OPTIONAL_INPUTS,
                    ComparisonTables.REGIONAL_RATIOS, run -> {
                        ComparisonsJob.Result r = new ComparisonsJob(run.spark, run.catalog).run(run.comparisonOptions());
                        return new Outcome(r.tableVersions(), r.notes());
                    }));

    /**
     * @param outcome  succeeded, no-op or failed (a file rejected)
     * @param message  what was skipped or completed, or why it failed; empty when nothing to say
     * @param files    what ingest did with each file
     * @param versions Delta versions of the tables written
     */
    public record Result(String outcome, String message, List<FileReport> files, Map<String, Long> versions) {
        public boolean failed() {
            return outcome.equals("failed");
        }
    }

    /**
     * Called after ingest and after each statistic with its name. Tests set it to fail a run between two table
     * writes; it does nothing otherwise.
     */
    public static volatile Consumer<String> afterStep = step -> { };

    private final RunContext run;
    private final PrintStream out;

    /** @param out where the progress lines go */
    public Refresh(RunContext run, PrintStream out) {
        this.run = run;
        this.out = out;
    }

    /** A line of progress with the wall-clock time, for the log of a long run. */
    private void progress(String format, Object... args) {
        out.println(ProgressTicker.CLOCK.format(LocalTime.now()) + " " + String.format(format, args));
        out.flush();
    }

    /**
     * Runs the refresh and records it in {@code refresh_runs}, failed runs included.
     *
     * @param key the pseudonymisation key of the deliveries
     * @throws RuntimeException what failed, after the run is recorded as failed
     */
    public Result run(PseudonymKey key) {
        long runStart = System.nanoTime();
        TableMaintenance.Options maintenance = run.maintenanceOptions(); // a bad setting fails before any work
        List<FileReport> files = List.of();
        Map<String, Long> versions = new LinkedHashMap<>();
        try {
            run.spark.sparkContext().uiWebUrl().foreach(url -> {
                progress("Spark UI at %s", url);
                return null;
            });
            List<LandingFolder.NotLoaded> notLoaded = LandingFolder.notLoaded(run.spark.sparkContext().hadoopConfiguration(),
                    run.settings.landingDir());
            notLoaded.forEach(f -> progress("landing: not loaded: %s (%s)", f.name(), f.reason()));
            IngestJob.Result ingest = ingest(key);
            files = ingest.files();
            versions.putAll(ingest.tableVersions());
            if (ingest.anyRejected()) {
                String reason = "file(s) rejected, statistics not recomputed: " + files.stream()
                        .filter(f -> f.status() == FileReport.Status.REJECTED).map(FileReport::file).toList();
                run.record("refresh", "failed", reason, files, versions);
                return new Result("failed", reason, files, versions);
            }
            progress("ingest: done, %d file(s), %d row(s) read, %d accepted, %d quarantined, %.0f s", files.size(),
                    files.stream().mapToLong(FileReport::read).sum(), files.stream().mapToLong(FileReport::accepted).sum(),
                    files.stream().mapToLong(FileReport::quarantined).sum(), seconds(runStart));
            afterStep.accept("ingest");
            List<String> skipped = statistics(versions);
            String released = run.settings.publish().onRefresh() ? publish() : null;
            if (run.settings.publish().onRefresh() && run.settings.report().onRefresh()) {
                report(released != null);
            }
            // A refresh killed during its maintenance left a note: this run finishes it, maintenance and run record.
            Optional<PendingMaintenance> unfinished = PendingMaintenance.read(run.lock(), run.settings.database());
            if (!versions.isEmpty() || unfinished.isPresent()) { // a no-op run writes nothing, not even a compaction
                maintain(versions, unfinished, maintenance);
            }
            run.spark.sparkContext().clearJobGroup();
            progress("finished in %.0f s, driver heap peak %d MiB", seconds(runStart), DriverHeap.peakMiB());
            String outcome = versions.isEmpty() && unfinished.isEmpty() && released == null ? "no-op" : "succeeded";
            List<String> said = new ArrayList<>();
            if (released != null) {
                said.add(released);
            }
            if (!notLoaded.isEmpty()) {
                said.add("not loaded: " + notLoaded.stream().map(LandingFolder.NotLoaded::name).collect(Collectors.joining(", ")));
            }
            if (!skipped.isEmpty()) {
                said.add("skipped: " + String.join(", ", skipped));
            }
            unfinished.ifPresent(u -> said.add("completed the maintenance of " + u.refreshId()));
            String message = String.join("; ", said);
            run.record("refresh", outcome, message, files, versions);
            PendingMaintenance.clear(run.lock(), run.settings.database());
            return new Result(outcome, message, files, versions);
        } catch (RuntimeException e) {
            run.record("refresh", "failed", RefreshRuns.oneLine(e), files, versions);
            throw e;
        }
    }

    private IngestJob.Result ingest(PseudonymKey key) {
        run.label("ingest", "validate and load the new and changed files of the landing folder");
        IngestJob job = new IngestJob(run.spark, run.settings, key, run.catalog);
        IngestJob.Result ingest;
        try (ProgressTicker ticker = ProgressTicker.start(run.spark, "ingest", job::progress, ProgressTicker.SECONDS, out)) {
            ingest = job.run(new IngestJob.Options(
                    LandingFolder.scan(run.spark.sparkContext().hadoopConfiguration(), run.settings.landingDir()), run.refreshId));
        }
        IngestSummary.print(out, ingest.files());
        return ingest;
    }

    /** The stages whose inputs changed, in order; adds the versions they wrote and returns those skipped, and why. */
    private List<String> statistics(Map<String, Long> versions) {
        StatisticInputs ledger = new StatisticInputs(run.catalog);
        Map<String, Map<String, Long>> recorded = ledger.recorded();
        // Read once for all stages: no stage writes an extract table.
        Map<String, Long> current = ledger.currentVersions(
                STAGES.stream().flatMap(s -> s.inputs().stream()).collect(Collectors.toSet()));
        List<String> skipped = new ArrayList<>();
        try {
            for (Stage stage : STAGES) {
                List<String> absent = stage.required().stream().map(Extract::tableName).filter(t -> current.get(t) < 0).toList();
                if (!absent.isEmpty()) {
                    // A partial delivery: compute what the inputs allow, and say what was left out.
                    progress("%s: skipped, no %s extract loaded", stage.name(), String.join(", ", absent));
                    skipped.add(stage.name() + " (no " + String.join(", ", absent) + ")");
                    continue;
                }
                Map<String, Long> inputs = new TreeMap<>(current);
                inputs.keySet().retainAll(stage.inputs());
                boolean stale = !inputs.equals(recorded.get(stage.name())) || !run.catalog.exists(stage.table().name());
                if (!stale) {
                    progress("%s: up to date (inputs unchanged)", stage.name());
                    continue;
                }
                progress("%s: started", stage.name());
                long start = System.nanoTime();
                run.label(stage.name(), "compute " + stage.name() + " from " + inputs);
                Outcome outcome;
                try (ProgressTicker ticker = ProgressTicker.start(run.spark, stage.name(), () -> "", ProgressTicker.SECONDS, out)) {
                    outcome = stage.job().apply(run);
                }
                outcome.notes().forEach(n -> progress("%s: %s", stage.name(), n));
                Map<String, Long> written = outcome.tableVersions();
                versions.putAll(written);
                ledger.record(stage.name(), inputs, run.refreshId);
                long rows = written.entrySet().stream().mapToLong(e -> run.catalog.rowsWritten(e.getKey(), e.getValue())).sum();
                progress("%s: done, %d table(s), %d row(s) written, %.0f s", stage.name(), written.size(), rows, seconds(start));
                afterStep.accept(stage.name());
            }
        } finally {
            run.firstTumours().close(); // kept for the stages only
        }
        return skipped;
    }

    /**
     * The release of the current statistics, as the last stage. It runs every time and is a no-op when the release of
     * the same inputs exists, so a refresh killed after its statistics and before its release is completed by the
     * next one. Returns what it published, or null; its public tables live in the public database, not in the
     * versions of the run.
     */
    private String publish() {
        if (PublicTables.STATISTICS.stream().noneMatch(t -> run.catalog.exists(t.name()))) {
            return null;
        }
        long start = System.nanoTime();
        run.label("publish", "write the release of the statistics");
        PublishJob.Result r;
        try (ProgressTicker ticker = ProgressTicker.start(run.spark, "publish", () -> "", ProgressTicker.SECONDS, out)) {
            r = new PublishJob(run.spark, run.catalog).run(run.publishOptions(null));
        }
        r.notes().forEach(n -> progress("publish: %s", n));
        progress("publish: %s, %.0f s", r.summary(), seconds(start));
        afterStep.accept("publish");
        return r.written() ? "published " + r.release() : null;
    }

    /**
     * The web report of the release just published, or of the latest release when that has none (a refresh killed
     * between its release and its report). Nothing when there is no release.
     */
    private void report(boolean published) {
        if (!ReportRun.local(run.settings)) {
            progress("report: skipped, the releases folder %s is not on the local file system", run.settings.releasesDir());
            return;
        }
        ReportJob.Options options = ReportRun.options(run.settings, run.reference, null);
        if (ReportJob.latest(options.releasesDir()).isEmpty()
                || !published && ReportJob.exists(options.releasesDir(), null)) {
            return;
        }
        run.label("report", "write the web report of the release");
        ReportJob.Result r = new ReportJob().run(options);
        progress("%s", ReportRun.summary(r));
        afterStep.accept("report");
    }

    /** Maintains the tables written (and those of a run killed during its maintenance), then that run's record. */
    private void maintain(Map<String, Long> versions, Optional<PendingMaintenance> unfinished, TableMaintenance.Options options) {
        long start = System.nanoTime();
        run.label("maintenance", "compact and vacuum the tables written");
        // Also the two ledgers, which gain a small commit every run.
        Set<String> tables = new TreeSet<>(versions.keySet());
        unfinished.ifPresent(u -> tables.addAll(u.versions().keySet()));
        tables.addAll(List.of(RegistryTables.STATISTIC_INPUTS.name(), RegistryTables.REFRESH_RUNS.name()));
        new PendingMaintenance(run.refreshId, run.started, versions).write(run.lock(), run.settings.database());
        afterStep.accept("maintenance-pending");
        TableMaintenance.Result maintained;
        try (ProgressTicker ticker = ProgressTicker.start(run.spark, "maintenance", () -> "", ProgressTicker.SECONDS, out)) {
            maintained = new TableMaintenance(run.spark, run.catalog).run(tables, options, true);
        }
        // A compaction or vacuum commits a new version; the other tables are where their jobs left them.
        maintained.tables().stream().filter(t -> (t.optimized() || t.vacuumed()) && versions.containsKey(t.table()))
                .forEach(t -> versions.put(t.table(), run.catalog.version(t.table())));
        progress("maintenance: %d table(s) compacted, %d vacuumed, %.0f s",
                maintained.tables().stream().filter(TableMaintenance.TableResult::optimized).count(),
                maintained.tables().stream().filter(TableMaintenance.TableResult::vacuumed).count(), seconds(start));
        unfinished.ifPresent(u -> {
            Map<String, Long> after = new TreeMap<>(u.versions());
            after.replaceAll((table, version) -> run.catalog.version(table));
            RefreshRuns.record(run.catalog, u.refreshId(), "refresh", u.started(), "succeeded",
                    "interrupted during its maintenance; maintenance and this record completed by " + run.refreshId,
                    List.of(), after);
            progress("completed the maintenance and the run record of %s, interrupted during its maintenance", u.refreshId());
        });
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
