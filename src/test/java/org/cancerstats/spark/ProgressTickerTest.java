package org.cancerstats.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.cancerstats.SharedSpark;
import org.junit.jupiter.api.Test;

class ProgressTickerTest {

    @Test
    void aLongStepSaysItIsMovingAtEveryPeriod() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        AtomicInteger files = new AtomicInteger();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
             ProgressTicker ticker = ProgressTicker.start(SharedSpark.get(), "ingest", () -> files.get() + "/7 files", 1, out)) {
            Thread.sleep(1300);
            files.set(3);
            Thread.sleep(1000);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().filter(l -> l.contains(" ingest: running, ")).count()).isGreaterThanOrEqualTo(2);
        assertThat(printed).containsPattern("\\d\\d:\\d\\d:\\d\\d ingest: running, 1 s, 0/7 files").contains("3/7 files");
        int lines = printed.split("\n").length;
        Thread.sleep(1200);
        assertThat(buffer.toString(StandardCharsets.UTF_8).split("\n")).as("silent once closed").hasSize(lines);
    }
}
