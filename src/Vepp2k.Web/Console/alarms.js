// Alarms: every channel in alarm now, worst first. Acknowledgement is the channel's own state on the
// server (unacknowledged severity, as EPICS ACKS): every console sees the same, and it is logged. Banners for a quench (beam state
// invalid) and for tripped supplies stay up while the condition lasts.
import { api, reason } from "./api.js";
import { $, h, show, table, time } from "./dom.js";
import * as live from "./live.js";
import { ring, stateOf } from "./ring.js";

const order = ["Invalid", "Major", "Minor"];
const isAcked = (c) => (c.unacknowledged ?? "NoAlarm") === "NoAlarm";

export function init() {
  $("#view-alarms").append(h("p", { id: "alarm-message", class: "message" }), h("div", { id: "alarm-table", class: "scroll" }));
  live.onUpdate(refresh);
}

// Every channel whose severity is Minor, Major or Invalid, UDF included: a value gone NaN (the
// online model without stable optics) is an alarm like any other.
export function active() {
  return [...live.values.values()].filter((c) => c.severity !== "NoAlarm")
    .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || a.path.localeCompare(b.path));
}

async function acknowledge(c) {
  const res = await api("POST", "/api/alarms/ack", { channel: c.path });
  show($("#alarm-message"), res.ok, res.ok ? `acknowledged ${c.path} (${c.severity})` : `Refused: ${reason(res)}`);
  if (!res.ok) return;
  // The server's update follows over the socket; until then show what it has just done.
  live.values.set(c.path, { ...c, unacknowledged: "NoAlarm" });
  refresh();
}

export function refresh() {
  const list = active();
  const open = list.filter((c) => !isAcked(c));
  $("#alarm-count").textContent = open.length ? String(open.length) : "";
  banners();
  if (!$("#view-alarms").classList.contains("active")) return;
  $("#alarm-table").replaceChildren(list.length === 0 ? h("p", {}, "No channel is in alarm.") : table(["channel", "severity", "status", "value", "since", ""],
    list.map((c) => h("tr", { class: `sev-${c.severity}${isAcked(c) ? " acked" : ""}` },
      h("td", {}, c.path), h("td", {}, c.severity), h("td", {}, c.status), h("td", {}, live.text(c.path, c.value)), h("td", {}, time(c.time)),
      h("td", {}, isAcked(c) ? "acknowledged" : h("button", { class: "act ack", "data-channel": c.path, onclick: () => acknowledge(c) }, "Acknowledge"))))));
}

async function acknowledgeBeamState() {
  const res = await api("PUT", "/api/channels/VEPP/Control/BeamStateValid", { value: "Valid" });
  show($("#alarm-message"), res.ok, res.ok ? "beam state acknowledged" : `Refused: ${reason(res)}`);
  if (!res.ok) window.alert(`Refused: ${reason(res)}`);
}

function banners() {
  const items = [];
  if (live.value("VEPP/Control/BeamStateValid") === 0)
    items.push(h("div", { id: "banner-quench", class: "banner quench" },
      `Beam state INVALID: ${live.value("VEPP/Control/BeamStateReason") || "see the event log"}. `,
      h("button", { class: "act", onclick: acknowledgeBeamState }, "Acknowledge beam state (after the discharge)")));
  const tripped = [...ring.elements.keys()].filter((n) => stateOf(n).state === "Interlock");
  if (tripped.length) items.push(h("div", { id: "banner-interlock", class: "banner interlock" }, `Interlock: ${tripped.join(", ")} tripped`));
  const lost = live.value("VEPP/Control/ArchiveLost");
  if (lost > 0) items.push(h("div", { class: "banner system" }, `Archive lost ${lost} sample(s): ${live.value("VEPP/Control/StorageError") ?? ""}`));
  $("#banners").replaceChildren(...items);
}
