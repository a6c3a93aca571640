#!/usr/bin/env bash
# Nightly refresh for a scheduler (cron, Airflow): a thin wrapper over `cancerstats refresh`.
# Exit 0 on success; non-zero with a one-line reason on the last line of standard error on failure.
# The full log of each run goes to $CANCERSTATS_LOG_DIR/refresh-<UTC time>.log (default: warehouse/logs).
# Needs CANCERSTATS_PSEUDONYM_KEY or CANCERSTATS_PSEUDONYM_KEY_FILE in the environment; extra arguments (e.g.
# --master spark://host:7077, --config /etc/cancerstats/application.conf) are passed on.
set -uo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log_dir="${CANCERSTATS_LOG_DIR:-$home/warehouse/logs}"
mkdir -p "$log_dir"
log="$log_dir/refresh-$(date -u +%Y%m%dT%H%M%SZ).log"
# The subcommand first: its options (--config, --key-file, ...) follow it; the launcher still picks --master and
# --conf spark.* out of the arguments wherever they stand.
"$home/jobs/cancerstats" refresh "$@" >"$log" 2>&1
status=$?
if [[ $status -ne 0 ]]; then
  # The command's own one-line reason; for a usage error (exit 2) picocli's first line, not the help text after it.
  reason=$(grep -m1 '^cancerstats: failed: ' "$log" || grep -m1 -B1 '^Usage: ' "$log" | head -n 1 || true)
  [[ -n "$reason" ]] || reason=$(tail -n 1 "$log")
  echo "cancerstats nightly refresh failed (exit $status): ${reason#cancerstats: failed: } (log: $log)" >&2
  exit "$status"
fi
grep -E '^refresh |: (done|up to date)|maintenance:' "$log"
