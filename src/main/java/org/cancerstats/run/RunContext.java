package org.cancerstats.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.ComorbiditySettings;
import org.cancerstats.config.PrevalenceSettings;
import org.cancerstats.config.ProjectionsSettings;
import org.cancerstats.config.Settings;
import org.cancerstats.config.SurvivalSettings;
import org.cancerstats.core.stats.Nordpred;
import org.cancerstats.core.stats.PoissonGlm;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.publish.PublishJob;
import org.cancerstats.spark.RegistrySpark;
import org.cancerstats.statistics.ComorbidityJob;
import org.cancerstats.statistics.ComparisonsJob;
import org.cancerstats.statistics.FirstTumours;
import org.cancerstats.statistics.PrevalenceJob;
import org.cancerstats.statistics.ProjectionsJob;
import org.cancerstats.statistics.RatesJob;
import org.cancerstats.statistics.SurvivalJob;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.TableMaintenance;
import org.cancerstats.tables.WarehouseLock;

/**
 * What one command run has: settings, the warehouse lock, session, catalog, its refresh id, the reference data; and
 * how it records itself in the run ledger. The lock is taken before Spark starts, so a second run is refused at once
 * ({@link WarehouseLock}); {@link #close()} releases it. The jobs' options are made here from the typed settings.
 */
public final class RunContext implements AutoCloseable {

    public final Settings settings;
    public final SparkSession spark;
    public final RegistryCatalog catalog;
    public final Instant started = Instant.now();
    public final String refreshId = RefreshRuns.newId(started);
    public final ReferenceData reference;
    /** Shared by the statistics the run computes; released by the refresh after its stages. */
    private final FirstTumours firstTumours = new FirstTumours();

    private final WarehouseLock lock;

    /** @param command the subcommand, named in the lock for a run that finds it held */
    public RunContext(Settings settings, String command) {
        this.settings = settings;
        this.reference = new ReferenceData(settings.reference());
        this.lock = WarehouseLock.acquire(settings.warehouseDir(), refreshId, command);
        try {
            this.spark = RegistrySpark.session(settings);
            this.catalog = new RegistryCatalog(spark, settings.database());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    WarehouseLock lock() {
        return lock;
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Appends this run's row to {@code refresh_runs}. */
    public void record(String command, String outcome, String message, List<FileReport> files, Map<String, Long> versions) {
        RefreshRuns.record(catalog, refreshId, command, started, outcome, message, files, versions);
    }

    /**
     * Labels the Spark jobs this thread submits from now on with the stage, so that the Spark UI and the event log
     * name it.
     */
    public void label(String stage, String description) {
        spark.sparkContext().setJobGroup("cancerstats " + stage, description + " (" + refreshId + ")", false);
    }

    /**
     * Runs one job as a command's whole run: its Spark jobs labelled, a progress line every 10 s to {@code out}, and
     * the run recorded in {@code refresh_runs} as succeeded (with the versions {@code versionsOf} the result gives) or
     * failed (the exception is rethrown after).
     */
    public <T> T recorded(String command, java.io.PrintStream out, java.util.function.Function<T, Map<String, Long>> versionsOf,
                          java.util.function.Supplier<T> job) {
        label(command, command);
        try {
            T result;
            try (org.cancerstats.spark.ProgressTicker ticker = org.cancerstats.spark.ProgressTicker.start(spark, command,
                    () -> "", org.cancerstats.spark.ProgressTicker.SECONDS, out)) {
                result = job.get();
            }
            record(command, "succeeded", "", List.of(), versionsOf.apply(result));
            return result;
        } catch (RuntimeException e) {
            record(command, "failed", RefreshRuns.oneLine(e), List.of(), Map.of());
            throw e;
        }
    }

    public PrevalenceJob.Options prevalenceOptions() {
        PrevalenceSettings p = settings.prevalence();
        return new PrevalenceJob.Options(refreshId, reference.sites(), reference.standard(PrevalenceSettings.STANDARD, p.standard()),
                p.indexDate(), p.indexYears(), p.registryStart(), p.completeCoverageYears());
    }

    public ComorbidityJob.Options comorbidityOptions() {
        ComorbiditySettings c = settings.comorbidity();
        return new ComorbidityJob.Options(refreshId, reference.sites(),
                reference.standard(ComorbiditySettings.STANDARD, c.standard()), c.lookbackYears(), c.periodYears(),
                c.periods(), settings.rates().confidence());
    }

    public TableMaintenance.Options maintenanceOptions() {
        var m = settings.maintenance();
        return new TableMaintenance.Options(m.optimizeMinFiles(), m.vacuum(), m.vacuumRetentionHours());
    }

    public SurvivalJob.Options survivalOptions() {
        SurvivalSettings s = settings.survival();
        return new SurvivalJob.Options(refreshId, reference.sites(), reference.icss(), s.periodYears(), s.years(), s.horizons(),
                s.maxAge(), settings.rates().confidence(), s.minPatientsPerAgeBand(), s.minPatients(), s.byRegion(),
                s.byStage(), s.cohorts(), s.periodWindow(), s.intervalTransform());
    }

    public ProjectionsJob.Options projectionOptions() {
        ProjectionsSettings p = settings.projections();
        Nordpred.Settings model = new Nordpred.Settings(p.startEstimateAge(), p.startUseAge(), p.candidatePeriods(),
                p.cuttrend(), p.link().equals("poisson") ? PoissonGlm.Link.LOG : PoissonGlm.Link.POWER5, null);
        return new ProjectionsJob.Options(refreshId, reference.standards(), p.periods(), model, p.minCases(), p.byRegion(),
                p.scenario());
    }

    /** The comparisons use the rates' periods and confidence level. */
    public ComparisonsJob.Options comparisonOptions() {
        return new ComparisonsJob.Options(refreshId, settings.rates().confidence(), settings.rates().periodYears(),
                settings.comparisons().unknownEducationLimit());
    }

    /** @param release the release name, or null for one made from the content */
    public PublishJob.Options publishOptions(String release) {
        var p = settings.publish();
        return new PublishJob.Options(release, p.rule(), settings.publicDatabase(), settings.releasesDir(), refreshId,
                reference.sites());
    }

    public RatesJob.Options rateOptions() {
        return new RatesJob.Options(refreshId, reference.standards(), reference.sites(), settings.rates().truncatedAges(),
                settings.rates().confidence(), settings.rates().periodYears());
    }

    /** The first tumours every statistic of the run shares. */
    public FirstTumours firstTumours() {
        return firstTumours;
    }
}
