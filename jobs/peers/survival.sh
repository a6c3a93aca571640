#!/usr/bin/env bash
# Survival against its peers, side by side on the same cohort (jobs/benchmark.sh --peers PATIENTS...; issue 20).
#
#   jobs/peers/survival.sh PATIENTS...      # e.g. 50000 200000 1000000
#
# For each size: `cancerstats generate --cohort PATIENTS` (colon cancer, diagnosed 2009-2023, followed to
# 2023-12-31, so up to 15 years; once, kept in target/bench/cohort-PATIENTS), ingested once into its own warehouse;
# then, whole process each (start-up included), `cancerstats survival` and Rscript jobs/peers/survival.R with
# relsurv and with popEpi. A tool whose first run takes under a minute runs three times and its median is
# reported. Prints a Markdown table (whole process, stage, peer / cancerstats) with the command lines, for
# docs/benchmarks.md. R comes from Debian (r-cran-relsurv, r-cran-popepi); installed here when missing, as root.
# Environment: CANCERSTATS_BENCH_DIR (default target/bench).
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench="${CANCERSTATS_BENCH_DIR:-$home/target/bench}"
[[ $# -gt 0 ]] || { echo "usage: jobs/peers/survival.sh PATIENTS..." >&2; exit 2; }
if ! Rscript -e 'library(relsurv); library(popEpi)' >/dev/null 2>&1; then
  echo "installing R with relsurv and popEpi (Debian packages)" >&2
  apt-get install -y -q r-cran-relsurv r-cran-popepi >&2
fi

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Runs "$@" (its output in $log) until it has run three times, or once when the first run took a minute or more;
# sets wall (median whole-process seconds), runs, and stage (median of the stage seconds parsed by $stage_of).
timed() {
  local walls=() stages=() start
  while :; do
    start=$(now)
    "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; exit 1; }
    walls+=("$(since "$start")")
    stages+=("$($stage_of "$log")")
    if [[ ${#walls[@]} -ge 3 ]] || awk -v w="${walls[0]}" 'BEGIN { exit !(w >= 60) }'; then break; fi
  done
  runs=${#walls[@]}
  wall=$(echo "${walls[*]}" | median)
  stage=$(echo "${stages[*]}" | median)
}
cancerstats_stage() { sed -n 's/^survival .* into .*; \([0-9.]*\) s$/\1/p' "$1"; }
r_stage() { awk '$1 == "stage" { s += $3 } END { printf "%.1f", s }' "$1"; }

rows="$bench/peers-survival.tsv"
mkdir -p "$bench"
: >"$rows"
for patients in "$@"; do
  dir="$bench/cohort-$patients"
  if [[ ! -f "$dir/landing/.complete" ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    "$home/jobs/cancerstats" generate --cohort "$patients" --first-year 2009 --last-year 2023 --out "$dir/landing" >&2
    touch "$dir/landing/.complete"
  fi
  warehouse=(--warehouse "$dir/warehouse/tables" --conf "cancerstats.metastore-dir=$dir/warehouse/metastore_db")
  rm -rf "$dir/warehouse"
  start=$(now)
  "$home/jobs/cancerstats" ingest --dev --landing "$dir/landing" "${warehouse[@]}" >"$dir/ingest.log" 2>&1
  echo "$patients ingest-once $(since "$start") 1 - -" >>"$rows"

  log="$dir/cancerstats.log" stage_of=cancerstats_stage
  timed "$home/jobs/cancerstats" survival "${warehouse[@]}"
  echo "$patients cancerstats $wall $runs $stage -" >>"$rows"
  ours=$wall
  for tool in relsurv popepi; do
    log="$dir/$tool.log" stage_of=r_stage
    timed Rscript "$home/jobs/peers/survival.R" "$dir/landing" "$tool"
    five=$(awk '$1 == "estimate" && $3 == 5 { printf "%s%s=%s", sep, ($2 == 1 ? "men" : "women"), $4; sep = " " }' "$log")
    echo "$patients $tool $wall $runs $stage $(awk -v p="$wall" -v o="$ours" 'BEGIN { printf "%.2f", p / o }') $five" >>"$rows"
  done
done

cat <<EOF

Commands (PATIENTS = the size; D = $bench/cohort-PATIENTS; W = --warehouse D/warehouse/tables --conf cancerstats.metastore-dir=D/warehouse/metastore_db):
    jobs/cancerstats generate --cohort PATIENTS --first-year 2009 --last-year 2023 --out D/landing
    jobs/cancerstats ingest --dev --landing D/landing W          # once, not in the comparison
    jobs/cancerstats survival W                                  # cancerstats
    Rscript jobs/peers/survival.R D/landing relsurv              # relsurv::rs.surv, Pohar Perme by sex
    Rscript jobs/peers/survival.R D/landing popepi               # popEpi::survtab_ag, Pohar Perme, monthly, by sex

| patients | tool | whole process (s, median) | runs | stage (s) | peer / cancerstats, whole process | 5-year net survival (peer) |
|---|---|---|---|---|---|---|
EOF
awk '{ five = ""; for (i = 7; i <= NF; i++) five = five (i > 7 ? " " : "") $i
       printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, ($6 == "-" ? "" : $6), five }' "$rows"
