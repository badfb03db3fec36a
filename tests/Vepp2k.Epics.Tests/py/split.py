"""Reads PVs through libca with the address list the test gives; prints one JSON object {pv: value or null}."""
import json
import sys

import epics

values = {}
for name in sys.argv[1:]:
    pv = epics.PV(name, connection_timeout=5.0)
    values[name] = pv.get(timeout=5.0) if pv.wait_for_connection(timeout=5.0) else None
print(json.dumps(values))
