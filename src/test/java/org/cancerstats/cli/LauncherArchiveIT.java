package org.cancerstats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The launcher's class archive ({@code CANCERSTATS_CDS_DIR}): the first run writes it as it exits and still reads its
 * standard input (the sql shell's statements) and keeps the four newest archives, later runs map it, and neither
 * says anything about it. Runs the launcher, so after {@code package} (failsafe).
 */
class LauncherArchiveIT {

    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path WORK = HOME.resolve("target/it-launcher");

    @Test
    void theFirstRunWritesTheArchiveWholeAndTheNextUsesIt() throws IOException, InterruptedException {
        org.apache.commons.io.FileUtils.deleteDirectory(WORK.toFile());
        Path archives = WORK.resolve("cds");
        List<String> sql = List.of("jobs/cancerstats", "sql", "--warehouse", WORK.resolve("warehouse/tables").toString());

        // four archives left by earlier class paths, the oldest first: the new one replaces the oldest of them
        Files.createDirectories(archives);
        List<String> earlier = List.of("cancerstats-0000000000000001.jsa", "cancerstats-0000000000000002.jsa",
                "cancerstats-0000000000000003.jsa", "cancerstats-0000000000000004.jsa");
        for (int i = 0; i < earlier.size(); i++) {
            Path old = Files.writeString(archives.resolve(earlier.get(i)), "an earlier archive");
            Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - (10 - i) * 60_000L));
        }

        String first = run(sql, archives, "SELECT 41 + 1 AS answer;\n");
        assertThat(first).as("the shell read its statement from standard input").contains("answer").contains("42");
        List<String> kept = names(archives);
        assertThat(kept).as("the four newest archives").hasSize(4).doesNotContain(earlier.get(0))
                .containsAll(earlier.subList(1, 4));
        List<String> written = kept.stream().filter(f -> !earlier.contains(f)).toList();
        assertThat(written).as("one archive, renamed from its partial name").hasSize(1)
                .allMatch(f -> f.matches("cancerstats-[0-9a-f]{16}\\.jsa"));

        List<String> statement = new ArrayList<>(sql);
        statement.add("SELECT 6 * 7 AS answer");
        String second = run(statement, archives, "");
        assertThat(second).contains("42");
        assertThat(names(archives)).as("the second run used the first's archive").isEqualTo(kept);
        assertThat(first + second).doesNotContain("[cds").doesNotContain("shared archive").doesNotContain("[warning]");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs the launcher with its archives in {@code archives} and {@code input} on standard input; fails when it fails. */
    private static String run(List<String> command, Path archives, String input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().put("CANCERSTATS_CDS_DIR", archives.toString());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 5 minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
