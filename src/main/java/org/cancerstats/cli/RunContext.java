package org.cancerstats.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.core.reference.StandardPopulation;
import org.cancerstats.ingest.FileReport;
import org.cancerstats.spark.RegistrySpark;
import org.cancerstats.statistics.ComorbidityJob;
import org.cancerstats.statistics.FirstTumours;
import org.cancerstats.statistics.PrevalenceJob;
import org.cancerstats.statistics.RatesJob;
import org.cancerstats.statistics.SurvivalJob;
import org.cancerstats.tables.TableMaintenance;
import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.tables.RefreshRuns;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.WarehouseLock;

/**
 * What one command run has: settings, the warehouse lock, session, catalog, its refresh id; and how it records
 * itself. The lock is taken before Spark starts, so a second run is refused at once ({@link WarehouseLock}); {@link
 * #close()} releases it.
 */
final class RunContext implements AutoCloseable {

    final Settings settings;
    final SparkSession spark;
    final RegistryCatalog catalog;
    final Instant started = Instant.now();
    final String refreshId = RefreshRuns.newId(started);
    /** Shared by the statistics the run computes; released by {@link #close()}. */
    final FirstTumours firstTumours = new FirstTumours();
    private SiteCatalogue sites;

    private final WarehouseLock lock;

    /** @param command the subcommand, named in the lock for a run that finds it held */
    RunContext(CommonOptions options, String command) {
        this.settings = options.settings();
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

    void record(String command, String outcome, String message, List<FileReport> files, Map<String, Long> versions) {
        RefreshRuns.record(catalog, refreshId, command, started, outcome, message, files, versions);
    }

    /** Read once per run, so that every statistic of the run shares one catalogue (and the first tumours made with it). */
    SiteCatalogue sites() {
        if (sites == null) {
            sites = SiteCatalogue.read(settings.sitesFile(), settings.siteGroupsFile());
        }
        return sites;
    }

    PrevalenceJob.Options prevalenceOptions() {
        return new PrevalenceJob.Options(refreshId, sites(), settings.standard("cancerstats.prevalence.standard"),
                settings.prevalenceIndexDate(), settings.prevalenceIndexYears(), settings.registryStart(),
                settings.completeCoverageYears());
    }

    ComorbidityJob.Options comorbidityOptions() {
        return new ComorbidityJob.Options(refreshId, sites(), settings.standard("cancerstats.comorbidity.standard"),
                settings.comorbidityLookbackYears(), settings.comorbidityPeriodYears(), settings.comorbidityPeriods(),
                settings.confidence());
    }

    TableMaintenance.Options maintenanceOptions() {
        com.typesafe.config.Config c = settings.raw().getConfig("cancerstats.maintenance");
        return new TableMaintenance.Options(c.getInt("optimize-min-files"), c.getBoolean("vacuum"),
                c.getInt("vacuum-retention-hours"));
    }

    SurvivalJob.Options survivalOptions() {
        return new SurvivalJob.Options(refreshId, sites(), IcssWeights.read(settings.icssFile()), settings.survivalPeriodYears(),
                settings.survivalInt("years"), settings.survivalHorizons(), settings.survivalInt("max-age"),
                settings.confidence(), settings.survivalInt("min-patients-per-age-band"), settings.survivalInt("min-patients"),
                settings.survivalBreakdowns().contains("region"), settings.survivalBreakdowns().contains("stage"),
                settings.survivalCohorts(), settings.survivalPeriodWindow(), settings.survivalIntervalTransform());
    }

    RatesJob.Options rateOptions() {
        return new RatesJob.Options(refreshId, StandardPopulation.readAll(settings.standardsDir()),
                sites(), settings.truncatedAges(),
                settings.confidence(), settings.periodYears());
    }
}
