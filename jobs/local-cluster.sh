#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Spark jars Maven resolved (no Spark distribution):
# one master and N workers (default 2, 1 core and 4g each), all bound to 127.0.0.1.
#
#   jobs/local-cluster.sh start [WORKERS]   # prints the master URL, spark://127.0.0.1:7077
#   jobs/local-cluster.sh stop              # stops them by the pids recorded at start
#   jobs/local-cluster.sh status
#   jobs/cancerstats --master spark://127.0.0.1:7077 refresh --dev
#
# Environment: CANCERSTATS_CLUSTER_DIR (pids, logs, work folders; default target/local-cluster),
# CANCERSTATS_MASTER_PORT (7077), CANCERSTATS_WORKER_CORES (1), CANCERSTATS_WORKER_MEMORY (4g).
# Workers start executors with SPARK_HOME/jars on their class path, so SPARK_HOME is a folder of links to the
# Maven-resolved jars (made here). Nothing listens on another interface: the web UIs are off.
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="${CANCERSTATS_CLUSTER_DIR:-$home/target/local-cluster}"
port="${CANCERSTATS_MASTER_PORT:-7077}"
master="spark://127.0.0.1:$port"
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1

spark_home() {
  local classpath_file="$home/target/spark-classpath.txt"
  if [[ ! -f "$classpath_file" ]]; then
    (cd "$home" && mvn -B -q -DskipTests package) >&2
  fi
  rm -rf "$dir/spark-home" && mkdir -p "$dir/spark-home/jars" "$dir/spark-home/conf"
  tr ':' '\n' <"$classpath_file" | while read -r jar; do ln -s "$jar" "$dir/spark-home/jars/"; done
  echo "$dir/spark-home"
}

start_daemon() { # name, main class, arguments...
  local name=$1; shift
  local java_options
  java_options=$(sed -n 's:.*<spark.java.options>\(-.*\)</spark.java.options>.*:\1:p' "$home/pom.xml" | head -n 1)
  # shellcheck disable=SC2086
  nohup java -Xmx1g $java_options -Dspark.ui.enabled=false -Dspark.master.ui.port=0 -Dspark.worker.ui.port=0 \
    -cp "$SPARK_HOME/jars/*" "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

wait_for() { # log file, pattern
  for _ in $(seq 1 120); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "local-cluster: gave up waiting for '$2' in $1" >&2
  return 1
}

case "${1:-}" in
  start)
    workers="${2:-2}"
    mkdir -p "$dir"
    if ls "$dir"/*.pid >/dev/null 2>&1; then
      echo "local-cluster: already started ($dir/*.pid); stop it first" >&2
      exit 1
    fi
    export SPARK_HOME
    SPARK_HOME=$(spark_home)
    start_daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
    wait_for "$dir/master.log" "Starting Spark master at"
    for i in $(seq 1 "$workers"); do
      mkdir -p "$dir/work-$i"
      start_daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
        --cores "${CANCERSTATS_WORKER_CORES:-1}" --memory "${CANCERSTATS_WORKER_MEMORY:-4g}" \
        --work-dir "$dir/work-$i" "$master"
    done
    for i in $(seq 1 "$workers"); do
      wait_for "$dir/worker-$i.log" "Successfully registered with master"
    done
    echo "$master"
    ;;
  stop)
    for pid_file in "$dir"/*.pid; do
      [[ -f "$pid_file" ]] || continue
      kill "$(cat "$pid_file")" 2>/dev/null || true
      rm -f "$pid_file"
    done
    ;;
  status)
    for pid_file in "$dir"/*.pid; do
      [[ -f "$pid_file" ]] || { echo "not started"; exit 0; }
      name=$(basename "$pid_file" .pid)
      if kill -0 "$(cat "$pid_file")" 2>/dev/null; then echo "$name running"; else echo "$name stopped"; fi
    done
    ;;
  *)
    echo "usage: jobs/local-cluster.sh start [WORKERS] | stop | status" >&2
    exit 2
    ;;
esac
