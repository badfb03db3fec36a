"""pyepics throughput against a CA server on loopback (same harness for our server and softIoc).

    EPICS_CA_ADDR_LIST=127.0.0.1 EPICS_CA_AUTO_ADDR_LIST=NO EPICS_CA_SERVER_PORT=<port> \
        /usr/bin/python3 bench/ca/ca_bench.py [prefix] [pvs] [seconds]

prefix: PV names are <prefix><i>:I-SP (default BENCH:PS). Prints one JSON object.
A fourth argument "monitors" measures monitor updates from the counters BENCH:CNT<i> instead
(the server started with --counters HZ). With CA_BENCH_SERVER_PID set (a local server), each
figure also comes with the server process's CPU time per value, from /proc (10 ms ticks)."""
import json
import os
import sys
import time

import epics
from epics import ca

prefix = sys.argv[1] if len(sys.argv) > 1 else "BENCH:PS"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
names = [f"{prefix}{i}:I-SP" for i in range(n)]

t0 = time.perf_counter()
chids = [ca.create_channel(name, connect=False) for name in names]
for c in chids:
    ca.connect_channel(c, timeout=5)
connect_ms = (time.perf_counter() - t0) * 1000


server_pid = os.environ.get("CA_BENCH_SERVER_PID")


def server_cpu_s():
    """User + system CPU seconds of the server process so far (fields 14 and 15 of /proc/<pid>/stat)."""
    with open(f"/proc/{server_pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rate(step):
    """Values per second over the time budget (step returns how many it moved), and the server's
    CPU microseconds per value when its pid is known."""
    cpu = server_cpu_s() if server_pid else 0.0
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += step()
    per_s = done / (time.perf_counter() - start)
    return per_s, ((server_cpu_s() - cpu) * 1e6 / done if server_pid else None)


def sequential_get():
    for c in chids:
        ca.get(c)  # one READ_NOTIFY round trip each
    return n


def batched_get():
    values = epics.caget_many(names)
    assert len(values) == n and all(v is not None for v in values)
    return n


def put_nowait():
    for i, c in enumerate(chids):
        ca.put(c, float(i % 7), wait=False)
    ca.flush_io()
    return n


def put_wait():
    for i, c in enumerate(chids):
        ca.put(c, float(i % 5), wait=True)
    return n


def monitors():
    """Subscribes to the counters <prefix>CNT<i> (served with --counters); counts updates received
    and counter values skipped (coalesced) over the time budget."""
    received, skipped, last = [0], [0], {}

    def on_update(pvname=None, value=None, **_):
        received[0] += 1
        if pvname in last and value > last[pvname] + 1:
            skipped[0] += int(value - last[pvname] - 1)
        last[pvname] = value

    pvs = [epics.PV(f"{prefix.rsplit(':', 1)[0]}:CNT{i}", callback=on_update, auto_monitor=True) for i in range(n)]
    for pv in pvs:
        pv.wait_for_connection(timeout=5)
    time.sleep(1.0)  # let the initial updates arrive
    received[0], skipped[0] = 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        epics.poll(evt=1e-3, iot=0.01)
    elapsed = time.perf_counter() - start
    return {"monitor_updates_per_s": round(received[0] / elapsed), "monitor_values_skipped": skipped[0]}


if len(sys.argv) > 4 and sys.argv[4] == "monitors":
    print(json.dumps({"pvs": n, **monitors()}), flush=True)
    sys.exit(0)

result = {"pvs": n, "connect_ms": round(connect_ms, 1)}
for name, step in [("sequential_get_per_s", sequential_get), ("batched_get_values_per_s", batched_get),
                   ("put_nowait_per_s", put_nowait), ("put_wait_per_s", put_wait)]:
    per_s, server_us = rate(step)
    result[name] = round(per_s)
    if server_us is not None:
        result[name.replace("_per_s", "_server_us")] = round(server_us, 1)
print(json.dumps(result), flush=True)
