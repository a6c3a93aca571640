#!/usr/bin/env bash
# Starts a Spark Connect server on the registry catalog, for remote clients (Spark Connect for Java, Scala or
# Python): sc://127.0.0.1:${CANCERSTATS_CONNECT_PORT:-15002}. Loopback only unless
# --conf spark.connect.grpc.binding.address=... is given (put TLS or an authenticating proxy in front first).
# Runs until stopped (Ctrl-C, SIGTERM). Extra arguments go to jobs/cancerstats (--master, --conf, --config, ...).
# With the embedded Derby metastore the server holds the catalog: stop it before a refresh, or use a shared Hive
# metastore (cancerstats.metastore-uri) so that both run at once.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$home/jobs/cancerstats" --conf "spark.connect.grpc.binding.port=${CANCERSTATS_CONNECT_PORT:-15002}" "$@" connect-server
