package org.cancerstats.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;
import org.cancerstats.spark.RegistrySpark;
import org.cancerstats.tables.WarehouseLock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cancerstats sql}: run queries against the catalog, from the command line, a file or a prompt. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        header = "Run SQL against the catalog: one query, a file of statements, or a prompt.",
        description = "Run SQL against the catalog and print each result as a table (or CSV). With QUERY, run it; with "
                + "-f FILE, run the file's statements (each ending in ';') in one session; with neither, read "
                + "statements ending in ';' from standard input (a prompt). The registry database is the current "
                + "one: SELECT * FROM incidence_rates works. With --remote sc://HOST:PORT the statements go to a "
                + "running connect-server: seconds instead of a Spark start-up (see docs/querying.md).")
final class SqlCommand implements Callable<Integer> {

    /** Rows a table prints at most unless --max-rows says otherwise; CSV output is complete unless it is given. */
    static final int TABLE_ROWS = 1000;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "SQL statement")
    String query;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Run the statements of FILE, each ending in ';', in one session; stop at the first that fails.")
    Path file;

    @Option(names = "--csv", description = "Print CSV (header, comma-separated, RFC 4180 quoting) instead of a table; "
            + "every row unless --max-rows is given.")
    boolean csv;

    @Option(names = "--max-rows", description = "Rows printed at most (tables: " + TABLE_ROWS + " unless given; CSV: all "
            + "unless given). A result cut short says so.")
    Integer maxRows;

    @Option(names = "--remote", paramLabel = "sc://HOST:PORT",
            description = "Send the statements to a running Spark Connect server (jobs/connect-server.sh) instead of "
                    + "starting Spark here.")
    String remote;

    @Override
    public Integer call() throws IOException {
        if (query != null && file != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "give a QUERY or -f FILE, not both");
        }
        Settings settings = common.settings();
        if (remote == null && settings.metastoreUri().isBlank()) {
            // An embedded metastore opens in one process at a time: say who has it, not Derby's stack trace.
            WarehouseLock.liveHolder(settings.warehouseDir()).ifPresent(h -> {
                throw new IllegalStateException("the catalog is in use by " + h.describe() + "; with the embedded "
                        + "metastore only one process opens it: wait for it" + (h.command().equals("connect-server")
                        ? ", or query through that server with --remote sc://127.0.0.1:15002" : ""));
            });
        }
        SparkSession spark = remote != null ? SparkSession.builder().remote(remote).getOrCreate() : RegistrySpark.session(settings);
        if (spark.catalog().databaseExists(settings.database())) {
            spark.catalog().setCurrentDatabase(settings.database());
        }
        if (query != null) {
            print(spark.sql(query), System.out);
            return 0;
        }
        if (file != null) {
            return runFile(spark);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.print("cancerstats> ");
        System.out.flush();
        for (String sql : statements(in)) {
            try {
                print(spark.sql(sql), System.out);
            } catch (RuntimeException e) {
                System.out.println("error: " + Main.oneLine(e));
            }
            System.out.print("cancerstats> ");
            System.out.flush();
        }
        System.out.println();
        return 0;
    }

    private int runFile(SparkSession spark) throws IOException {
        List<String> all;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            all = new ArrayList<>();
            statements(new BufferedReader(reader)).forEach(all::add);
        }
        for (int i = 0; i < all.size(); i++) {
            try {
                print(spark.sql(all.get(i)), System.out);
            } catch (RuntimeException e) {
                System.err.println("cancerstats: failed: statement " + (i + 1) + " of " + all.size() + " in " + file + ": "
                        + Main.oneLine(e));
                return 1;
            }
        }
        return 0;
    }

    /**
     * The statements of {@code in}: text up to a line ending in ';' (the semicolon dropped); blank statements and
     * lines starting with "--" are skipped. Read lazily, so a prompt answers each statement as it ends.
     */
    static Iterable<String> statements(BufferedReader in) {
        return () -> new Iterator<>() {
            private String next = read();

            private String read() {
                StringBuilder statement = new StringBuilder();
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.trim().startsWith("--")) {
                            continue;
                        }
                        statement.append(line).append('\n');
                        String text = statement.toString().trim();
                        if (line.trim().endsWith(";")) {
                            String sql = text.substring(0, text.length() - 1).trim();
                            if (!sql.isEmpty()) {
                                return sql;
                            }
                            statement.setLength(0);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                String rest = statement.toString().trim();
                return rest.isEmpty() ? null : rest; // a last statement without ';'
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                String out = next;
                next = read();
                return out;
            }
        };
    }

    private void print(Dataset<Row> result, PrintStream out) {
        String[] header = result.columns();
        Integer limit = maxRows != null ? maxRows : csv ? null : Integer.valueOf(TABLE_ROWS);
        // One row more than printed, to know whether the result was cut short.
        Dataset<Row> read = limit == null ? result : result.limit(limit + 1);
        if (csv) {
            out.println(String.join(",", header));
            long printed = 0;
            for (Iterator<Row> it = read.toLocalIterator(); it.hasNext(); printed++) { // streamed: CSV may be millions of rows
                Row r = it.next();
                if (limit != null && printed == limit) {
                    System.err.println("cancerstats: CSV cut at --max-rows " + limit + " rows; leave --max-rows out for every row");
                    break;
                }
                out.println(cells(r).stream().map(SqlCommand::csvField).collect(Collectors.joining(",")));
            }
            return;
        }
        List<Row> rows = read.collectAsList();
        boolean cut = rows.size() > limit;
        if (cut) {
            rows = rows.subList(0, limit);
        }
        List<String[]> cells = rows.stream().map(r -> cells(r).toArray(String[]::new)).toList();
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        String rule = Arrays.stream(width).mapToObj(w -> "-".repeat(w + 2)).collect(Collectors.joining("+", "+", "+"));
        out.println(rule);
        out.println(line(header, width));
        out.println(rule);
        cells.forEach(c -> out.println(line(c, width)));
        out.println(rule);
        out.println(rows.size() + " row(s)" + (cut ? ", cut at " + limit + " (--max-rows N shows more; --csv prints every row)" : ""));
    }

    private List<String> cells(Row r) {
        return IntStream.range(0, r.size()).mapToObj(i -> r.isNullAt(i) ? (csv ? "" : "NULL") : String.valueOf(r.get(i))).toList();
    }

    private static String line(String[] cells, int[] width) {
        return IntStream.range(0, cells.length).mapToObj(i -> " " + cells[i] + " ".repeat(width[i] - cells[i].length() + 1))
                .collect(Collectors.joining("|", "|", "|"));
    }

    static String csvField(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
