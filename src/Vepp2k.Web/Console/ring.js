// The ring drawn from /api/layout: the closed orbit, each magnet where the lattice puts it,
// coloured by its supply's state and alarm; a click opens the element panel.
import { api } from "./api.js";
import { $, h } from "./dom.js";
import * as live from "./live.js";

const ns = "http://www.w3.org/2000/svg";
const svgEl = (tag, attrs) => {
  const el = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
};
const width = { Dipole: 0.16, Quadrupole: 0.12, SolenoidSection: 0.1 };
const severities = ["NoAlarm", "Minor", "Major", "Invalid"];

export const ring = { layout: null, elements: new Map(), stateLabels: [] };

export async function load(openElement) {
  const [layout, elements, status] = await Promise.all([api("GET", "/api/layout"), api("GET", "/api/elements"), api("GET", "/api/channels/VEPP/PS/Status")]);
  ring.layout = layout.data;
  ring.stateLabels = status.data.labels;
  for (const e of elements.data) ring.elements.set(e.name, e);
  draw(openElement);
  $("#element-names").replaceChildren(...elements.data.map((e) => h("option", { value: e.name })));
  $("#find-element").onchange = (ev) => { if (ring.elements.has(ev.target.value)) openElement(ev.target.value); };
  $("#corrector-list").replaceChildren(...ring.layout.correctors.map((c) =>
    h("button", { class: "chip", "data-element": c.name, title: `${c.kind} on ${c.host}`, onclick: () => openElement(c.name) }, c.name)));
  $("#legend").replaceChildren(...["On", "Off", "ramping", "Interlock", "Minor", "Major"].map((x) =>
    h("span", { class: `key st-${x}` }, x)));
  live.onUpdate(() => colour());
  colour();
}

function draw(openElement) {
  const svg = $("#ring");
  const xs = ring.layout.orbit.map((p) => p[0]), ys = ring.layout.orbit.map((p) => -p[1]);
  const pad = 0.8;
  const [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  svg.setAttribute("viewBox", `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
  const line = (pts) => pts.map((p, i) => `${i ? "L" : "M"}${p[0].toFixed(3)},${(-p[1]).toFixed(3)}`).join("");
  svg.replaceChildren(svgEl("path", { d: line(ring.layout.orbit) + "Z", class: "orbit" }));
  // Labels go towards the centre of the ring (markers) or away from it (magnets).
  const cx = xs.reduce((a, b) => a + b) / xs.length, cy = -ys.reduce((a, b) => a + b) / ys.length;
  const away = (p, d) => {
    const dx = p[0] - cx, dy = p[1] - cy, r = Math.hypot(dx, dy) || 1;
    return [p[0] + (dx / r) * d, -(p[1] + (dy / r) * d)];
  };
  // Each label with the direction (drawing coordinates) it may be pushed to clear another.
  const labels = [];
  const outwards = (p, sign) => {
    const dx = p[0] - cx, dy = p[1] - cy, r = Math.hypot(dx, dy) || 1;
    return [sign * dx / r, -sign * dy / r];
  };
  for (const item of ring.layout.items) {
    const [x, y] = item.points[0];
    if (item.kind === "Monitor") {
      // Light monitors (1M1L ... 4M2R) and BPMs: small dots, named on hover.
      const dot = svgEl("circle", { cx: x, cy: -y, r: 0.05, class: "marker Monitor", "data-name": item.name });
      const title = svgEl("title", {});
      title.textContent = item.name.startsWith("BPM") ? `${item.name} (beam position monitor)` : `${item.name} (synchrotron-light monitor)`;
      dot.append(title);
      svg.append(dot);
      continue;
    }
    if (item.element === null || item.element === undefined) {
      svg.append(svgEl("circle", { cx: x, cy: -y, r: 0.12, class: `marker ${item.kind}` }));
      const [lx, ly] = away([x, y], -0.7);
      const t = svgEl("text", { x: lx, y: ly + 0.1, class: "marker-label" });
      t.textContent = item.name === "INJ" ? "injection" : item.name;
      svg.append(t);
      labels.push({ t, dir: outwards([x, y], -1) });
      continue;
    }
    const g = svgEl("g", { class: `mag ${item.kind}`, "data-element": item.element, "data-name": item.name });
    g.append(svgEl("path", { d: line(item.points), "stroke-width": width[item.kind] ?? 0.1 }));
    const title = svgEl("title", {});
    title.textContent = item.name === item.element ? item.name : `${item.name} (supply ${item.element})`;
    g.append(title);
    if (item.kind !== "Dipole") {
      const mid = item.points[Math.floor(item.points.length / 2)];
      // Solenoid sections sit close together: their labels alternate inside and outside.
      const inside = item.kind === "SolenoidSection" && item.name.endsWith("2");
      const [lx, ly] = away(mid, inside ? -0.3 : 0.35);
      const label = svgEl("text", { x: lx, y: ly + 0.04, class: "mag-label" });
      label.textContent = item.name;
      g.append(label);
      labels.push({ t: label, dir: outwards(mid, inside ? -1 : 1) });
    }
    g.addEventListener("click", () => openElement(item.element));
    svg.append(g);
  }
  separate(labels);
  // The view grows to hold labels pushed beyond the orbit's margin.
  const all = labels.map(({ t }) => t.getBBox()).reduce((a, b) => ({ x0: Math.min(a.x0, b.x), y0: Math.min(a.y0, b.y), x1: Math.max(a.x1, b.x + b.width), y1: Math.max(a.y1, b.y + b.height) }),
    { x0, y0, x1, y1 });
  svg.setAttribute("viewBox", `${all.x0 - 0.1} ${all.y0 - 0.1} ${all.x1 - all.x0 + 0.2} ${all.y1 - all.y0 + 0.2}`);
}

// Quadrupoles near an IP and the solenoid sections sit closer together than their names are long:
// a label that would cover one already placed moves further along its direction, step by step,
// until it is clear (the drawing scales as a whole, so clear here is clear on any screen).
function separate(labels) {
  const gap = 0.02, step = 0.08;
  const clash = (a, b) => a.x - gap < b.x + b.width && b.x - gap < a.x + a.width && a.y - gap < b.y + b.height && b.y - gap < a.y + a.height;
  const placed = [];
  for (const { t, dir } of labels) {
    for (let k = 0; k < 20 && placed.some((p) => clash(t.getBBox(), p)); k++) {
      t.setAttribute("x", Number(t.getAttribute("x")) + dir[0] * step);
      t.setAttribute("y", Number(t.getAttribute("y")) + dir[1] * step);
    }
    placed.push(t.getBBox());
  }
}

// The state an element shows: its supply state, "ramping" while the ramped setpoint moves, and
// the worst alarm among its channels.
export function stateOf(name) {
  const e = ring.elements.get(name);
  if (!e) return { state: "?", alarm: "NoAlarm" };
  const s = live.value(`${e.path}/Status`);
  let state = s == null ? e.state : ring.stateLabels[s];
  const set = live.value(e.setpointChannel), ramped = live.value(`${e.path}/RCur`);
  if (state === "On" && set != null && ramped != null && Math.abs(set - ramped) > 1e-6 * Math.max(1, Math.abs(e.maxCurrent))) state = "ramping";
  let worst = 0;
  for (const c of live.under(`${e.path}/`)) if (c.status !== "Udf") worst = Math.max(worst, severities.indexOf(c.severity));
  return { state, alarm: severities[Math.max(0, worst)] };
}

function colour() {
  for (const g of document.querySelectorAll("#ring .mag")) {
    const { state, alarm } = stateOf(g.dataset.element);
    g.setAttribute("class", `mag ${g.classList[1]} st-${state} al-${alarm}`);
  }
  for (const b of document.querySelectorAll("#corrector-list .chip")) {
    const { state, alarm } = stateOf(b.dataset.element);
    b.className = `chip st-${state} al-${alarm}`;
  }
}
