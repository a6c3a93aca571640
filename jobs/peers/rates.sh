#!/usr/bin/env bash
# Rates against DuckDB, side by side on the same CSV files (jobs/benchmark.sh --peers-rates; issue 20).
#
#   jobs/peers/rates.sh [PERSONS]      # default 5500000 persons 1953-2023, the national size
#
# Generates the synthetic registry once (target/bench/national/landing, as jobs/benchmark.sh national) and gives
# both tools its incidence and population files. cancerstats, whole process from an empty warehouse: `ingest`
# then `rates` (every standard, period and table it writes, more than the peer computes). DuckDB (org.duckdb:
# duckdb_jdbc, fetched from Maven Central into target/peers when missing; jobs/peers/rates.sql run by
# jobs/peers/RatesDuckDb.java): the zero-filled incidence_counts and the single-year Segi ASRs with their
# Fay-Feuer intervals, straight from the CSV files. A tool whose first run takes under a minute runs three times
# and its median is reported. Then both results are compared row by row (RatesDuckDb compare); the script fails
# when one row differs. Prints a Markdown table for docs/benchmarks.md.
# Environment: CANCERSTATS_BENCH_DIR (default target/bench).
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench="${CANCERSTATS_BENCH_DIR:-$home/target/bench}"
persons="${1:-5500000}"
duckdb_version=2.0.0.1
peers="$home/target/peers"
duckdb_jar="$peers/duckdb_jdbc-$duckdb_version.jar"
project_jar=$(ls "$home"/target/cancerstats-*-spark.jar)
if [[ ! -f "$duckdb_jar" ]]; then
  mvn -B -q -f "$home/pom.xml" dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" -DoutputDirectory="$peers" >&2
fi
classpath="$peers/classes:$duckdb_jar:$project_jar"
mkdir -p "$peers/classes"
javac -d "$peers/classes" -cp "$classpath" "$home/jobs/peers/RatesDuckDb.java"

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Runs "$@" (output in $log) three times, or once when the first run took a minute or more; sets wall and runs.
timed() {
  local walls=() start
  while :; do
    start=$(now)
    "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; exit 1; }
    walls+=("$(since "$start")")
    if [[ ${#walls[@]} -ge 3 ]] || awk -v w="${walls[0]}" 'BEGIN { exit !(w >= 60) }'; then break; fi
  done
  runs=${#walls[@]}
  wall=$(echo "${walls[*]}" | median)
}

dir="$bench/national"
[[ $persons == 5500000 ]] || dir="$bench/persons-$persons"
if [[ ! -f "$dir/landing/.complete" ]]; then
  rm -rf "$dir/landing" && mkdir -p "$dir"
  "$home/jobs/cancerstats" generate --out "$dir/landing" --persons "$persons" --first-year 1953 --last-year 2023 \
    --seed 20261122 >&2
  touch "$dir/landing/.complete"
fi
run="$dir/rates-peers"
rm -rf "$run" && mkdir -p "$run/landing" "$run/duckdb" "$run/export"
ln -s "$dir/landing/incidence" "$run/landing/incidence"
ln -s "$dir/landing/population" "$run/landing/population"
warehouse=(--warehouse "$run/warehouse/tables" --conf "cancerstats.metastore-dir=$run/warehouse/metastore_db")
cancerstats_run() {
  local start
  rm -rf "$run/warehouse"
  start=$(now)
  "$home/jobs/cancerstats" ingest --dev --landing "$run/landing" "${warehouse[@]}" || return 1
  split="ingest $(since "$start")"
  start=$(now)
  "$home/jobs/cancerstats" rates "${warehouse[@]}" || return 1
  split="$split s, rates $(since "$start") s"
}
log="$run/cancerstats.log"
timed cancerstats_run
ours=$wall ours_runs=$runs
rates_stage=$(sed -n 's/^rates .* into .*; \([0-9.]*\) s$/\1/p' "$log" | tail -1)
log="$run/duckdb.log"
timed java -cp "$classpath" -Drates.sql="$home/jobs/peers/rates.sql" RatesDuckDb compute "$run/landing" "$home/conf" "$run/duckdb"
theirs=$wall theirs_runs=$runs
duck_stage=$(sed -n 's/^duckdb rates: .*; \([0-9.]*\) s$/\1/p' "$log")

"$home/jobs/cancerstats" sql "${warehouse[@]}" --csv \
  "SELECT year, sex, region, age_lower, site, cases FROM incidence_counts" >"$run/export/counts.csv" 2>"$run/export.log"
"$home/jobs/cancerstats" sql "${warehouse[@]}" --csv \
  "SELECT CAST(period AS INT) AS year, sex, region, site, cases, person_years, asr, asr_lower, asr_upper FROM incidence_rates
   WHERE period_type = 'year' AND education = 'all' AND standard = 'world_segi_1960' AND age_range = 'all'" \
  >"$run/export/rates.csv" 2>>"$run/export.log"
java -cp "$classpath" RatesDuckDb compare "$run/duckdb" "$run/export" | tee "$run/compare.log"

tumours=$(($(wc -l <"$dir/landing/incidence/incidence.csv") - 1))
cat <<EOT

Commands (D = $dir; R = D/rates-peers, its landing holding D's incidence and population; W = --warehouse R/warehouse/tables --conf cancerstats.metastore-dir=R/warehouse/metastore_db):
    jobs/cancerstats ingest --dev --landing R/landing W && jobs/cancerstats rates W      # cancerstats, from an empty warehouse
    java -cp target/peers/classes:DUCKDB_JAR:CANCERSTATS_JAR RatesDuckDb compute R/landing conf R/duckdb   # jobs/peers/rates.sql
    java -cp ... RatesDuckDb compare R/duckdb R/export      # R/export: the two tables exported by jobs/cancerstats sql --csv

$persons persons, $tumours tumours; $(grep -c . "$run/compare.log") comparisons, all rows equal (counts exactly, doubles to 1e-9 relative).

| tool | whole process (s, median) | runs | stage (s) | cancerstats / DuckDB, whole process |
|---|---|---|---|---|
| cancerstats ingest + rates | $ours | $ours_runs | last run: $split whole process; rates stage $rates_stage | $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f", a / b }') |
| DuckDB $duckdb_version (rates.sql + RatesDuckDb) | $theirs | $theirs_runs | $duck_stage | |
EOT
