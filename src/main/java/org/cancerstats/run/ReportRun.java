package org.cancerstats.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.cancerstats.config.Settings;
import org.cancerstats.report.ReportJob;

/** The report's options from the settings, and the line a run prints of it. */
public final class ReportRun {

    private ReportRun() {
    }

    /** @param release the release, or null for the latest */
    public static ReportJob.Options options(Settings settings, ReferenceData reference, String release) {
        var r = settings.report();
        return new ReportJob.Options(localFolder(settings.releasesDir()), release, reference.sites(), r.standard(), r.locale());
    }

    /** Whether the releases folder is on the local file system, where a report can be opened. */
    public static boolean local(Settings settings) {
        String location = settings.releasesDir();
        return location.startsWith("file:") || !location.contains("://");
    }

    /** The releases folder as a local path: a report is opened from the file system, so it is written on one. */
    static Path localFolder(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        if (location.contains("://")) {
            throw new IllegalArgumentException("the report is written on the local file system, and the releases folder is "
                    + location + ": set cancerstats.publish.releases-dir to a local folder to report its releases");
        }
        return Path.of(location);
    }

    /** The index page of the latest release's report, when there is one. */
    public static Optional<Path> latestIndex(Settings settings) {
        return ReportJob.index(localFolder(settings.releasesDir()), null);
    }

    public static String summary(ReportJob.Result r) {
        return String.format(Locale.ROOT, "report of %s: %d page(s), %d chart(s), largest %s %.0f KiB, %.1f s; open %s",
                r.release(), r.pages(), r.charts(), r.largestPage(), r.largestBytes() / 1024.0, r.seconds(), r.index().toUri());
    }
}
