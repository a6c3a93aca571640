package org.cancerstats.cli;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cancerstats.bench.DriverHeap;
import org.cancerstats.spark.ProgressTicker;
import org.cancerstats.core.privacy.PseudonymKey;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.ingest.IngestJob;
import org.cancerstats.ingest.LandingFolder;
import org.cancerstats.statistics.ComorbidityJob;
import org.cancerstats.statistics.PrevalenceJob;
import org.cancerstats.statistics.PrevalenceTables;
import org.cancerstats.statistics.RateTables;
import org.cancerstats.statistics.SurvivalJob;
import org.cancerstats.statistics.SurvivalTables;
import org.cancerstats.statistics.RatesJob;
import org.cancerstats.tables.PendingMaintenance;
import org.cancerstats.tables.RefreshRuns;
import org.cancerstats.tables.RegistryTables;
import org.cancerstats.tables.StatisticInputs;
import org.cancerstats.tables.TableMaintenance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cancerstats refresh}: the nightly run. Ingests new and changed files of the landing folder, then
 * recomputes the statistics whose inputs changed. A rejected file stops the run before any statistic is
 * recomputed, so the published tables stay at their last good version.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        header = "The nightly run: ingest new or changed files, then recompute the statistics whose inputs changed.",
        description = "Ingest new or changed files of the landing folder, then recompute the statistics whose inputs "
                + "changed: rates (population and incidence; mortality when delivered), prevalence (population, "
                + "incidence, followup), comorbidity (incidence, comorbidity; the ratios also need "
                + "condition_prevalence and population), survival (incidence, followup, lifetable; mortality when "
                + "delivered). A statistic whose required extracts are not loaded yet is skipped with a line saying "
                + "so. Exit 1 with a one-line reason on failure.")
final class RefreshCommand implements Callable<Integer> {

    /**
     * A statistic the refresh keeps current: its name, the extracts it cannot do without and those it uses when they
     * are there, a table it always writes, and how to run it.
     */
    record Stage(String name, List<String> required, List<String> optional, String table,
                 Function<RunContext, Outcome> job) {
        Set<String> inputs() {
            Set<String> all = new java.util.TreeSet<>(required);
            all.addAll(optional);
            return all;
        }
    }

    /** What a stage wrote, and what it left out and why. */
    record Outcome(Map<String, Long> tableVersions, List<String> notes) {
    }

    /**
     * In order; each runs when the versions of its input extract tables differ from those it was last computed from
     * ({@code statistic_inputs}), or its table does not exist: so a run that failed or was killed after ingest is
     * completed by the next one, even though that one finds no new file.
     */
    static final List<Stage> STAGES = List.of(
            new Stage("rates", RatesJob.REQUIRED_INPUTS, RatesJob.OPTIONAL_INPUTS, RateTables.INCIDENCE_RATES.name(), run -> {
                RatesJob.Result r = new RatesJob(run.spark, run.catalog).run(run.rateOptions());
                return new Outcome(r.tableVersions(), r.notes());
            }),
            new Stage("prevalence", PrevalenceJob.REQUIRED_INPUTS, List.of(), PrevalenceTables.PREVALENCE.name(),
                    run -> new Outcome(new PrevalenceJob(run.spark, run.catalog, run.firstTumours).run(run.prevalenceOptions())
                            .tableVersions(), List.of())),
            new Stage("comorbidity", ComorbidityJob.REQUIRED_INPUTS, ComorbidityJob.OPTIONAL_INPUTS,
                    PrevalenceTables.COMORBIDITY_AT_DIAGNOSIS.name(), run -> {
                        ComorbidityJob.Result r = new ComorbidityJob(run.spark, run.catalog, run.firstTumours)
                                .run(run.comorbidityOptions());
                        return new Outcome(r.tableVersions(), r.notes());
                    }),
            new Stage("survival", SurvivalJob.REQUIRED_INPUTS, SurvivalJob.OPTIONAL_INPUTS, SurvivalTables.SURVIVAL.name(), run -> {
                SurvivalJob.Result r = new SurvivalJob(run.spark, run.catalog, run.firstTumours).run(run.survivalOptions());
                return new Outcome(r.tableVersions(), r.notes());
            }));

    /**
     * Called after ingest and after each statistic with its name. Tests set it to fail a run between two table
     * writes; it does nothing otherwise.
     */
    static volatile Consumer<String> afterStep = step -> { };

    @Mixin
    CommonOptions common;

    /** A line of progress with the wall-clock time, for the log of a long run. */
    private static void progress(String format, Object... args) {
        System.out.println(ProgressTicker.CLOCK.format(LocalTime.now()) + " " + String.format(format, args));
        System.out.flush();
    }

    @Override
    public Integer call() {
        PseudonymKey key = common.key();
        if (key.development()) {
            System.err.println("WARNING: pseudonymising with " + key.source() + "; never use --dev for real data");
        }
        try (RunContext run = new RunContext(common, "refresh")) {
            return call(run, key);
        }
    }

    private Integer call(RunContext run, PseudonymKey key) {
        long runStart = System.nanoTime();
        TableMaintenance.Options maintenance = run.maintenanceOptions(); // a bad setting fails before any work
        List<FileReport> files = List.of();
        Map<String, Long> versions = new LinkedHashMap<>();
        try {
            run.spark.sparkContext().uiWebUrl().foreach(url -> {
                progress("Spark UI at %s", url);
                return null;
            });
            IngestJob ingestJob = new IngestJob(run.spark, run.settings, key, run.catalog);
            IngestJob.Result ingest;
            try (ProgressTicker ticker = ProgressTicker.start(run.spark, "ingest", ingestJob::progress, ProgressTicker.SECONDS,
                    System.out)) {
                ingest = ingestJob.run(new IngestJob.Options(
                        LandingFolder.scan(run.spark.sparkContext().hadoopConfiguration(), run.settings.landingDir()), run.refreshId));
            }
            files = ingest.files();
            versions.putAll(ingest.tableVersions());
            IngestSummary.print(System.out, files);
            if (ingest.anyRejected()) {
                String reason = "file(s) rejected, statistics not recomputed: " + files.stream()
                        .filter(f -> f.status() == FileReport.Status.REJECTED).map(FileReport::file).toList();
                run.record("refresh", "failed", reason, files, versions);
                System.err.println("cancerstats: failed: " + reason);
                return 1;
            }
            progress("ingest: done, %d file(s), %d row(s) read, %d accepted, %d quarantined, %.0f s", files.size(),
                    files.stream().mapToLong(FileReport::read).sum(), files.stream().mapToLong(FileReport::accepted).sum(),
                    files.stream().mapToLong(FileReport::quarantined).sum(), (System.nanoTime() - runStart) / 1e9);
            afterStep.accept("ingest");
            StatisticInputs ledger = new StatisticInputs(run.catalog);
            Map<String, Map<String, Long>> recorded = ledger.recorded();
            // Read once for all stages: no stage writes an extract table.
            Map<String, Long> current = ledger.currentVersions(
                    STAGES.stream().flatMap(s -> s.inputs().stream()).collect(java.util.stream.Collectors.toSet()));
            List<String> skipped = new java.util.ArrayList<>();
            try {
                for (Stage stage : STAGES) {
                    java.util.List<String> absent = stage.required().stream().filter(t -> current.get(t) < 0).toList();
                    if (!absent.isEmpty()) {
                        // A partial delivery: compute what the inputs allow, and say what was left out.
                        progress("%s: skipped, no %s extract loaded", stage.name(), String.join(", ", absent));
                        skipped.add(stage.name() + " (no " + String.join(", ", absent) + ")");
                        continue;
                    }
                    Map<String, Long> inputs = new TreeMap<>(current);
                    inputs.keySet().retainAll(stage.inputs());
                    boolean stale = !inputs.equals(recorded.get(stage.name())) || !run.catalog.exists(stage.table());
                    if (!stale) {
                        progress("%s: up to date (inputs unchanged)", stage.name());
                        continue;
                    }
                    progress("%s: started", stage.name());
                    long start = System.nanoTime();
                    Outcome outcome;
                    try (ProgressTicker ticker = ProgressTicker.start(run.spark, stage.name(), () -> "", ProgressTicker.SECONDS,
                            System.out)) {
                        outcome = stage.job().apply(run);
                    }
                    outcome.notes().forEach(n -> progress("%s: %s", stage.name(), n));
                    Map<String, Long> written = outcome.tableVersions();
                    versions.putAll(written);
                    ledger.record(stage.name(), inputs, run.refreshId);
                    long rows = written.entrySet().stream().mapToLong(e -> run.catalog.rowsWritten(e.getKey(), e.getValue())).sum();
                    progress("%s: done, %d table(s), %d row(s) written, %.0f s", stage.name(), written.size(), rows,
                            (System.nanoTime() - start) / 1e9);
                    afterStep.accept(stage.name());
                }
            } finally {
                run.firstTumours.close(); // kept for the stages only
            }
            // A refresh killed during its maintenance left a note: this run finishes it, maintenance and run record.
            Optional<PendingMaintenance> unfinished = PendingMaintenance.read(run.lock(), run.settings.database());
            if (!versions.isEmpty() || unfinished.isPresent()) { // a no-op run writes nothing, not even a compaction
                long start = System.nanoTime();
                // Also the two ledgers, which gain a small commit every run.
                Set<String> tables = new java.util.TreeSet<>(versions.keySet());
                unfinished.ifPresent(u -> tables.addAll(u.versions().keySet()));
                tables.addAll(List.of(RegistryTables.STATISTIC_INPUTS.name(), RegistryTables.REFRESH_RUNS.name()));
                new PendingMaintenance(run.refreshId, run.started, versions).write(run.lock(), run.settings.database());
                afterStep.accept("maintenance-pending");
                TableMaintenance.Result maintained;
                try (ProgressTicker ticker = ProgressTicker.start(run.spark, "maintenance", () -> "", ProgressTicker.SECONDS,
                        System.out)) {
                    maintained = new TableMaintenance(run.spark, run.catalog).run(tables, maintenance, true);
                }
                // A compaction or vacuum commits a new version; the other tables are where their jobs left them.
                maintained.tables().stream().filter(t -> (t.optimized() || t.vacuumed()) && versions.containsKey(t.table()))
                        .forEach(t -> versions.put(t.table(), run.catalog.version(t.table())));
                progress("maintenance: %d table(s) compacted, %d vacuumed, %.0f s",
                        maintained.tables().stream().filter(TableMaintenance.TableResult::optimized).count(),
                        maintained.tables().stream().filter(TableMaintenance.TableResult::vacuumed).count(),
                        (System.nanoTime() - start) / 1e9);
                unfinished.ifPresent(u -> {
                    Map<String, Long> after = new TreeMap<>(u.versions());
                    after.replaceAll((table, version) -> run.catalog.version(table));
                    RefreshRuns.record(run.catalog, u.refreshId(), "refresh", u.started(), "succeeded",
                            "interrupted during its maintenance; maintenance and this record completed by " + run.refreshId,
                            List.of(), after);
                    progress("completed the maintenance and the run record of %s, interrupted during its maintenance",
                            u.refreshId());
                });
            }
            progress("finished in %.0f s, driver heap peak %d MiB", (System.nanoTime() - runStart) / 1e9, DriverHeap.peakMiB());
            String outcome = versions.isEmpty() && unfinished.isEmpty() ? "no-op" : "succeeded";
            List<String> said = new java.util.ArrayList<>();
            if (!skipped.isEmpty()) {
                said.add("skipped: " + String.join(", ", skipped));
            }
            unfinished.ifPresent(u -> said.add("completed the maintenance of " + u.refreshId()));
            String message = String.join("; ", said);
            run.record("refresh", outcome, message, files, versions);
            PendingMaintenance.clear(run.lock(), run.settings.database());
            System.out.println("refresh " + run.refreshId + ": " + outcome + (message.isEmpty() ? "" : " (" + message + ")")
                    + "; tables in database " + run.settings.database() + " (warehouse " + run.settings.warehouseDir() + ")");
            System.out.println("try: jobs/cancerstats sql \"SELECT period, sex, site, round(asr, 1) AS asr_world "
                    + "FROM incidence_rates WHERE standard = 'world_segi_1960' AND region = 'national' AND age_range = 'all' "
                    + "AND education = 'all' AND period_type = 'period' AND site = 'all_but_nmsc' ORDER BY period, sex\"");
            return 0;
        } catch (RuntimeException e) {
            run.record("refresh", "failed", Main.oneLine(e), files, versions);
            throw e;
        }
    }
}
