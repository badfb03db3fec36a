// History: several channels against time, decimated by the server into as many bins as the plot
// has pixels to show; dragging over the plot zooms, which re-queries the narrower range. Settings
// (what a working set saves) and enumerated states hold their value until the next change, so they
// are drawn as steps; each unit gets its own axis.
import { api, qs } from "./api.js";
import { $, h, show } from "./dom.js";
import * as live from "./live.js";
import { plot } from "./plot.js";

let range = null;

const isStep = (spec) => spec?.setting === true || spec?.type === "Enum";

export function init() {
  const view = $("#view-history");
  view.append(
    h("div", { class: "form" },
      h("label", {}, "Channels ", h("input", { id: "hist-channels", size: 60, value: "VEPP/QUAD/1F1/MCur.1", list: "channel-names" })),
      h("label", {}, "Last ", h("select", { id: "hist-range" }, [5, 15, 60, 360, 1440].map((m) => h("option", { value: m }, `${m} min`)))),
      h("button", { id: "hist-plot", onclick: () => { range = null; draw(); } }, "Plot"),
      h("button", { id: "hist-reset", onclick: () => { range = null; draw(); } }, "Zoom out")),
    h("datalist", { id: "channel-names" }),
    h("p", { id: "hist-message", class: "message" }, "Comma-separated channel paths; drag across the plot to zoom."),
    h("svg", { id: "hist-svg", class: "plot" }));
}

export async function channelNames() {
  const res = await api("GET", "/api/channels");
  if (res.ok) $("#channel-names").replaceChildren(...res.data.filter((c) => c.type === "Double").map((c) => h("option", { value: c.path })));
}

async function draw() {
  const paths = $("#hist-channels").value.split(",").map((s) => s.trim()).filter(Boolean);
  const svg = $("#hist-svg");
  const now = live.serverNow();
  const [from, to] = range ?? [now - Number($("#hist-range").value) * 60_000, now];
  const bins = Math.max(50, Math.floor((svg.clientWidth || 900) / 3));
  const answers = await Promise.all(paths.map((p) =>
    api("GET", `/api/history/${p}?${qs({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), bins })}`)));
  const failed = answers.find((r) => !r.ok);
  if (failed) return show($("#hist-message"), false, `History: ${failed.data?.error ?? failed.status}`);
  const series = answers.map((r, i) => {
    const full = r.data.bins.filter((b) => b.count > 0);
    const mid = (b) => (Date.parse(b.start) + Date.parse(b.end)) / 2;
    return { name: paths[i], unit: live.unitOf(paths[i]), step: isStep(live.specs.get(paths[i])),
      points: full.map((b) => [mid(b), b.mean]), band: full.map((b) => [mid(b), b.min, b.max]) };
  });
  const count = answers.reduce((n, r) => n + r.data.bins.reduce((k, b) => k + b.count, 0), 0);
  show($("#hist-message"), true, `${count} archived samples in ${bins} bins per channel (mean line, min–max band)`);
  plot(svg, series, { time: true, xRange: [from, to], xLabel: "time", format: (path, y) => live.text(path, y), onZoom: (a, b) => { range = [a, b]; draw(); } });
}
