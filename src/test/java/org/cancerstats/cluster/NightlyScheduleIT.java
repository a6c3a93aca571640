package org.cancerstats.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.cancerstats.core.generate.GeneratorOptions;
import org.cancerstats.core.generate.SyntheticRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every scheduled path as shipped (the cron line of {@code jobs/crontab}, through {@code jobs/nightly-refresh.sh}, and
 * the Airflow DAG's spark-submit), with only its installation paths replaced by this checkout and a test
 * configuration and key: each must leave a succeeded run in {@code refresh_runs}; and a failing run's one-line reason
 * must name the real cause. Runs the launcher, so after {@code package} (failsafe).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyScheduleIT {

    private static final Path HOME = Path.of("").toAbsolutePath();
    private Path work;
    private Path key;

    @BeforeAll
    void registry() throws IOException {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "schedule-").toAbsolutePath();
        SyntheticRegistry.write(new GeneratorOptions(work.resolve("landing"), 600, 2021, 2023, 3, List.of("Nord", "Syd")));
        key = work.resolve("pseudonym.key");
        Files.writeString(key, "a test key of thirty-two bytes or more, never a real one\n");
    }

    private Path config(String name) throws IOException {
        Path file = work.resolve(name + ".conf");
        Files.writeString(file, "cancerstats { database = \"" + name + "\", landing-dir = \"" + work.resolve("landing")
                + "\", warehouse-dir = \"" + work.resolve(name + "/tables") + "\", run-date = \"2026-11-22\" }\n");
        return file;
    }

    /** The shipped text with its installation paths replaced. */
    private String installed(String shipped, Path config) {
        return shipped.replace("/opt/cancerstats", HOME.toString()).replace("/etc/cancerstats/application.conf", config.toString())
                .replace("/etc/cancerstats/pseudonym.key", key.toString());
    }

    private String cronCommand(String script) throws IOException {
        String line = Files.readAllLines(HOME.resolve("jobs/crontab")).stream()
                .filter(l -> !l.startsWith("#") && l.contains(script)).findFirst().orElseThrow();
        return line.trim().split("\\s+", 6)[5]; // after minute, hour, day, month, weekday
    }

    @Test
    void theCronLineRunsARefresh() throws Exception {
        Path config = config("cron_run");
        Outcome run = bash(installed(cronCommand("nightly-refresh.sh"), config), Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(outcomes("cron_run")).contains("succeeded");
    }

    @Test
    void aFailingScheduledRunSaysWhyInOneLine() throws Exception {
        Path config = config("cron_fail");
        String command = installed(cronCommand("nightly-refresh.sh"), config).replace(key.toString(), work.resolve("no-such.key").toString());
        Outcome run = bash(command, Map.of());
        assertThat(run.exit()).isEqualTo(1);
        List<String> reason = run.error().lines().filter(l -> l.startsWith("cancerstats nightly refresh failed")).toList();
        assertThat(reason).hasSize(1);
        assertThat(reason.get(0)).contains("cannot read the pseudonymisation key file").contains("no-such.key");
    }

    /** The DAG's operator arguments, read by Python from the shipped file with Airflow stubbed, run by the launcher. */
    @Test
    void theAirflowDagRunsARefresh() throws Exception {
        Path stub = work.resolve("airflow-stub");
        Path operators = Files.createDirectories(stub.resolve("airflow/providers/apache/spark/operators"));
        for (Path p = operators; !p.equals(stub); p = p.getParent()) {
            Files.writeString(p.resolve("__init__.py"), "");
        }
        Files.writeString(stub.resolve("airflow/__init__.py"), "class DAG:\n    def __init__(self, **kw): pass\n"
                + "    def __enter__(self): return self\n    def __exit__(self, *a): return False\n");
        Files.writeString(operators.resolve("spark_submit.py"), "import json\nclass SparkSubmitOperator:\n"
                + "    def __init__(self, **kw): print(json.dumps(kw))\n");
        Outcome parsed = bash("PYTHONPATH=" + stub + " python3 " + HOME.resolve("jobs/airflow_cancerstats_dag.py"), Map.of());
        assertThat(parsed.exit()).as(parsed.error()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> operator = new com.fasterxml.jackson.databind.ObjectMapper().readValue(parsed.output().trim(), Map.class);
        assertThat(operator.get("java_class")).isEqualTo("org.cancerstats.cli.Main");
        assertThat(String.valueOf(operator.get("application"))).endsWith("-spark.jar");
        Path config = config("dag_run");
        List<String> command = new ArrayList<>(List.of(HOME.resolve("jobs/cancerstats").toString()));
        @SuppressWarnings("unchecked")
        Map<String, String> conf = (Map<String, String>) operator.get("conf");
        conf.forEach((k, v) -> command.addAll(List.of("--conf", k + "=" + v)));
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) operator.get("application_args");
        args.forEach(a -> command.add(installed(a, config)));
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) operator.get("env_vars");
        Map<String, String> installedEnv = new java.util.HashMap<>();
        env.forEach((k, v) -> installedEnv.put(k, installed(v, config)));
        Outcome run = process(command, installedEnv);
        assertThat(run.exit()).as(run.output() + run.error()).isZero();
        assertThat(outcomes("dag_run")).contains("succeeded");
    }

    /** The outcomes in the run's {@code refresh_runs}, read from its Delta folder (no metastore needed). */
    private List<String> outcomes(String name) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("schedule-it")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1").getOrCreate();
        return spark.read().format("delta").load(work.resolve(name + "/tables/" + name + ".db/refresh_runs").toString())
                .select("outcome").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    record Outcome(int exit, String output, String error) {
    }

    private Outcome bash(String command, Map<String, String> env) throws Exception {
        return process(List.of("bash", "-c", command), env);
    }

    private Outcome process(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
        builder.environment().put("CANCERSTATS_LOG_DIR", work.resolve("logs").toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("CANCERSTATS_DRIVER_MEMORY", "2g");
        builder.environment().putAll(env);
        File out = work.resolve("out-" + System.nanoTime()).toFile();
        File err = work.resolve("err-" + System.nanoTime()).toFile();
        Process process = builder.redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 10 minutes");
        }
        return new Outcome(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }
}
