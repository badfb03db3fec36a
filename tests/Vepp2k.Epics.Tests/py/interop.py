"""pyepics (Debian libca) against the VEPP-2000 CA server. One scenario per run; prints JSON
results (one object per line) for the xunit side to check. Run with /usr/bin/python3 and
EPICS_CA_ADDR_LIST / EPICS_CA_AUTO_ADDR_LIST=NO / EPICS_CA_SERVER_PORT pointing at the server."""
import ctypes
import json
import sys
import time

import epics
from epics import ca, dbr


def out(**kw):
    print(json.dumps(kw, default=str), flush=True)


def chan(name):
    # The first search of a fresh libca can take more than pyepics' default 2 s on a loaded CI machine.
    chid = ca.create_channel(name, connect=False)
    assert ca.connect_channel(chid, timeout=15.0), name
    return chid


class StsDouble(ctypes.Structure):
    _fields_ = [("status", ctypes.c_short), ("severity", ctypes.c_short), ("pad", ctypes.c_int), ("value", ctypes.c_double)]


class GrDouble(ctypes.Structure):
    _fields_ = [("status", ctypes.c_short), ("severity", ctypes.c_short), ("precision", ctypes.c_short), ("pad", ctypes.c_short),
                ("units", ctypes.c_char * 8)] + [(n, ctypes.c_double) for n in (
                    "upper_disp", "lower_disp", "upper_alarm", "upper_warning", "lower_warning", "lower_alarm", "value")]


def raw_get(chid, dbr_type, struct):
    """pyepics unpacks only plain/TIME/CTRL; STS and GR go through libca directly."""
    value = struct()
    status = ca.libca.ca_array_get(dbr_type, 1, chid, ctypes.byref(value))
    assert status == dbr.ECA_NORMAL, status
    assert ca.libca.ca_pend_io(ctypes.c_double(15.0)) == dbr.ECA_NORMAL
    return value


def read():
    sp = chan("TST:PS0:I-SP")
    out(scenario="plain", value=epics.caget("TST:PS0:I-SP"), native=ca.field_type(sp), count=ca.element_count(sp))
    sts = raw_get(sp, 13, StsDouble)
    out(scenario="sts", value=sts.value, status=sts.status, severity=sts.severity)
    md = ca.get_with_metadata(sp, ftype=dbr.TIME_DOUBLE, timeout=10)
    out(scenario="time", value=md["value"], status=md["status"], severity=md["severity"], timestamp=md["timestamp"], now=time.time())
    gr = raw_get(sp, 27, GrDouble)
    out(scenario="gr", value=gr.value, precision=gr.precision, units=gr.units.decode(), upper_disp=gr.upper_disp, upper_alarm=gr.upper_alarm)
    ctrl = epics.PV("TST:PS0:I-SP", form="ctrl")
    ctrl.wait_for_connection(15)
    cv = ctrl.get_ctrlvars()
    out(scenario="ctrl", units=cv["units"], precision=cv["precision"], upper_ctrl_limit=cv["upper_ctrl_limit"],
        lower_ctrl_limit=cv["lower_ctrl_limit"], upper_alarm_limit=cv["upper_alarm_limit"], upper_warning_limit=cv["upper_warning_limit"],
        lower_disp_limit=cv["lower_disp_limit"])
    every = {}
    for t in list(range(0, 7)) + list(range(14, 21)) + list(range(28, 35)):
        # ca.get's own timeout is about a second; on two loaded cores a reply once took longer (CI, 2026-12-04).
        v = ca.get(sp, ftype=t, timeout=10)
        every[t] = v if not hasattr(v, "item") else v.item()
    out(scenario="every", values=every)
    en = chan("TST:ENUM")
    env = epics.PV("TST:ENUM", form="ctrl")
    env.wait_for_connection(15)
    out(scenario="enum", value=epics.caget("TST:ENUM"), label=epics.caget("TST:ENUM", as_string=True),
        labels=list(env.get_ctrlvars()["enum_strs"]), native=ca.field_type(en))
    out(scenario="string", value=epics.caget("TST:TEXT"))
    arr = epics.caget("TST:ARR")
    out(scenario="array", value=[float(x) for x in arr])


def put():
    chan("TST:INT")
    out(scenario="wait", result=epics.caput("TST:INT", 5, wait=True), value=epics.caget("TST:INT", use_monitor=False))
    epics.caput("TST:INT", 6)
    time.sleep(0.3)
    out(scenario="nowait", value=epics.caget("TST:INT", use_monitor=False))
    out(scenario="string", result=epics.caput("TST:TEXT", "set by pyepics", wait=True), value=epics.caget("TST:TEXT", use_monitor=False))
    out(scenario="enum", result=epics.caput("TST:ENUM", "Fault", wait=True), value=epics.caget("TST:ENUM", use_monitor=False))
    ro = epics.PV("TST:RO")
    ro.wait_for_connection(15)
    try:
        result = ro.put(3.0, wait=True, timeout=3)
        error = None
    except Exception as e:  # libca refuses locally: no write right
        result, error = None, repr(e)
    out(scenario="readonly", write_access=ro.write_access, read_access=ro.read_access, result=result, error=error,
        value=epics.caget("TST:RO", use_monitor=False))


def monitor():
    chid = chan("TST:DEADW")
    values, logged = [], []
    pv = epics.PV("TST:DEADW", auto_monitor=True, callback=lambda value=None, **kw: values.append(value))
    pv.wait_for_connection(15)
    log = ca.create_subscription(chid, mask=dbr.DBE_LOG, callback=lambda value=None, **kw: logged.append(value))
    time.sleep(0.5)
    for v in (0.5, 1.5, 1.7, 3.0, 6.0):
        epics.caput("TST:DEADW", v, wait=True)
        time.sleep(0.2)
    time.sleep(0.5)
    out(scenario="monitor", value=values, log=[float(x) for x in logged])
    del log


def disconnect(name):
    events = []
    pv = epics.PV(name, connection_callback=lambda pvname=None, conn=None, **kw: events.append(conn))
    if not pv.wait_for_connection(15):
        out(event="never connected")
        return
    out(event="connected", value=pv.get(use_monitor=False))
    sys.stdin.readline()  # the test withdraws the PV or stops the server, then says go
    deadline = time.time() + 20
    while pv.connected and time.time() < deadline:
        time.sleep(0.05)
    out(event="disconnected" if not pv.connected else "still connected", events=events)
    if len(sys.argv) > 3 and sys.argv[3] == "reconnect":
        sys.stdin.readline()  # the server is back
        deadline = time.time() + 30
        while not pv.connected and time.time() < deadline:
            time.sleep(0.05)
        out(event="reconnected" if pv.connected else "not reconnected", value=pv.get(use_monitor=False) if pv.connected else None)


def quad(setpoint, readback):
    sp = epics.PV(setpoint, form="ctrl")
    rb = epics.PV(readback)
    sp.wait_for_connection(15)
    rb.wait_for_connection(15)
    out(event="rights", write_access=sp.write_access)
    sys.stdin.readline()  # the test changes the rules: we must see write access arrive
    deadline = time.time() + 5
    while not sp.write_access and time.time() < deadline:
        time.sleep(0.05)
    start = sp.get(use_monitor=False)
    target = round(start + 1.0, 3)
    result = sp.put(target, wait=True, timeout=10)
    deadline = time.time() + 30
    seen = rb.get(use_monitor=False)
    while abs(seen - target) > 0.05 and time.time() < deadline:
        time.sleep(0.1)
        seen = rb.get(use_monitor=False)
    out(event="put", write_access=sp.write_access, start=start, target=target, result=result,
        setpoint=sp.get(use_monitor=False), readback=seen, units=sp.units)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "read": read()
    elif what == "put": put()
    elif what == "monitor": monitor()
    elif what == "disconnect": disconnect(sys.argv[2])
    elif what == "quad": quad(sys.argv[2], sys.argv[3])
    else: raise SystemExit("unknown scenario " + what)
