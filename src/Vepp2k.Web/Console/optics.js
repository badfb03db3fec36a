// Optics and energy: beta functions and dispersion around the ring from the online model (the
// readbacks through the magnet models; the design when the model has no stable optics), the online
// model's tunes and round-beam indicators against the design, NMR probes, energy and calibrations.
// A banner flags an online model outside the bounds of the mode's design (docs/operations.md).
import { api, reason } from "./api.js";
import { $, dateTime, fmt, h, show, table } from "./dom.js";
import * as live from "./live.js";
import { plot } from "./plot.js";

export function init() {
  $("#view-optics").append(
    h("div", { id: "opt-warning", class: "banner optics hidden" }),
    h("div", { class: "cols" },
      h("div", {},
        h("h3", { id: "opt-title" }, "Lattice functions"),
        h("svg", { id: "opt-beta", class: "plot small" }),
        h("svg", { id: "opt-disp", class: "plot small" })),
      h("div", {},
        h("h3", {}, "Tunes and round beams (online model vs design)"),
        h("div", { id: "opt-tunes" }),
        h("h3", {}, "Beam energy"),
        h("div", { id: "opt-energy" }),
        h("div", { class: "form" },
          h("input", { id: "opt-energy-target", type: "number", step: "any", min: "160", max: "1000", placeholder: "MeV" }),
          h("input", { id: "opt-energy-rate", type: "number", step: "any", min: "0.01", value: "10", title: "MeV/s" }),
          h("button", { id: "opt-energy-set", class: "act", onclick: setEnergy }, "Set energy")),
        h("p", { class: "sub", id: "opt-ramp-state" }),
        h("p", { id: "opt-energy-message", class: "message" }),
        h("h3", {}, "NMR probes"),
        h("div", { id: "opt-nmr" }),
        h("h3", {}, "Calibration entries"),
        h("div", { id: "opt-calibration" }))));
}

let design = null;
let lastMode = null;
// From the design: beta* at each IP and the largest |Dx|; from the online model: its largest |Dx|.
let designBounds = null;
let modelMaxDx = null;

const maxAbsDx = (rows) => Math.max(...rows.map((r) => Math.abs(r.dx)));

// The online model recomputes once a second; the plots follow every 5 s while the view is open.
setInterval(() => { if (lastMode && $("#view-optics").classList.contains("active")) load(lastMode); }, 5000);

export async function load(mode) {
  const [modelTwiss, optics, designTwiss, energy] = await Promise.all([api("GET", "/api/model/twiss"), design ? null : api("GET", `/api/optics?mode=${mode}`),
    designBounds ? null : api("GET", `/api/twiss?mode=${mode}`), api("GET", "/api/energy")]);
  if (optics?.ok) design = optics.data;
  // beta* as the model channels give it: each plane summed over both modes (the round-beam report).
  if (designTwiss?.ok && design) {
    const at = (ip) => design.roundBeam?.points.find((p) => p.point === ip);
    designBounds = { betaStar: { SND: at("SND"), CMD: at("CMD") }, maxDx: maxAbsDx(designTwiss.data) };
  }
  const fromModel = modelTwiss.ok && modelTwiss.data.stable;
  modelMaxDx = fromModel ? maxAbsDx(modelTwiss.data.rows) : null;
  const twiss = fromModel ? { ok: true, data: modelTwiss.data.rows } : await api("GET", `/api/twiss?mode=${mode}`);
  lastMode = mode;
  $("#opt-title").textContent = fromModel ? `Lattice functions from the online model (${new Date().toLocaleTimeString()})`
    : `Lattice functions, mode ${mode} (design: the online model has no stable optics)`;
  if (twiss.ok) {
    const rows = twiss.data;
    plot($("#opt-beta"), [{ name: "beta x [m]", points: rows.map((r) => [r.s, r.betX]) }, { name: "beta y [m]", points: rows.map((r) => [r.s, r.betY]) }], { xLabel: "s [m]", yLabel: "beta [m]" });
    plot($("#opt-disp"), [{ name: "D x [m]", points: rows.map((r) => [r.s, r.dx]) }], { xLabel: "s [m]", yLabel: "dispersion [m]" });
  }
  if (energy.ok) $("#opt-calibration").replaceChildren(energy.data.calibration.length === 0 ? h("p", { class: "sub" }, "none entered")
    : table(["time", "method", "reference [MeV]", "± [MeV]", "NMR [MeV]", "user", "note"], energy.data.calibration.map((c) => h("tr", {},
      h("td", {}, dateTime(c.time)), h("td", {}, c.method), h("td", {}, fmt(c.referenceEnergyEv / 1e6)), h("td", {}, fmt(c.referenceUncertaintyEv / 1e6)),
      h("td", {}, fmt(c.nmrEnergyEv / 1e6)), h("td", {}, c.author), h("td", {}, c.note)))));
  refresh();
}

const cell = (path) => h("td", { class: `sev-${live.severity(path)}` }, live.text(path, live.value(path), false));

// What is outside the bounds: beta* in both planes at each IP within 0.5-2 times its design value,
// the largest |Dx| at most twice the design's, each tune at least 0.02 from an integer or half-integer.
function outOfBounds() {
  const status = live.value("VEPP/Model/Status");
  if (status && status !== "ok") return [`no stable optics (${status})`];
  const out = [];
  for (const ip of ["SND", "CMD"]) {
    const d = designBounds.betaStar[ip];
    if (!d) continue;
    for (const [plane, designBeta] of [["x", d.betaX], ["y", d.betaY]]) {
      const path = `VEPP/Model/${ip}/Beta${plane.toUpperCase()}`, v = live.value(path);
      if (v != null && (v < 0.5 * designBeta || v > 2 * designBeta))
        out.push(`beta_${plane}* at ${ip} ${live.text(path)} (bounds ${fmt(0.5 * designBeta, 3)}–${fmt(2 * designBeta, 3)} m)`);
    }
  }
  if (modelMaxDx != null && modelMaxDx > 2 * designBounds.maxDx)
    out.push(`max |Dx| ${fmt(modelMaxDx, 2)} m (bound ${fmt(2 * designBounds.maxDx, 2)} m, twice the design)`);
  for (const p of ["VEPP/Model/NuX", "VEPP/Model/NuY"]) {
    const v = live.value(p);
    if (v != null && Math.abs(2 * v - Math.round(2 * v)) < 0.04) out.push(`${p.split("/").pop()} ${live.text(p)} within 0.02 of an integer or half-integer`);
  }
  return out;
}

export function refresh() {
  if (!design || !$("#view-optics").classList.contains("active")) return;
  const wild = designBounds ? outOfBounds() : [];
  $("#opt-warning").textContent = `Online model outside its bounds: ${wild.join("; ")}`;
  $("#opt-warning").classList.toggle("hidden", wild.length === 0);
  const nu = ["VEPP/Model/NuX", "VEPP/Model/NuY"];
  const rows = nu.map((p, i) => h("tr", {}, h("th", {}, p.split("/").pop()), cell(p), h("td", {}, live.text(p, design.tunes[i], false))));
  for (const p of ["TuneSplit", "EmittanceRatio", "ChromX", "ChromY"]) rows.push(h("tr", {}, h("th", {}, p), cell(`VEPP/Model/${p}`), h("td", {}, "")));
  for (const ip of ["SND", "CMD"])
    for (const c of live.under(`VEPP/Model/${ip}/`)) rows.push(h("tr", {}, h("th", {}, `${ip} ${c.path.split("/").pop()}`), cell(c.path), h("td", {}, c.units)));
  $("#opt-tunes").replaceChildren(table(["", "online", "design"], rows), h("p", { class: "sub" }, `model: ${live.value("VEPP/Model/Status") ?? "—"}`));
  const e = ["Energy", "dEnergy", "Energy_NMR", "SetE"].map((p) => h("tr", {}, h("th", {}, p), cell(`VEPP/Energy/${p}`), h("td", {}, live.unitOf(`VEPP/Energy/${p}`))));
  e.push(h("tr", {}, h("th", {}, "status"), h("td", { colspan: 2 }, live.value("VEPP/Energy/EnergyStatus") ?? "")));
  $("#opt-ramp-state").textContent = `energy ramp: ${live.value("VEPP/Energy/RampState") ?? "—"}`;
  $("#opt-energy").replaceChildren(table(["", "value", ""], e));
  $("#opt-nmr").replaceChildren(table(["probe", "field [T]"], live.under("VEPP/NMR/Measured/").map((c) => h("tr", {}, h("th", {}, c.path.split("/").pop()), cell(c.path)))));
}

live.onUpdate(refresh);

// The whole machine to another energy, every strength kept: one table ramp of every supply (docs/energy.md).
async function setEnergy() {
  const energyMeV = Number($("#opt-energy-target").value), rateMeVPerSecond = Number($("#opt-energy-rate").value);
  if (!Number.isFinite(energyMeV) || $("#opt-energy-target").value === "") return show($("#opt-energy-message"), false, "enter an energy in MeV");
  const res = await api("POST", "/api/energy", { energyMeV, rateMeVPerSecond });
  show($("#opt-energy-message"), res.ok, res.ok ? `${res.data.message} (ramp ${res.data.rampId})` : `Refused: ${reason(res)}`);
}
