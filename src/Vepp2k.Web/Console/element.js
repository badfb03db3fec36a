// The element panel: setpoint, ramped setpoint, both readbacks, voltage, state, interlocks and
// strength, live; set / step / switch / reset, with the server's answer (or reason for refusal).
import { api, reason, session } from "./api.js";
import { $, h, show } from "./dom.js";
import * as live from "./live.js";
import { ring, stateOf } from "./ring.js";

let current = null;

const readbacks = (e) => {
  const um = e.setpointChannel.endsWith("/SetCur") && e.path.includes("/UM/");
  return {
    setpoint: e.setpointChannel,
    ramped: `${e.path}/RCur`,
    read1: um ? `${e.path}/Cur` : `${e.path}/MCur.1`,
    read2: um ? `${e.path}/Cur.2` : `${e.path}/MCur.2`,
    volt: um ? `${e.path}/Vol` : `${e.path}/Volt`,
    power: `${e.path}/Power`,
    ilk: `${e.path}/Ilk`,
    ilkLive: `${e.path}/IlkLive`,
    strength: `${e.path}/${e.strengthName}`,
    deviation: `${e.path}/Deviation`,
  };
};

export function openElement(name) {
  const e = ring.elements.get(name);
  if (!e) return;
  current = e;
  const c = readbacks(e);
  // Each value in its channel's precision, the unit beside it from the same channel's spec.
  const row = (label, id, path) => h("tr", {}, h("th", {}, label), h("td", { id }), h("td", { class: "unit" }, path ? live.unitOf(path) : ""));
  const panel = $("#element-panel");
  panel.replaceChildren(
    h("div", { class: "panel-head" }, h("h2", { id: "el-name" }, e.name), h("button", { class: "close", onclick: closeElement, title: "close" }, "×")),
    h("p", { class: "sub" }, `${e.kind}, quadrant ${e.quadrant || "—"}, ${e.subsystem}; ${e.path}`),
    h("table", { class: "values" }, h("tbody", {},
      row("State", "el-state"),
      row("Power", "el-power", c.power),
      row("Setpoint", "el-setpoint", c.setpoint),
      row("Ramped setpoint", "el-ramped", c.ramped),
      row("Readback DCCT 1", "el-read1", c.read1),
      row("Readback DCCT 2", "el-read2", c.read2),
      row("Deviation", "el-deviation", c.deviation),
      row("Voltage", "el-volt", c.volt),
      row(`Strength ${e.strengthName}`, "el-strength", c.strength),
      row("Interlocks latched", "el-ilk", c.ilk),
      row("Interlocks live", "el-ilklive", c.ilkLive))),
    h("p", { class: "sub" }, `Range ${live.text(c.setpoint, e.minCurrent)} … ${live.text(c.setpoint, e.maxCurrent)}`),
    h("div", { class: "form" },
      h("input", { id: "el-value", type: "number", step: "any", placeholder: "value" }),
      h("select", { id: "el-units" }, h("option", { value: "hardware" }, "A (hardware)"), h("option", { value: "physics" }, `${e.strengthName} (physics)`)),
      h("button", { id: "el-set", class: "act", onclick: () => setTo(Number($("#el-value").value)) }, "Set")),
    h("div", { class: "form" },
      h("input", { id: "el-step", type: "number", step: "any", value: "0.1" }),
      h("button", { id: "el-dec", class: "act", onclick: () => increment(-1) }, "− step"),
      h("button", { id: "el-inc", class: "act", onclick: () => increment(1) }, "+ step")),
    h("div", { class: "form" },
      h("button", { id: "el-on", class: "act", onclick: () => post(`/api/elements/${e.name}/switch`, { on: true }) }, "On"),
      h("button", { id: "el-off", class: "act", onclick: () => switchOff(e) }, "Off"),
      h("button", { id: "el-reset", class: "act", onclick: () => post(`/api/elements/${e.name}/reset`) }, "Reset interlocks")),
    h("p", { id: "el-message", class: "message" }, session.canWrite ? "" : "Signed in as a viewer: the server refuses actions."));
  panel.classList.remove("hidden");
  refresh();
}

export function closeElement() {
  current = null;
  $("#element-panel").classList.add("hidden");
}

// The value of the element in the units chosen: amperes, or its strength at the present energy.
const present = (units) => live.value(units === "physics" ? readbacks(current).strength : current.setpointChannel);

async function setTo(value, units = $("#el-units").value) {
  if (!Number.isFinite(value)) return show($("#el-message"), false, "enter a number");
  const res = await api("POST", "/api/set", { targets: [{ element: current.name, value }], units });
  show($("#el-message"), res.ok, res.ok ? `${reason(res)} (ramp ${res.data.rampId})` : `Refused: ${reason(res)}`);
}

function increment(sign) {
  const units = $("#el-units").value;
  setTo(present(units) + sign * Number($("#el-step").value), units);
}

async function switchOff(e) {
  const confirmed = e.name !== "PS" || window.confirm("Switch off the dipole supply?");
  if (confirmed) post(`/api/elements/${e.name}/switch`, { on: false, confirm: e.name === "PS" });
}

async function post(url, body) {
  const res = await api("POST", url, body);
  show($("#el-message"), res.ok, res.ok ? reason(res) : `Refused: ${reason(res)}`);
}

export function refresh() {
  if (!current) return;
  const c = readbacks(current);
  const set = (id, path) => {
    const cell = $(`#${id}`);
    cell.textContent = live.text(path, live.value(path), false);
    cell.className = `sev-${live.severity(path)}`;
  };
  set("el-power", c.power); set("el-setpoint", c.setpoint); set("el-ramped", c.ramped); set("el-read1", c.read1); set("el-read2", c.read2);
  set("el-deviation", c.deviation); set("el-volt", c.volt); set("el-strength", c.strength); set("el-ilk", c.ilk); set("el-ilklive", c.ilkLive);
  const { state, alarm } = stateOf(current.name);
  $("#el-state").textContent = state;
  $("#el-state").className = `st-${state} sev-${alarm}`;
}

live.onUpdate(refresh);
