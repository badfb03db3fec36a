// The beam: currents, lifetimes and luminosity, the closed orbit at the 4 BPMs and 16 light monitors,
// the beam spots at the light monitors (ellipses to one scale, tilted as measured), the measured tunes
// on a resonance diagram, and the operators' orbit work: response measurements and the correction
// (planned first, applied only when confirmed).
import { api, reason } from "./api.js";
import { $, fmt, h, show, table } from "./dom.js";
import * as live from "./live.js";
import { el as svgEl, plot } from "./plot.js";

const ccds = [1, 2, 3, 4].flatMap((q) => [1, 2].flatMap((k) => ["L", "R"].map((e) => `${q}M${k}${e}`)));
const monitors = [...[1, 2, 3, 4].map((k) => ({ name: `BPM${k}`, path: `VEPP/BPM/${k}` })), ...ccds.map((c) => ({ name: c, path: `VEPP/CCD/${c}` }))];

export function init() {
  $("#view-beam").append(
    h("div", { class: "cols" },
      h("div", {},
        h("h3", {}, "Beams"),
        h("div", { id: "beam-currents" }),
        h("div", { class: "form" },
          h("select", { id: "beam-which" }, h("option", { value: "e" }, "e-"), h("option", { value: "p" }, "e+")),
          h("input", { id: "beam-inject-ma", type: "number", step: "any", min: "0", value: "10", title: "mA" }),
          h("button", { id: "beam-inject", class: "act", onclick: inject }, "Inject")),
        h("p", { id: "beam-message", class: "message" }),
        h("h3", {}, "Tunes (tune meter) on the resonance diagram"),
        h("svg", { id: "beam-tunes", class: "plot tunes", role: "img", "aria-label": "tune diagram" }),
        h("h3", {}, "Orbit correction"),
        h("div", { class: "form" },
          h("label", {}, "SV cut ", h("input", { id: "orb-cut", type: "number", step: "any", value: "0.001", size: 6 })),
          h("label", {}, "response ", h("select", { id: "orb-source" }, h("option", { value: "" }, "model"))),
          h("label", { title: "dispersion-free steering: weight of the measured dispersion error against the orbit (needs a measurement with the dispersion)" },
            "dispersion weight ", h("input", { id: "orb-dweight", type: "number", step: "any", min: "0", value: "0", size: 5 })),
          h("button", { id: "orb-plan", onclick: planCorrection }, "Plan"),
          h("button", { id: "orb-apply", class: "act", onclick: applyCorrection }, "Apply plan")),
        h("div", { id: "orb-plan-result" }),
        h("h3", {}, "Orbit response measurements"),
        h("div", { class: "form" },
          h("label", {}, "step [A] ", h("input", { id: "orm-step", type: "number", step: "any", value: "0.3", size: 5 })),
          h("button", { id: "orm-start", class: "act", onclick: measure }, "Measure all 36 correctors")),
        h("p", { id: "orm-message", class: "message" }),
        h("div", { id: "orm-list" }),
        h("h3", {}, "LOCO"),
        h("div", { class: "form" },
          h("button", { id: "loco-measure", class: "act", onclick: locoMeasure }, "Measure for LOCO"),
          h("select", { id: "loco-source" }),
          h("button", { id: "loco-fit", class: "act", onclick: locoFit }, "Fit")),
        h("p", { id: "loco-message", class: "message" }),
        h("div", { id: "loco-list" })),
      h("div", {},
        h("h3", {}, "Closed orbit at the monitors"),
        h("svg", { id: "beam-orbit", class: "plot small" }),
        h("h3", {}, "Beam spots at the light monitors (1 mm grid)"),
        h("div", { id: "beam-spots", class: "spots" }),
        h("div", { id: "loco-view", class: "hidden" },
          h("h3", { id: "loco-title" }, "LOCO fit"),
          h("p", { id: "loco-summary" }),
          h("svg", { id: "loco-chi2", class: "plot small" }),
          h("svg", { id: "loco-beat", class: "plot small" }),
          h("svg", { id: "loco-ratios", class: "plot small" }),
          h("div", { class: "form" }, h("button", { id: "loco-apply", class: "act", onclick: locoApply }, "Apply corrections")),
          h("p", { id: "loco-apply-message", class: "message" }),
          h("div", { id: "loco-changes", class: "scroll" })))));
}

export function load() {
  refresh();
  measurements();
  fits();
}

const visible = () => $("#view-beam").classList.contains("active");
const v = (path) => live.value(path);
const cell = (path) => h("td", { class: `sev-${live.severity(path)}` }, live.text(path));

export function refresh() {
  if (!visible()) return;
  const rows = [["e-", "VEPP/Currents/e", "VEPP/Currents/etau"], ["e+", "VEPP/Currents/p", "VEPP/Currents/ptau"]]
    .map(([name, i, tau]) => h("tr", {}, h("th", {}, name), cell(i), cell(tau)));
  $("#beam-currents").replaceChildren(table(["", "current", "lifetime"], rows),
    table(["IP", "luminosity"], ["SND", "CMD"].map((ip) => h("tr", {}, h("th", {}, ip), h("td", {}, `${fmt(v(`VEPP/Lum/Lsm${ip}`), 3)} cm⁻²s⁻¹`)))),
    h("p", { id: "beam-status", class: v("VEPP/Beam/Status") === "ok" ? "message ok" : "message refusal" }, `beam: ${v("VEPP/Beam/Status") ?? "—"}`));
  const x = monitors.map((m, i) => [i, v(`${m.path}/x`)]), z = monitors.map((m, i) => [i, v(`${m.path}/z`)]);
  plot($("#beam-orbit"), [{ name: "x [mm]", points: x.filter((p) => Number.isFinite(p[1])) }, { name: "z [mm]", points: z.filter((p) => Number.isFinite(p[1])) }],
    { xLabel: "monitor (BPM1-4, then 1M1L ... 4M2R)", yLabel: "orbit [mm]" });
  spots();
  tunes();
}

// Each spot is drawn as its 1-sigma ellipse at its centroid, every monitor to the same scale.
function spots() {
  const size = 120, scale = size / 4;   // 4 mm across each box
  $("#beam-spots").replaceChildren(...ccds.map((c) => {
    const p = `VEPP/CCD/${c}`, sx = v(`${p}/sigma_x`), sz = v(`${p}/sigma_z`), tilt = v(`${p}/phi`) ?? 0;
    const svg = svgEl("svg", { width: size, height: size + 16, class: "spot", "data-ccd": c });
    for (let g = -2; g <= 2; g++) {
      svg.append(svgEl("line", { x1: size / 2 + g * scale, y1: 0, x2: size / 2 + g * scale, y2: size, class: "grid" }));
      svg.append(svgEl("line", { x1: 0, y1: size / 2 + g * scale, x2: size, y2: size / 2 + g * scale, class: "grid" }));
    }
    if (Number.isFinite(sx) && Number.isFinite(sz)) {
      const cx = size / 2 + (v(`${p}/x`) ?? 0) * scale, cy = size / 2 - (v(`${p}/z`) ?? 0) * scale;
      svg.append(svgEl("ellipse", { cx, cy, rx: sx * scale, ry: sz * scale, transform: `rotate(${(-tilt * 180) / Math.PI} ${cx} ${cy})`, class: "beam" }));
    }
    svg.append(svgEl("text", { x: 4, y: size + 12, class: "tick" }, `${c} ${fmt(sx, 3)}×${fmt(sz, 3)}`));
    return svg;
  }));
}

// Resonance lines m nu_x + n nu_z = p up to third order in the unit square of fractional tunes.
function tunes() {
  const svg = $("#beam-tunes"), w = 300;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${w} ${w}`);
  const X = (q) => q * w, Y = (q) => w - q * w;
  for (let order = 1; order <= 3; order++)
    for (let m = -order; m <= order; m++) {
      const n = order - Math.abs(m);
      for (const nn of n === 0 ? [0] : [n, -n])
        for (let p = -3; p <= 3; p++) {
          // points of m x + nn y = p on the square's edges
          const pts = [];
          if (nn !== 0) for (const x of [0, 1]) { const y = (p - m * x) / nn; if (y >= 0 && y <= 1) pts.push([x, y]); }
          if (m !== 0) for (const y of [0, 1]) { const x = (p - nn * y) / m; if (x >= 0 && x <= 1) pts.push([x, y]); }
          if (pts.length >= 2) svg.append(svgEl("line", { x1: X(pts[0][0]), y1: Y(pts[0][1]), x2: X(pts[1][0]), y2: Y(pts[1][1]), class: `res o${order}` }));
        }
    }
  const nx = v("VEPP/Nu/nuX"), nz = v("VEPP/Nu/nuY");
  if (Number.isFinite(nx) && Number.isFinite(nz)) svg.append(svgEl("circle", { cx: X(nx), cy: Y(nz), r: 5, class: "working-point" }));
  svg.append(svgEl("text", { x: 6, y: 14, class: "tick" }, `νx ${fmt(nx, 4)}  νz ${fmt(nz, 4)}`));
}

live.onUpdate(refresh);

async function inject() {
  const res = await api("POST", "/api/beam/inject", { beam: $("#beam-which").value, currentMA: Number($("#beam-inject-ma").value) });
  show($("#beam-message"), res.ok, res.ok ? res.data.message : `Refused: ${reason(res)}`);
}

let plan = null;

async function planCorrection() {
  const source = $("#orb-source").value;
  const res = await api("GET", `/api/orbit/correction?svCut=${Number($("#orb-cut").value)}&dispersionWeight=${Number($("#orb-dweight").value)}${source ? `&measurement=${source}` : ""}`);
  plan = res.ok && !res.data.refusal ? res.data : null;
  const out = $("#orb-plan-result");
  if (!res.ok) return out.replaceChildren(h("p", { class: "message refusal" }, `Refused: ${reason(res)}`));
  const p = res.data;
  if (p.refusal) return out.replaceChildren(h("p", { class: "message refusal" }, `No plan: ${p.refusal}`));
  out.replaceChildren(
    h("p", { id: "orb-plan-summary" }, `${p.response} response, ${p.singularValuesUsed} of ${p.singularValues} singular values: rms ${fmt(p.measuredRms * 1e3, 4)} mm now, ${fmt(p.expectedRms * 1e3, 4)} mm expected`
      + (p.dispersionRms > 0 ? `; dispersion error ${fmt(p.dispersionRms * 1e3, 3)} mm now, ${fmt(p.dispersionExpectedRms * 1e3, 3)} mm expected` : "")),
    h("div", { class: "scroll" }, table(["corrector", "from [A]", "to [A]", "kick [µrad]"], p.changes.map((c) =>
      h("tr", {}, h("td", {}, c.corrector), h("td", {}, fmt(c.fromAmps)), h("td", {}, fmt(c.toAmps)), h("td", {}, fmt(c.kick * 1e6, 2)))))));
}

async function applyCorrection() {
  const out = $("#orb-plan-result");
  if (!plan) return out.prepend(h("p", { class: "message refusal" }, "Plan a correction first: it shows what will change"));
  const source = $("#orb-source").value;
  if (!confirm(`Apply the orbit correction to ${plan.changes.length} correctors?`)) return;
  const res = await api("POST", "/api/orbit/correction", { confirm: true, svCut: Number($("#orb-cut").value), dispersionWeight: Number($("#orb-dweight").value), measurement: source ? Number(source) : null });
  out.prepend(h("p", { class: res.ok ? "message ok" : "message refusal" }, res.ok ? `Applied: ${res.data.message}` : `Refused: ${reason(res)}`));
  plan = null;
}

async function measure() {
  const res = await api("POST", "/api/orbit/response", { stepA: Number($("#orm-step").value) });
  show($("#orm-message"), res.ok, res.ok ? res.data.where : `Refused: ${reason(res)}`);
  measurements();
}

async function abort(id) {
  const res = await api("POST", `/api/orbit/response/${id}/abort`);
  show($("#orm-message"), res.ok, res.ok ? res.data.message : `Refused: ${reason(res)}`);
  measurements();
}

async function measurements() {
  const res = await api("GET", "/api/orbit/response");
  if (!res.ok) return;
  $("#orm-list").replaceChildren(table(["#", "state", "where", ""], res.data.map((m) => h("tr", {},
    h("td", {}, m.id), h("td", {}, m.state), h("td", {}, m.where),
    h("td", {}, m.state === "Running" ? h("button", { class: "act", onclick: () => abort(m.id) }, "Abort") : "")))));
  const loco = $("#loco-source"), pick = loco.value;
  loco.replaceChildren(...res.data.filter((m) => m.state === "Completed" && m.kickStep != null).map((m) => h("option", { value: m.id }, `measurement #${m.id}`)));
  if ([...loco.options].some((o) => o.value === pick)) loco.value = pick;
  const select = $("#orb-source"), chosen = select.value;
  select.replaceChildren(h("option", { value: "" }, "model"), ...res.data.filter((m) => m.state === "Completed").map((m) => h("option", { value: m.id }, `measured #${m.id}`)));
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : "";
}

async function locoMeasure() {
  const res = await api("POST", "/api/loco/measure", {});
  show($("#loco-message"), res.ok, res.ok ? res.data.where : `Refused: ${reason(res)}`);
  measurements();
}

async function locoFit() {
  const id = Number($("#loco-source").value);
  if (!id) return show($("#loco-message"), false, "No completed LOCO measurement to fit: measure first");
  const res = await api("POST", "/api/loco/fits", { measurement: id });
  show($("#loco-message"), res.ok, res.ok ? res.data.where : `Refused: ${reason(res)}`);
  fits();
}

let shownFit = null;

async function fits() {
  const res = await api("GET", "/api/loco/fits");
  if (!res.ok) return;
  $("#loco-list").replaceChildren(table(["#", "state", "where", ""], res.data.map((f) => h("tr", {},
    h("td", {}, f.id), h("td", {}, f.state), h("td", {}, f.where),
    h("td", {}, f.state === "Completed" ? h("button", { onclick: () => showFit(f) }, "Show") : "")))));
  const latest = res.data.filter((f) => f.state === "Completed").at(-1);
  if (latest && shownFit?.id !== latest.id) showFit(latest);
}

// The fit's residual (chi2 per iteration), the beta-beat at the 20 monitors and the CCD size ratios, as fitted and as expected after the corrections.
function showFit(f) {
  shownFit = f;
  $("#loco-view").classList.remove("hidden");
  $("#loco-title").textContent = `LOCO #${f.id} (measurement #${f.measurement})`;
  $("#loco-summary").textContent = `chi2/dof ${fmt(f.chi2PerDegreeOfFreedom, 3)}; beta-beat ${fmt(f.before.betaBeatRms * 100, 2)} % → ${fmt(f.after.betaBeatRms * 100, 2)} % rms expected; worst CCD ratio ${fmt(f.before.worstRatioDeviation * 100, 2)} % → ${fmt(f.after.worstRatioDeviation * 100, 2)} % off the design's`;
  plot($("#loco-chi2"), [{ name: "chi2", points: f.iterations.map((it) => [it.number, Math.log10(it.chi2)]) }], { xLabel: "iteration", yLabel: "log10 chi2 (fit residual)" });
  const beat = (r) => r.betaBeat.map((b, i) => [i, b * 100]);
  plot($("#loco-beat"), [{ name: "fitted machine", points: beat(f.before) }, { name: "after corrections", points: beat(f.after) }],
    { xLabel: "monitor (x: BPM1-4, 1M1L ... 4M2R; then z)", yLabel: "beta-beat [%]" });
  const ratio = (r) => r.sizeRatios.map((v, i) => [i, (v / r.designSizeRatios[i] - 1) * 100]);
  plot($("#loco-ratios"), [{ name: "fitted machine", points: ratio(f.before) }, { name: "after corrections", points: ratio(f.after) }],
    { xLabel: "light monitor (1M1L ... 4M2R)", yLabel: "σx/σz vs design [%]" });
  $("#loco-changes").replaceChildren(table(["magnet", "from [A]", "to [A]", "strength change"], f.changes.map((c) =>
    h("tr", {}, h("td", {}, c.corrector), h("td", {}, fmt(c.fromAmps)), h("td", {}, fmt(c.toAmps)), h("td", {}, fmt(c.kick, 6))))));
}

async function locoApply() {
  if (!shownFit) return;
  if (!confirm(`Apply LOCO #${shownFit.id}: ${shownFit.changes.length} magnets change?`)) return;
  const res = await api("POST", `/api/loco/fits/${shownFit.id}/apply`, { confirm: true });
  show($("#loco-apply-message"), res.ok, res.ok ? `Applied: ${res.data.message}` : `Refused: ${reason(res)}`);
}

// Running measurements and fits report their progress while the view is open.
setInterval(() => { if (visible()) { measurements(); fits(); } }, 2000);
