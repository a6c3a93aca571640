package org.cancerstats.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cancerstats.ingest.FileReport;

/** The per-extract table a data engineer reads at the end of ingest. */
public final class IngestSummary {

    private IngestSummary() {
    }

    public static void print(PrintStream out, List<FileReport> reports) {
        Map<String, long[]> byExtract = new LinkedHashMap<>();
        for (FileReport r : reports) {
            long[] t = byExtract.computeIfAbsent(r.extract().tableName(), k -> new long[7]);
            t[0]++;
            t[1] += r.read();
            t[2] += r.accepted();
            t[3] += r.quarantined();
            t[4] += r.withWarnings();
            t[5] += r.status() == FileReport.Status.UNCHANGED ? 1 : 0;
            t[6] += r.status() == FileReport.Status.REJECTED ? 1 : 0;
        }
        String format = "%-21s %5s %10s %10s %11s %9s %9s %8s%n";
        out.printf(format, "extract", "files", "read", "accepted", "quarantined", "warnings", "unchanged", "rejected");
        for (Map.Entry<String, long[]> e : byExtract.entrySet()) {
            long[] t = e.getValue();
            out.printf(format, e.getKey(), t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
        }
        for (FileReport r : reports) {
            if (r.status() == FileReport.Status.REJECTED) {
                out.println("REJECTED " + r.message());
            } else if (!r.message().isEmpty()) {
                out.println("NOTE " + r.file() + ": " + r.message());
            }
        }
    }
}
