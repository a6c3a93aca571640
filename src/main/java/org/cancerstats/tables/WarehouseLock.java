package org.cancerstats.tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer at a time per warehouse: a lock file {@code _cancerstats.lock} in the warehouse folder, created
 * atomically (create-if-absent, which local disks and HDFS make atomic) before Spark starts, holding the holder's run
 * id, command, host, process id and start time, and deleted when the run ends. It works with any metastore, since it
 * lives on the warehouse's own file system.
 *
 * <p>A second run finds the file and refuses at once with one line naming the holder. A lock whose holder is provably
 * gone (same host, and no live process with its id and start time: a run killed with {@code kill -9}) is taken over;
 * a lock held from another host is never taken over, since this host cannot tell whether that run still lives: the
 * message says which file to remove once it is known to be gone.
 */
public final class WarehouseLock implements AutoCloseable {

    static final String FILE = "_cancerstats.lock";
    private static final String NOTE = "_cancerstats.";

    /** Who holds the lock. */
    public record Holder(String runId, String command, String host, long pid, String processStart, String since) {

        String text() {
            return "run_id=" + runId + "\ncommand=" + command + "\nhost=" + host + "\npid=" + pid + "\nprocess_start="
                    + processStart + "\nsince=" + since + "\n";
        }

        static Holder parse(String text) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long pid;
            try {
                pid = Long.parseLong(p.getProperty("pid", "-1").trim());
            } catch (NumberFormatException e) {
                pid = -1;
            }
            return new Holder(p.getProperty("run_id", "?"), p.getProperty("command", "?"), p.getProperty("host", "?"), pid,
                    p.getProperty("process_start", ""), p.getProperty("since", "?"));
        }

        /** "refresh 20261201T020000Z on host h (pid 123) since 2026-12-01T02:00:00Z". */
        public String describe() {
            return command + " " + runId + " on host " + host + " (pid " + pid + ") since " + since;
        }
    }

    /** The warehouse is locked by a run that may still be going. */
    public static final class HeldException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    private final Store store;
    private final Holder holder;
    private final Thread hook;
    private boolean released;

    private WarehouseLock(Store store, Holder holder) {
        this.store = store;
        this.holder = holder;
        this.hook = new Thread(this::release, "cancerstats-lock-release");
        Runtime.getRuntime().addShutdownHook(hook); // SIGTERM, Ctrl-C; kill -9 leaves a stale lock the next run takes over
    }

    /**
     * Takes the lock of {@code warehouseDir} for this process.
     *
     * @throws HeldException when another live run holds it, naming that run
     */
    public static WarehouseLock acquire(String warehouseDir, String runId, String command) {
        Store store = Store.of(warehouseDir);
        try {
            Holder me = new Holder(runId, command, host(), ProcessHandle.current().pid(), processStart(ProcessHandle.current()),
                    Instant.now().toString());
            for (int attempt = 0; attempt < 3; attempt++) {
                if (store.create(FILE, me.text())) {
                    return new WarehouseLock(store, me);
                }
                Optional<String> text = store.read(FILE);
                if (text.isEmpty()) {
                    continue; // released in between: try again
                }
                Holder other = Holder.parse(text.get());
                if (!provablyGone(other)) {
                    throw new HeldException("the warehouse is in use by " + other.describe() + ": wait for it to finish"
                            + (other.host().equals(me.host()) ? "" : "; if that run is known to be gone, remove "
                            + store.where(FILE)));
                }
                // Moved aside (a rename, which only one contender makes of one file), then checked to be the stale
                // lock that was read, not a fresh one another contender made meanwhile, which goes back.
                String aside = FILE + ".stale-" + runId;
                if (store.rename(FILE, aside)) {
                    Optional<String> moved = store.read(aside);
                    if (moved.isPresent() && !moved.get().equals(text.get())) {
                        store.rename(aside, FILE);
                    } else {
                        store.delete(aside);
                    }
                }
            }
            throw new HeldException("could not take the warehouse lock " + store.where(FILE) + " after three attempts; "
                    + "another run is starting at the same time");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the warehouse lock in " + warehouseDir, e);
        }
    }

    public Holder holder() {
        return holder;
    }

    /**
     * Leaves a note in the warehouse beside the lock, for the next run to read if this one is killed (a refresh's
     * pending maintenance); replaces a note of that name.
     */
    public void writeNote(String name, String text) {
        try {
            store.delete(NOTE + name);
            store.create(NOTE + name, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + store.where(NOTE + name), e);
        }
    }

    /** The note of that name a run left, if any. */
    public Optional<String> readNote(String name) {
        try {
            return store.read(NOTE + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.where(NOTE + name), e);
        }
    }

    public void deleteNote(String name) {
        try {
            store.delete(NOTE + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + store.where(NOTE + name), e);
        }
    }

    /** The live holder of the lock of {@code warehouseDir}, if any (for readers that cannot share an embedded metastore). */
    public static Optional<Holder> liveHolder(String warehouseDir) {
        try {
            return Store.of(warehouseDir).read(FILE).map(Holder::parse).filter(h -> !provablyGone(h));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Same host, and no live process with the holder's id and start time. */
    static boolean provablyGone(Holder h) {
        if (!h.host().equals(host()) || h.pid() < 0) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(h.pid());
        return process.isEmpty() || !process.get().isAlive()
                || (!h.processStart().isEmpty() && !h.processStart().equals(processStart(process.get())));
    }

    private static String processStart(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            Optional<String> text = store.read(FILE);
            if (text.isPresent() && Holder.parse(text.get()).runId().equals(holder.runId())) {
                store.delete(FILE);
            }
        } catch (IOException e) {
            // The next run finds a stale lock of a process that is gone and takes it over.
        }
    }

    /**
     * Where the lock lives: a local folder, where create-if-absent and rename are atomic system calls (Hadoop's local
     * file system checks and then creates, which two runs can pass at once), or any other Hadoop file system (HDFS
     * makes both atomic).
     */
    private interface Store {
        boolean create(String name, String text) throws IOException;

        Optional<String> read(String name) throws IOException;

        boolean rename(String from, String to) throws IOException;

        void delete(String name) throws IOException;

        String where(String name);

        static Store of(String warehouseDir) {
            try {
                if (!warehouseDir.contains("://") || warehouseDir.startsWith("file:")) {
                    java.nio.file.Path dir = warehouseDir.startsWith("file:") ? java.nio.file.Path.of(URI.create(warehouseDir))
                            : java.nio.file.Path.of(warehouseDir).toAbsolutePath();
                    java.nio.file.Files.createDirectories(dir);
                    return new LocalStore(dir);
                }
                URI uri = URI.create(warehouseDir);
                FileSystem fs = FileSystem.get(uri, new Configuration());
                fs.mkdirs(new Path(uri));
                return new HadoopStore(fs, new Path(uri));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the warehouse " + warehouseDir + " for its lock", e);
            }
        }
    }

    private record LocalStore(java.nio.file.Path dir) implements Store {
        @Override
        public boolean create(String name, String text) throws IOException {
            // Written whole under a name of this process's, then linked to its name (a link, unlike a rename, fails
            // when the name exists): another process never reads a lock that is there but still empty.
            java.nio.file.Path whole = dir.resolve(name + ".new-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            java.nio.file.Files.writeString(whole, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            try {
                java.nio.file.Files.createLink(dir.resolve(name), whole);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                return createInPlace(dir.resolve(name), text); // a file system without links
            } finally {
                java.nio.file.Files.delete(whole);
            }
        }

        private static boolean createInPlace(java.nio.file.Path file, String text) throws IOException {
            try {
                java.nio.file.Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }

        @Override
        public Optional<String> read(String name) throws IOException {
            try {
                return Optional.of(java.nio.file.Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            } catch (java.nio.file.NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean rename(String from, String to) throws IOException {
            try {
                java.nio.file.Files.move(dir.resolve(from), dir.resolve(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (java.nio.file.NoSuchFileException e) {
                return false;
            }
        }

        @Override
        public void delete(String name) throws IOException {
            java.nio.file.Files.deleteIfExists(dir.resolve(name));
        }

        @Override
        public String where(String name) {
            return dir.resolve(name).toString();
        }
    }

    private record HadoopStore(FileSystem fs, Path dir) implements Store {
        @Override
        public boolean create(String name, String text) throws IOException {
            try (OutputStream out = fs.create(new Path(dir, name), false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                return false;
            }
        }

        @Override
        public Optional<String> read(String name) throws IOException {
            try (InputStream in = fs.open(new Path(dir, name))) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.FileNotFoundException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean rename(String from, String to) throws IOException {
            return fs.rename(new Path(dir, from), new Path(dir, to));
        }

        @Override
        public void delete(String name) throws IOException {
            fs.delete(new Path(dir, name), false);
        }

        @Override
        public String where(String name) {
            return new Path(dir, name).toString();
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook runs release, which has run
        }
    }
}
