package org.cancerstats.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One release as an outsider sees it: its {@code manifest.json} and its {@code csv/<table>.csv} files (the report reads
 * nothing else, so it can show only what the release publishes). A folder without a manifest is a release a publish
 * did not finish, and is not one.
 */
public final class ReleaseFolder {

    static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Map<String, Object> manifest;

    private ReleaseFolder(Path folder, Map<String, Object> manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /**
     * The release named, or with {@code release} null the latest one (by the manifest's {@code created} time).
     *
     * @throws IllegalArgumentException when the folder holds no such release (the message lists those it holds)
     */
    public static ReleaseFolder open(Path releasesDir, String release) {
        List<ReleaseFolder> all = all(releasesDir);
        if (release == null) {
            return all.stream().max(Comparator.comparing(ReleaseFolder::created)).orElseThrow(() ->
                    new IllegalArgumentException("no release under " + releasesDir + ": run cancerstats publish first"));
        }
        return all.stream().filter(r -> r.release().equals(release)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no release '" + release + "' under " + releasesDir + "; it holds "
                        + all.stream().map(ReleaseFolder::release).toList()));
    }

    /** Every finished release of the folder (none when it does not exist). */
    static List<ReleaseFolder> all(Path releasesDir) {
        if (!Files.isDirectory(releasesDir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(releasesDir)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(MANIFEST))).sorted().map(ReleaseFolder::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + releasesDir, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ReleaseFolder read(Path folder) {
        try {
            return new ReleaseFolder(folder, JSON.readValue(folder.resolve(MANIFEST).toFile(), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(MANIFEST), e);
        }
    }

    public Path folder() {
        return folder;
    }

    public String release() {
        return String.valueOf(manifest.get("release"));
    }

    public String created() {
        return String.valueOf(manifest.get("created"));
    }

    /** The rule entry of the manifest: {@code name} and its parameters. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> rule() {
        Object rule = manifest.get("rule");
        return rule instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("name", String.valueOf(rule));
    }

    /** The Delta versions of the registry tables the release was made from. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> inputs() {
        Object inputs = manifest.get("inputs");
        return inputs instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The tables left out of the release, with the reason the manifest gives. */
    public Map<String, String> withheld() {
        Map<String, String> out = new LinkedHashMap<>();
        if (manifest.get("withheld_tables") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    public boolean has(String table) {
        return manifest.get("tables") instanceof Map<?, ?> m && m.containsKey(table) && Files.isRegularFile(csv(table));
    }

    Path csv(String table) {
        return folder.resolve("csv").resolve(table + ".csv");
    }

    /** Streams the rows of a published table (nothing when the release does not have it), by column name. */
    public void rows(String table, Consumer<CsvRow> row) {
        if (!has(table)) {
            return;
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setEscape('\\').build();
        try (Reader in = Files.newBufferedReader(csv(table), StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            for (CSVRecord r : parser) {
                row.accept(new CsvRow(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv(table), e);
        }
    }

    /** One row of a release's CSV file: an empty field is null. */
    public static final class CsvRow {
        private final CSVRecord record;

        CsvRow(CSVRecord record) {
            this.record = record;
        }

        public boolean has(String column) {
            return record.isMapped(column);
        }

        /** The field, null when empty or when the file has no such column (a release of an older version). */
        public String text(String column) {
            if (!record.isMapped(column)) {
                return null;
            }
            String v = record.get(column);
            return v == null || v.isEmpty() ? null : v;
        }

        public boolean is(String column, String value) {
            return value.equals(record.get(column));
        }

        public Double number(String column) {
            String v = text(column);
            return v == null ? null : Double.valueOf(v);
        }

        public Integer integer(String column) {
            String v = text(column);
            return v == null ? null : Integer.valueOf(v);
        }
    }
}
