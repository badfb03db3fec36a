#!/usr/bin/env bash
# Runs the pyepics CA benchmark against our server on a free loopback port (see docs/benchmarks.md).
# Prints the load average before each harness run: the machine is shared, so figures need it.
set -euo pipefail
cd "$(dirname "$0")/../.."
# A second argument names another build's output folder (an A/B against an older commit) instead of
# building, or is "mini": the minimal C server bench/ca/mini_rsrv.c, the control of docs/benchmarks.md.
# CA_CLIENT_CPUS=1 runs the Python client on that CPU only (taskset); docs/benchmarks.md says why it matters.
port=${1:-5164}
build=${2:-}
if [ "$build" = mini ]; then
  gcc -O2 -pthread -o /tmp/mini_rsrv bench/ca/mini_rsrv.c
  coproc SERVER { exec /tmp/mini_rsrv "$port" 100; }
else
  if [ -z "$build" ]; then
    dotnet build -c Release bench/Vepp2k.CaBench >/dev/null
    build=bench/Vepp2k.CaBench/bin/Release/net10.0
  fi
  coproc SERVER { exec dotnet "$build/Vepp2k.CaBench.dll" "$port" 100; }
fi
# Bash unsets SERVER and SERVER_PID as soon as the coprocess ends; keep our own copies.
server_pid=$SERVER_PID
exec {server_out}<&"${SERVER[0]}" {server_in}>&"${SERVER[1]}"
read -r line <&"$server_out"
echo "$line" >&2
for run in 1 2; do
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); client CPUs: ${CA_CLIENT_CPUS:-any}" >&2
  EPICS_CA_ADDR_LIST=127.0.0.1 EPICS_CA_AUTO_ADDR_LIST=NO EPICS_CA_SERVER_PORT=$port EPICS_CA_REPEATER_PORT=$((port + 1)) \
    CA_BENCH_SERVER_PID=$server_pid ${CA_CLIENT_CPUS:+taskset -c "$CA_CLIENT_CPUS"} /usr/bin/python3 bench/ca/ca_bench.py BENCH:PS 100 3 2> >(grep -v "CA Repeater" >&2)
done
# Our host stops when its input closes; the C control is simply killed.
if [ "$build" = mini ]; then
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
else
  exec {server_in}>&- {SERVER[1]}>&-
  wait "$server_pid"
fi
