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
        return !hidden(n) && (n.endsWith(".csv") || n.endsWith(".txt") || n.endsWith(".parquet") || n.endsWith(".csv.gz")
                || n.endsWith(".txt.gz"));
    }

    /** A system file (.DS_Store, _SUCCESS, a Spark or editor temporary), never a delivery and never reported. */
    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /**
     * A file under the landing folder that is not loaded, and why.
     *
     * @param name   the path relative to the landing folder
     * @param reason what to change for it to load
     */
    public record NotLoaded(String name, String reason) {
    }

    /**
     * Every file under {@code root} that {@link #scan} does not deliver, with the reason: a folder named for no extract
     * (a misspelt {@code incidense/}), a sub-folder of an extract folder, a file type that is not a delivery, a file
     * outside the extract folders. So no file is skipped without a word. System files (a name starting with a dot or
     * an underscore) are left out.
     */
    public static List<NotLoaded> notLoaded(Configuration hadoop, String root) {
        Path top = new Path(root);
        List<String> extracts = ORDER.stream().map(Extract::tableName).toList();
        List<NotLoaded> out = new ArrayList<>();
        try {
            FileSystem fs = top.getFileSystem(hadoop);
            if (!fs.exists(top)) {
                return out;
            }
            for (FileStatus entry : fs.listStatus(top)) {
                String name = entry.getPath().getName();
                if (hidden(name)) {
                    continue;
                }
                if (entry.isFile()) {
                    out.add(new NotLoaded(name, "not in an extract folder; put it in one of " + extracts));
                } else if (!extracts.contains(name)) {
                    for (String file : files(fs, entry.getPath(), name)) {
                        out.add(new NotLoaded(file, "no extract is called '" + name + "'; the extract folders are " + extracts));
                    }
                } else {
                    for (FileStatus inner : fs.listStatus(entry.getPath())) {
                        String innerName = inner.getPath().getName();
                        if (hidden(innerName)) {
                            continue;
                        }
                        if (inner.isDirectory()) {
                            for (String file : files(fs, inner.getPath(), name + "/" + innerName)) {
                                out.add(new NotLoaded(file, "in a sub-folder; deliveries lie directly in " + name + "/"));
                            }
                        } else if (!isDelivery(innerName)) {
                            out.add(new NotLoaded(name + "/" + innerName, "not a delivery file type; deliver .csv, .txt, "
                                    + ".csv.gz, .txt.gz or .parquet"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list landing folder " + top, e);
        }
        out.sort(Comparator.comparing(NotLoaded::name));
        return out;
    }

    /** The files under {@code folder}, at any depth, named relative to the landing folder. */
    private static List<String> files(FileSystem fs, Path folder, String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus entry : fs.listStatus(folder)) {
            String name = entry.getPath().getName();
            if (hidden(name)) {
                continue;
            }
            if (entry.isDirectory()) {
                out.addAll(files(fs, entry.getPath(), prefix + "/" + name));
            } else {
                out.add(prefix + "/" + name);
            }
        }
        return out;
    }
}
