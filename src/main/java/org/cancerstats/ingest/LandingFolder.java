package org.cancerstats.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cancerstats.core.extract.Extract;

/**
 * The landing folder: one sub-folder per extract ({@code incidence/}, {@code population/}, ...), files in it
 * ending in .csv, .txt or .parquet (others, and names starting with '.' or '_', are ignored as work files).
 */
public final class LandingFolder {

    /**
     * Ingest order: reference data first, then tumours, deaths, and follow-up last because its rules check it
     * against the incidence and mortality tables.
     */
    public static final List<Extract> ORDER = List.of(Extract.POPULATION, Extract.POPULATION_PROJECTION, Extract.LIFETABLE,
            Extract.CONDITION_PREVALENCE, Extract.INCIDENCE, Extract.MORTALITY, Extract.FOLLOWUP, Extract.COMORBIDITY);

    private LandingFolder() {
    }

    /** Every delivered file under {@code root}, in {@link #ORDER} and by name within an extract. */
    public static List<LandingFile> scan(Configuration hadoop, String root) {
        List<LandingFile> files = new ArrayList<>();
        for (Extract extract : ORDER) {
            files.addAll(scan(hadoop, root, extract));
        }
        return files;
    }

    /** The delivered files of one extract; none when its folder does not exist. */
    public static List<LandingFile> scan(Configuration hadoop, String root, Extract extract) {
        Path folder = new Path(root, extract.tableName());
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            if (!fs.exists(folder)) {
                return List.of();
            }
            List<LandingFile> files = new ArrayList<>();
            for (FileStatus status : fs.listStatus(folder)) {
                String name = status.getPath().getName();
                if (status.isFile() && isDelivery(name)) {
                    files.add(new LandingFile(extract, status.getPath().toString(), extract.tableName() + "/" + name));
                }
            }
            files.sort(Comparator.comparing(LandingFile::name));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list landing folder " + folder, e);
        }
    }

    static boolean isDelivery(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && !n.startsWith("_")
                && (n.endsWith(".csv") || n.endsWith(".txt") || n.endsWith(".parquet"));
    }
}
