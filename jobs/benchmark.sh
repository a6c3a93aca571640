#!/usr/bin/env bash
# Benchmark of every stage at up to three sizes, for sizing hardware (docs/benchmarks.md).
#
#   jobs/benchmark.sh [small|national|nordic]...    # default: small national
#   jobs/benchmark.sh --peers PATIENTS...           # survival against R relsurv and popEpi (jobs/peers/survival.sh)
#   jobs/benchmark.sh --peers-rates [PERSONS]       # rates against DuckDB at the national size (jobs/peers/rates.sh)
#
# For each size: generate the synthetic registry (once; kept in target/bench/<size>/landing), run a full refresh
# from an empty warehouse, then a second (no-op) refresh, and print per stage the wall time, input rows per second
# (all delivered extract rows / stage time) and the driver's peak heap, then the scaling ratios between sizes.
# Sizes (persons, years; tumours follow from the generator's rates):
#   small     25,000 persons 2004-2023 (the sample registry)
#   national  5,500,000 persons 1953-2023 (Norway-like, about 1.9 million tumours)
#   nordic    29,000,000 persons 1953-2023 (about 10 million tumours)
# Environment: CANCERSTATS_BENCH_DIR (default target/bench), CANCERSTATS_DRIVER_MEMORY (default 4g here too),
# and any jobs/cancerstats options in CANCERSTATS_BENCH_ARGS (e.g. "--master spark://127.0.0.1:7077").
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ "${1:-}" == --peers ]]; then
  shift
  exec "$home/jobs/peers/survival.sh" "$@"
fi
if [[ "${1:-}" == --peers-rates ]]; then
  shift
  exec "$home/jobs/peers/rates.sh" "$@"
fi
bench="${CANCERSTATS_BENCH_DIR:-$home/target/bench}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(small national)
read -r -a extra <<<"${CANCERSTATS_BENCH_ARGS:-}"

persons() { case "$1" in small) echo 25000 ;; national) echo 5500000 ;; nordic) echo 29000000 ;;
  *) echo "unknown size $1" >&2; exit 2 ;; esac; }
first_year() { case "$1" in small) echo 2004 ;; *) echo 1953 ;; esac; }

summary="$bench/summary.tsv"
mkdir -p "$bench"
: >"$summary"
for size in "${sizes[@]}"; do
  dir="$bench/$size"
  if [[ ! -f "$dir/landing/.complete" ]]; then
    rm -rf "$dir/landing" && mkdir -p "$dir"
    start=$(date +%s.%N)
    "$home/jobs/cancerstats" generate --out "$dir/landing" --persons "$(persons "$size")" \
      --first-year "$(first_year "$size")" --last-year 2023 --seed 20261122 | tee "$dir/generate.log"
    echo "$size generate $(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')" >>"$summary"
    touch "$dir/landing/.complete"
  fi
  rows=$(cat "$dir"/landing/*/*.csv | wc -l)
  rows=$((rows - $(ls "$dir"/landing/*/*.csv | wc -l)))   # header lines
  rm -rf "$dir/warehouse"
  for run in full no-op; do
    log="$dir/refresh-$run.log"
    start=$(date +%s.%N)
    "$home/jobs/cancerstats" "${extra[@]}" refresh --dev --landing "$dir/landing" \
      --warehouse "$dir/warehouse/tables" --conf "cancerstats.metastore-dir=$dir/warehouse/metastore_db" >"$log" 2>&1
    wall=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
    heap=$(sed -n 's/.*driver heap peak \([0-9]*\) MiB.*/\1/p' "$log")
    echo "$size $run-refresh $wall $rows $heap" >>"$summary"
    if [[ $run == full ]]; then
      # Per stage, from the progress lines: "<time> <stage>: done, ... <seconds> s".
      sed -n 's/^[0-9:]* \([a-z]*\): done, .* \([0-9.]*\) s$/\1 \2/p' "$log" | while read -r stage seconds; do
        echo "$size $stage $seconds $rows $heap" >>"$summary"
      done
    fi
  done
done

printf '\n| size | stage | seconds | input rows/s | driver heap pools, peaks summed (MiB) |\n|---|---|---|---|---|\n'
awk '$2 != "generate" { printf "| %s | %s | %.1f | %d | %s |\n", $1, $2, $3, ($3 > 0 ? $4 / $3 : 0), $5 }
     $2 == "generate" { printf "| %s | generate | %.1f | | |\n", $1, $3 }' "$summary"
if [[ ${#sizes[@]} -gt 1 ]]; then
  printf '\nScaling (time ratio / input-rows ratio between consecutive sizes; <= 1.1 means at most 2.2x time for 2x data):\n'
  awk '$2 != "generate" { t[$1" "$2] = $3; r[$1] = $4; stages[$2] = 1 }
       END { n = split("'"${sizes[*]}"'", s, " ");
             for (i = 2; i <= n; i++) for (st in stages) if ((s[i-1]" "st) in t && (s[i]" "st) in t && t[s[i-1]" "st] > 0)
               printf "  %s -> %s %-13s time x%.1f for rows x%.1f: %.2f\n", s[i-1], s[i], st, t[s[i]" "st] / t[s[i-1]" "st],
                 r[s[i]] / r[s[i-1]], (t[s[i]" "st] / t[s[i-1]" "st]) / (r[s[i]] / r[s[i-1]]) }' "$summary"
fi
