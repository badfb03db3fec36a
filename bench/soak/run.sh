#!/usr/bin/env bash
# The connection soak of docs/benchmarks.md: `vepp2k serve` on free loopback ports, then 20,000 idle
# TCP connections to its CA port (two processes of 10,000, each process may hold 20,000 descriptors)
# and 2,000 to its VCAS port, while a pyepics client reads and writes through CA, a VCAS client
# subscribes and the HTTP API answers. Prints the server's threads and memory before, during and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-9300}
ca=$base vcas=$((base + 2)) http=$((base + 3))
data=$(mktemp -d)
dotnet build -c Release src/Vepp2k.Cli >/dev/null
dotnet src/Vepp2k.Cli/bin/Release/net10.0/vepp2k.dll serve --data "$data" --admin-password soak-password \
  --ca-port $ca --ca-beacon-port $((base + 1)) --vcas-port $vcas --http-port $http >"$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
until grep -q "HTTP API" "$data/serve.log" 2>/dev/null; do sleep 0.5; done
state() { echo "$1: threads $(ls /proc/$server/task | wc -l), RSS $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$server/status), open fds $(ls /proc/$server/fd | wc -l)"; }
probe() {
  local t0=$(date +%s.%N)
  EPICS_CA_ADDR_LIST=127.0.0.1 EPICS_CA_AUTO_ADDR_LIST=NO EPICS_CA_SERVER_PORT=$ca EPICS_CA_REPEATER_PORT=$((base + 1)) \
    /usr/bin/python3 -c 'import epics,sys; v=epics.caget("VEPP:QUAD:1F1:MCur_1", timeout=10); sys.exit(0 if v is not None else 1)' 2>/dev/null \
    && echo "  pyepics caget (new process, connect + read): $(echo "$(date +%s.%N) - $t0" | bc) s" || echo "  pyepics caget FAILED"
  t0=$(date +%s.%N)
  curl -sf -u admin:soak-password "http://127.0.0.1:$http/api/channels/VEPP/QUAD/1F1/SCur" >/dev/null \
    && echo "  HTTP GET: $(echo "$(date +%s.%N) - $t0" | bc) s" || echo "  HTTP GET FAILED"
  t0=$(date +%s.%N)
  /usr/bin/python3 - "$vcas" <<'PY' && echo "  VCAS name|VEPP/QUAD/1F1/SCur: $(echo "$(date +%s.%N) - $t0" | bc) s" || echo "  VCAS FAILED"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"name:VEPP/QUAD/1F1/SCur|method:get\n")
data = b""
while b"val:" not in data:
    chunk = s.recv(4096)
    if not chunk: sys.exit(1)
    data += chunk
PY
}
state "before"; probe
start=$(date +%s.%N)
exec {f1}< <(/usr/bin/python3 tests/Vepp2k.Epics.Tests/py/flood.py $ca 10000; sleep 3600)
exec {f2}< <(/usr/bin/python3 tests/Vepp2k.Epics.Tests/py/flood.py $ca 10000; sleep 3600)
exec {f3}< <(/usr/bin/python3 tests/Vepp2k.Epics.Tests/py/flood.py $vcas 2000; sleep 3600)
sleep 3; state "3 s into the flood"; probe
read -r l1 <&$f1; read -r l2 <&$f2; read -r l3 <&$f3
echo "flood: CA [$l1] [$l2], VCAS [$l3] in $(echo "$(date +%s.%N) - $start" | bc) s"
state "flood connected"; probe
grep -c "circuit limit reached" "$data/serve.log" | sed 's/^/CA eviction log lines: /'
pkill -f "flood.py" || true
sleep 15; state "15 s after the flood ended"; probe
