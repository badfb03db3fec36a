// Live channel values over /ws/channels: the first message is every channel, then batches of
// changes every 50 ms. Views subscribe to the batches; the latest value of every channel is here.
import { api, session } from "./api.js";

export const values = new Map();
// Each channel's spec (units, precision, enum labels, type): the socket sends values only.
export const specs = new Map();
const listeners = new Set();
let socket = null;
let latest = 0;

export const onUpdate = (fn) => listeners.add(fn);
export const value = (path) => values.get(path)?.value;
export const severity = (path) => values.get(path)?.severity ?? "NoAlarm";
// The control system's clock as its updates tell it (simulated time may run faster than ours).
export const serverNow = () => latest || Date.now();
export const under = (prefix) => [...values.values()].filter((c) => c.path.startsWith(prefix));

export async function loadSpecs() {
  const res = await api("GET", "/api/channels?full=true");
  if (res.ok) for (const c of res.data) specs.set(c.path, c);
}

export const unitOf = (path) => specs.get(path)?.units ?? "";

// A value as the operator reads it: an enum's label, an integer as it is, a number in the channel's
// precision (EPICS PREC) followed by its unit unless the caller shows the unit apart.
export function text(path, v = value(path), withUnit = true) {
  const s = specs.get(path);
  if (v == null || (typeof v === "number" && !Number.isFinite(v))) return "—";
  if (typeof v !== "number") return String(v);
  if (s?.type === "Enum") return s.labels?.[v] ?? String(v);
  const n = s?.type === "Integer" ? String(v) : v.toFixed(s?.precision ?? 3);
  return withUnit && s?.units ? `${n} ${s.units}` : n;
}

export function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/channels?token=${encodeURIComponent(session.token)}`);
  const dot = document.getElementById("link");
  socket.onopen = () => { dot.className = "dot up"; };
  socket.onmessage = (m) => {
    const batch = JSON.parse(m.data);
    for (const c of batch) { values.set(c.path, c); latest = Math.max(latest, Date.parse(c.time)); }
    for (const fn of listeners) fn(batch);
  };
  socket.onclose = () => {
    dot.className = "dot down";
    if (session.token) setTimeout(connect, 1000);
  };
}

export function disconnect() {
  if (socket) { socket.onclose = null; socket.close(); socket = null; }
}
