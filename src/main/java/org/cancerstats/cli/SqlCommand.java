package org.cancerstats.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.config.Settings;
import org.cancerstats.spark.RegistrySpark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cancerstats sql}: run a query against the catalog, or open a prompt. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run a SQL query against the catalog and print the result as a table (or CSV).",
                "Without a query, read statements ending in ';' from standard input (an interactive prompt).",
                "The registry database is the current one: SELECT * FROM incidence_rates works."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "SQL statement")
    String query;

    @Option(names = "--csv", description = "Print CSV (header, comma-separated, RFC 4180 quoting) instead of a table.")
    boolean csv;

    @Option(names = "--max-rows", defaultValue = "1000", description = "Rows printed at most (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Override
    public Integer call() throws IOException {
        Settings settings = common.settings();
        SparkSession spark = RegistrySpark.session(settings);
        if (spark.catalog().databaseExists(settings.database())) {
            spark.catalog().setCurrentDatabase(settings.database());
        }
        if (query != null) {
            print(spark.sql(query), System.out);
            return 0;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder statement = new StringBuilder();
        System.out.print("cancerstats> ");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            statement.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String sql = statement.toString().trim();
                statement.setLength(0);
                try {
                    print(spark.sql(sql.substring(0, sql.length() - 1)), System.out);
                } catch (RuntimeException e) {
                    System.out.println("error: " + Main.oneLine(e));
                }
                System.out.print("cancerstats> ");
                System.out.flush();
            }
        }
        System.out.println();
        return 0;
    }

    private void print(Dataset<Row> result, PrintStream out) {
        String[] header = result.columns();
        List<Row> rows = result.limit(maxRows).collectAsList();
        List<String[]> cells = rows.stream().map(r -> IntStream.range(0, r.size())
                .mapToObj(i -> r.isNullAt(i) ? (csv ? "" : "NULL") : String.valueOf(r.get(i))).toArray(String[]::new)).toList();
        if (csv) {
            out.println(String.join(",", header));
            cells.forEach(c -> out.println(Arrays.stream(c).map(SqlCommand::csvField).collect(Collectors.joining(","))));
            return;
        }
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
        out.println(rows.size() + (rows.size() == maxRows ? "+" : "") + " row(s)");
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
