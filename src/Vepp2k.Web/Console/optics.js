// Optics and energy: beta functions and dispersion around the ring from the online model (the
// readbacks through the magnet models; the design when the model has no stable optics), the online
// model's tunes and round-beam indicators against the design, NMR probes, energy and calibrations.
import { api } from "./api.js";
import { $, dateTime, fmt, h, table } from "./dom.js";
import * as live from "./live.js";
import { plot } from "./plot.js";

export function init() {
  $("#view-optics").append(
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
        h("h3", {}, "NMR probes"),
        h("div", { id: "opt-nmr" }),
        h("h3", {}, "Calibration entries"),
        h("div", { id: "opt-calibration" }))));
}

let design = null;
let lastMode = null;

// The online model recomputes once a second; the plots follow every 5 s while the view is open.
setInterval(() => { if (lastMode && $("#view-optics").classList.contains("active")) load(lastMode); }, 5000);

export async function load(mode) {
  const [modelTwiss, optics, energy] = await Promise.all([api("GET", "/api/model/twiss"), design ? null : api("GET", `/api/optics?mode=${mode}`), api("GET", "/api/energy")]);
  if (optics?.ok) design = optics.data;
  const fromModel = modelTwiss.ok && modelTwiss.data.stable;
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

const cell = (path, digits = 4) => h("td", { class: `sev-${live.severity(path)}` }, fmt(live.value(path), digits));

export function refresh() {
  if (!design || !$("#view-optics").classList.contains("active")) return;
  const nu = ["VEPP/Model/NuX", "VEPP/Model/NuY"];
  const rows = nu.map((p, i) => h("tr", {}, h("th", {}, p.split("/").pop()), cell(p), h("td", {}, fmt(design.tunes[i]))));
  for (const p of ["TuneSplit", "EmittanceRatio", "ChromX", "ChromY"]) rows.push(h("tr", {}, h("th", {}, p), cell(`VEPP/Model/${p}`), h("td", {}, "")));
  for (const ip of ["SND", "CMD"])
    for (const c of live.under(`VEPP/Model/${ip}/`)) rows.push(h("tr", {}, h("th", {}, `${ip} ${c.path.split("/").pop()}`), cell(c.path), h("td", {}, c.units)));
  $("#opt-tunes").replaceChildren(table(["", "online", "design"], rows), h("p", { class: "sub" }, `model: ${live.value("VEPP/Model/Status") ?? "—"}`));
  const e = ["Energy", "dEnergy", "Energy_NMR", "SetE"].map((p) => h("tr", {}, h("th", {}, p), cell(`VEPP/Energy/${p}`, 4), h("td", {}, "MeV")));
  e.push(h("tr", {}, h("th", {}, "status"), h("td", { colspan: 2 }, live.value("VEPP/Energy/EnergyStatus") ?? "")));
  $("#opt-energy").replaceChildren(table(["", "value", ""], e));
  $("#opt-nmr").replaceChildren(table(["probe", "field [T]"], live.under("VEPP/NMR/Measured/").map((c) => h("tr", {}, h("th", {}, c.path.split("/").pop()), cell(c.path, 6)))));
}

live.onUpdate(refresh);
