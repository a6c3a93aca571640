import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * The rates peer of jobs/peers/rates.sh (issue 20): DuckDB, in process through its JDBC driver.
 *
 * <pre>
 *   java -cp DUCKDB_JAR:CANCERSTATS_JAR RatesDuckDb compute LANDING CONF OUT
 *   java -cp DUCKDB_JAR:CANCERSTATS_JAR RatesDuckDb compare OUT EXPORT
 * </pre>
 *
 * {@code compute} runs jobs/peers/rates.sql on the CSV files under LANDING and the reference tables under CONF,
 * then turns its ASR sums into the Fay-Feuer (1997) interval, lower Gamma^-1(0.025; ASR^2/V, V/ASR) (0 without
 * cases) and upper Gamma^-1(0.975; (ASR+w_M)^2/(V+w_M^2), (V+w_M^2)/(ASR+w_M)), with Commons Statistics (the
 * library the project uses; DuckDB has no inverse gamma), and writes OUT/counts.csv and OUT/rates.csv.
 *
 * <p>{@code compare} reads those and cancerstats' own tables exported as CSV into EXPORT (counts.csv, rates.csv),
 * joins them row by row on their keys (a full outer join, so a row only one side has is a difference) and prints
 * the rows compared and the differences: counts equal, doubles within 1e-9 relative. Exits 1 on any difference.
 */
public final class RatesDuckDb {

    private static final double TOLERANCE = 1e-9;

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("compute")) {
            compute(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath(), Path.of(args[3]).toAbsolutePath());
        } else if (args.length == 3 && args[0].equals("compare")) {
            System.exit(compare(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath()));
        } else {
            System.err.println("usage: RatesDuckDb compute LANDING CONF OUT | compare OUT EXPORT");
            System.exit(2);
        }
    }

    private static void compute(Path landing, Path conf, Path out) throws IOException, SQLException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        String script = Files.readString(Path.of(System.getProperty("rates.sql", "jobs/peers/rates.sql")))
                .replace("${landing}", landing.toString()).replace("${conf}", conf.toString()).replace("${out}", out.toString());
        long rows = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            for (String sql : statements(script)) {
                st.execute(sql);
            }
            try (ResultSet r = st.executeQuery("SELECT year, sex, region, site, cases, person_years, rate, variance, max_ratio "
                    + "FROM asr_sums ORDER BY ALL");
                 BufferedWriter w = Files.newBufferedWriter(out.resolve("rates.csv"), StandardCharsets.UTF_8)) {
                w.write("year,sex,region,site,cases,person_years,asr,asr_lower,asr_upper\n");
                while (r.next()) {
                    double[] asr = fayFeuer(r.getDouble(7), r.getDouble(8), r.getDouble(9), r.wasNull());
                    w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%s,%s,%s,%s%n", r.getInt(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getLong(5), r.getDouble(6), asr[0], asr[1], asr[2]));
                    rows++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "duckdb rates: %d rate rows into %s; %.1f s%n", rows, out, (System.nanoTime() - start) / 1e9);
    }

    /** ASR, lower and upper per 100,000 from the sums per person-year (DirectStandardisation's conventions). */
    static double[] fayFeuer(double rate, double variance, double maxRatio, boolean noStrata) {
        if (noStrata) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double lower = rate == 0 ? 0 : GammaDistribution.of(rate * rate / variance, variance / rate).inverseCumulativeProbability(0.025);
        double shape = (rate + maxRatio) * (rate + maxRatio) / (variance + maxRatio * maxRatio);
        double scale = (variance + maxRatio * maxRatio) / (rate + maxRatio);
        double upper = GammaDistribution.of(shape, scale).inverseCumulativeProbability(0.975);
        return new double[] {rate * 100_000, lower * 100_000, upper * 100_000};
    }

    private static int compare(Path out, Path export) throws SQLException {
        String near = "(abs(a.%1$s - b.%1$s) <= " + TOLERANCE + " * greatest(abs(a.%1$s), abs(b.%1$s)) "
                + "OR (a.%1$s IS NULL AND b.%1$s IS NULL))";
        // Each comparison as a view with one flag per row: bad when a key is on one side only or a value differs.
        String counts = "CREATE VIEW counts AS SELECT year, sex, region, age_lower, site, " + sides("cases") + ", a.cases IS DISTINCT FROM b.cases AS bad FROM read_csv('"
                + out.resolve("counts.csv") + "') a FULL JOIN read_csv('" + export.resolve("counts.csv")
                + "') b USING (year, sex, region, age_lower, site)";
        String rates = "CREATE VIEW rates AS SELECT year, sex, region, site, "
                + sides("cases", "person_years", "asr", "asr_lower", "asr_upper") + ", NOT coalesce(a.cases = b.cases AND "
                + String.join(" AND ", String.format(near, "person_years"), String.format(near, "asr"),
                        String.format(near, "asr_lower"), String.format(near, "asr_upper"))
                + ", false) AS bad FROM read_csv('" + out.resolve("rates.csv") + "') a FULL JOIN read_csv('"
                + export.resolve("rates.csv") + "') b USING (year, sex, region, site)";
        int status = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute(counts);
            st.execute(rates);
            for (String[] view : new String[][] {{"counts", "incidence_counts"}, {"rates", "incidence_rates (world_segi_1960)"}}) {
                try (ResultSet r = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE bad) FROM " + view[0])) {
                    r.next();
                    System.out.printf("compared %s: %d rows, %d differ%n", view[1], r.getLong(1), r.getLong(2));
                    if (r.getLong(2) > 0 || r.getLong(1) == 0) {
                        status = 1;
                    }
                }
                try (ResultSet r = st.executeQuery("SELECT * FROM " + view[0] + " WHERE bad LIMIT 5")) {
                    while (r.next()) {
                        StringBuilder row = new StringBuilder("  differs:");
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            row.append(' ').append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i));
                        }
                        System.out.println(row);
                    }
                }
            }
        }
        return status;
    }

    /** "a.x AS duckdb_x, b.x AS cancerstats_x" for each column. */
    private static String sides(String... columns) {
        return java.util.Arrays.stream(columns).map(c -> "a." + c + " AS duckdb_" + c + ", b." + c + " AS cancerstats_" + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The script's statements: split at ';' ending a line; '--' comment lines dropped. */
    private static java.util.List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(text.toString().split(";\\s*\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
