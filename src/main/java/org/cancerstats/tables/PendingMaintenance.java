package org.cancerstats.tables;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a refresh is about to maintain, left in the warehouse (a note of {@link WarehouseLock}) before its maintenance
 * starts and removed after its run record: a refresh killed in between leaves it, and the next refresh maintains
 * those tables and writes the killed run's record, so that no run stays unfinished.
 *
 * @param refreshId the run that wrote the tables
 * @param started   when it started
 * @param versions  the tables it wrote and their Delta versions
 */
public record PendingMaintenance(String refreshId, Instant started, Map<String, Long> versions) {

    private static final String NOTE = "maintenance-pending";

    public PendingMaintenance {
        versions = Map.copyOf(versions);
    }

    /** One note per catalog database: several databases may share a warehouse. */
    private static String note(String database) {
        return NOTE + "." + database;
    }

    public void write(WarehouseLock lock, String database) {
        StringBuilder text = new StringBuilder("refresh_id=" + refreshId + "\nstarted=" + started + "\n");
        new TreeMap<>(versions).forEach((table, version) -> text.append("table.").append(table).append('=').append(version).append('\n'));
        RegistryCatalog.committing("write maintenance note");
        lock.writeNote(note(database), text.toString());
    }

    /** The note a killed refresh left, if any. */
    public static Optional<PendingMaintenance> read(WarehouseLock lock, String database) {
        return lock.readNote(note(database)).map(PendingMaintenance::parse);
    }

    public static void clear(WarehouseLock lock, String database) {
        RegistryCatalog.committing("clear maintenance note");
        lock.deleteNote(note(database));
    }

    static PendingMaintenance parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> versions = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("table.")) {
                versions.put(key.substring("table.".length()), Long.parseLong(p.getProperty(key).trim()));
            }
        }
        return new PendingMaintenance(p.getProperty("refresh_id", "?"), Instant.parse(p.getProperty("started")), versions);
    }
}
