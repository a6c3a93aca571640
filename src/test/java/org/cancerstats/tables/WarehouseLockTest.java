package org.cancerstats.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseLockTest {

    private static String lockText(String host, long pid) {
        return "run_id=old-run\ncommand=refresh\nhost=" + host + "\npid=" + pid + "\nprocess_start=\nsince=2026-11-30T02:15:00Z\n";
    }

    @Test
    void aSecondHolderIsRefusedNamingTheFirstUntilItIsReleased(@TempDir Path dir) {
        try (WarehouseLock first = WarehouseLock.acquire(dir.toString(), "run-1", "refresh")) {
            assertThat(dir.resolve(WarehouseLock.FILE)).exists();
            assertThatThrownBy(() -> WarehouseLock.acquire(dir.toString(), "run-2", "ingest"))
                    .isInstanceOf(WarehouseLock.HeldException.class)
                    .hasMessageContaining("in use by refresh run-1").hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageNotContaining("remove");
            assertThat(WarehouseLock.liveHolder(dir.toString())).map(WarehouseLock.Holder::runId).contains("run-1");
        }
        assertThat(dir.resolve(WarehouseLock.FILE)).doesNotExist();
        try (WarehouseLock again = WarehouseLock.acquire(dir.toString(), "run-3", "refresh")) {
            assertThat(again.holder().runId()).isEqualTo("run-3");
        }
    }

    @Test
    void theLockOfAProcessThatIsGoneIsTakenOver(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(WarehouseLock.FILE), lockText(InetAddress.getLocalHost().getHostName(), gone.pid()));
        assertThat(WarehouseLock.liveHolder(dir.toString())).isEmpty();
        try (WarehouseLock taken = WarehouseLock.acquire(dir.toString(), "run-4", "refresh")) {
            assertThat(Files.readString(dir.resolve(WarehouseLock.FILE))).contains("run_id=run-4");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("no stale copy left").isEmpty();
        }
    }

    @Test
    void aLockHeldFromAnotherHostIsNeverTakenOverAndTheMessageSaysWhatToRemove(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(WarehouseLock.FILE), lockText("another-host.example", 1));
        assertThatThrownBy(() -> WarehouseLock.acquire(dir.toString(), "run-5", "refresh"))
                .hasMessageContaining("in use by refresh old-run on host another-host.example")
                .hasMessageContaining("remove " + dir.resolve(WarehouseLock.FILE));
    }

    @Test
    void notesOutliveTheHolderForTheNextRun(@TempDir Path dir) {
        try (WarehouseLock lock = WarehouseLock.acquire(dir.toString(), "run-6", "refresh")) {
            new PendingMaintenance("run-6", java.time.Instant.parse("2026-12-01T02:15:00Z"), java.util.Map.of("survival", 7L))
                    .write(lock, "cancer_registry");
        }
        try (WarehouseLock lock = WarehouseLock.acquire(dir.toString(), "run-7", "refresh")) {
            assertThat(PendingMaintenance.read(lock, "cancer_registry")).hasValueSatisfying(p -> {
                assertThat(p.refreshId()).isEqualTo("run-6");
                assertThat(p.versions()).containsEntry("survival", 7L);
            });
            assertThat(PendingMaintenance.read(lock, "another_database")).isEmpty();
            PendingMaintenance.clear(lock, "cancer_registry");
            assertThat(PendingMaintenance.read(lock, "cancer_registry")).isEmpty();
        }
    }
}
