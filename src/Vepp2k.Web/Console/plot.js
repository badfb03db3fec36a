// A small SVG line plot: several series, one y axis per unit (the first on the left, the others
// outside it in turn right and left), optional min/max bands, step lines for setpoints, time or
// plain x, the values under the pointer, and drag-to-zoom (the caller re-queries the new range).
const ns = "http://www.w3.org/2000/svg";
export const el = (tag, attrs, text) => {
  const e = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
};
export const colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"];

function ticks(lo, hi, n) {
  const span = hi - lo || 1, raw = span / n, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(t);
  return out;
}

const label = (v, isTime) => isTime ? new Date(v).toLocaleTimeString("en-GB", { hour12: false }) : Number(v.toPrecision(6)).toString();

/**
 * series: [{name, points: [[x, y]], band: [[x, min, max]]?, unit?, step?}]: a step series holds each
 * value until the next one (and its last value to the end of the range).
 * options: {time, xLabel, yLabel (the axis title when there is one axis), format(series, y), onZoom(x0, x1)}.
 */
export function plot(svg, series, options = {}) {
  const w = svg.clientWidth || 900, hgt = svg.clientHeight || 400;
  const units = [...new Set(series.map((s) => s.unit ?? ""))];
  const axisWidth = 64;
  const m = { l: 6 + axisWidth * Math.ceil(units.length / 2), r: units.length > 1 ? 6 + axisWidth * Math.floor(units.length / 2) : 16, t: 12, b: 40 };
  svg.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
  svg.replaceChildren();
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    svg.append(el("text", { x: w / 2, y: hgt / 2, "text-anchor": "middle", class: "empty" }, "no data in this range"));
    svg.onmousemove = null;
    return;
  }
  let [x0, x1] = options.xRange ?? [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  if (x1 === x0) x1 = x0 + 1;
  const X = (x) => m.l + ((x - x0) / (x1 - x0)) * (w - m.l - m.r);
  // Axis k sits left of the plot (k even) or right of it (k odd), each further out than the last.
  const axes = units.map((unit, k) => {
    const mine = series.filter((s) => (s.unit ?? "") === unit);
    const pts = mine.flatMap((s) => s.points), bands = mine.flatMap((s) => s.band ?? []);
    let y0 = Math.min(...pts.map((p) => p[1]), ...bands.map((b) => b[1]));
    let y1 = Math.max(...pts.map((p) => p[1]), ...bands.map((b) => b[2]));
    if (!Number.isFinite(y0)) [y0, y1] = [0, 1];
    if (y1 === y0) { y0 -= Math.abs(y0) * 1e-3 || 1; y1 += Math.abs(y1) * 1e-3 || 1; }
    const pad = (y1 - y0) * 0.05;
    const [lo, hi] = [y0 - pad, y1 + pad];
    const left = k % 2 === 0, edge = left ? m.l - axisWidth * Math.floor(k / 2) : w - m.r + axisWidth * Math.floor(k / 2);
    const title = units.length === 1 && options.yLabel ? options.yLabel : unit || "no unit";
    return { unit, lo, hi, left, edge, title, Y: (y) => hgt - m.b - ((y - lo) / (hi - lo)) * (hgt - m.t - m.b) };
  });
  const axisOf = (s) => axes.find((a) => a.unit === (s.unit ?? ""));
  axes.forEach((a, k) => {
    for (const t of ticks(a.lo, a.hi, 6)) {
      if (k === 0) svg.append(el("line", { x1: m.l, x2: w - m.r, y1: a.Y(t), y2: a.Y(t), class: "grid" }));
      svg.append(el("text", { x: a.left ? a.edge - 6 : a.edge + 6, y: a.Y(t) + 4, "text-anchor": a.left ? "end" : "start", class: "tick" }, label(t, false)));
    }
    const tx = a.left ? a.edge - axisWidth + 12 : a.edge + axisWidth - 8;
    svg.append(el("text", { x: tx, y: hgt / 2, transform: `rotate(-90 ${tx} ${hgt / 2})`, "text-anchor": "middle", class: "axis axis-y" }, a.title));
  });
  for (const t of ticks(x0, x1, 8)) {
    svg.append(el("line", { x1: X(t), x2: X(t), y1: m.t, y2: hgt - m.b, class: "grid" }));
    svg.append(el("text", { x: X(t), y: hgt - m.b + 16, "text-anchor": "middle", class: "tick" }, label(t, options.time)));
  }
  if (options.xLabel) svg.append(el("text", { x: (w + m.l - m.r) / 2, y: hgt - 4, "text-anchor": "middle", class: "axis" }, options.xLabel));
  const drawn = series.map((s, i) => {
    const c = colours[i % colours.length], Y = axisOf(s).Y;
    if (s.band?.length) {
      const up = s.band.map((b) => `${X(b[0])},${Y(b[2])}`), down = s.band.map((b) => `${X(b[0])},${Y(b[1])}`).reverse();
      svg.append(el("polygon", { points: [...up, ...down].join(" "), fill: c, "fill-opacity": 0.15, stroke: "none" }));
    }
    const pts = s.step && s.points.length ? [...s.points.flatMap((p, j) => j === 0 ? [p] : [[p[0], s.points[j - 1][1]], p]), [x1, s.points.at(-1)[1]]] : s.points;
    svg.append(el("polyline", { points: pts.map((p) => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(" "), stroke: c, fill: "none", class: "series", "data-series": s.name }));
    svg.append(el("text", { x: m.l + 8, y: m.t + 14 + 16 * i, fill: c, class: "legend" }, `${s.name}${units.length > 1 ? ` [${axisOf(s).title}]` : ""}`));
    return { s, c };
  });
  const invert = (px) => x0 + ((px - m.l) / (w - m.l - m.r)) * (x1 - x0);
  const hover = hoverReadout(svg, drawn, invert, X, m, hgt, options);
  zoomable(svg, X, invert, m, hgt, hover, options.onZoom);
}

const pointerX = (svg, ev) => {
  const r = svg.getBoundingClientRect();
  return (ev.clientX - r.left) * (svg.viewBox.baseVal.width / r.width);
};

// The value of each series at the pointer: a step series' value in force there, else the nearest point.
function hoverReadout(svg, drawn, invert, X, m, hgt, options) {
  const g = el("g", { class: "hover" });
  svg.append(g);
  return (px) => {
    g.replaceChildren();
    const x = invert(px);
    if (px < m.l || px > svg.viewBox.baseVal.width - m.r) return;
    g.append(el("line", { x1: X(x), x2: X(x), y1: m.t, y2: hgt - m.b, stroke: "#888", "stroke-dasharray": "3 3" }));
    const right = px > svg.viewBox.baseVal.width / 2;
    const lines = [label(x, options.time), ...drawn.map(({ s, c }) => {
      const p = s.step ? s.points.findLast((q) => q[0] <= x) : s.points.reduce((a, b) => Math.abs(b[0] - x) < Math.abs(a[0] - x) ? b : a, s.points[0]);
      return p ? { text: `${s.name} ${options.format ? options.format(s.name, p[1]) : label(p[1], false)}`, c } : null;
    }).filter(Boolean)];
    lines.forEach((l, i) => g.append(el("text", { x: X(x) + (right ? -6 : 6), y: m.t + 14 + 16 * i, "text-anchor": right ? "end" : "start", fill: l.c ?? "#333", class: "hover-text" },
      typeof l === "string" ? l : l.text)));
  };
}

function zoomable(svg, X, invert, m, hgt, hover, onZoom) {
  const box = el("rect", { y: m.t, height: hgt - m.t - m.b, class: "zoom", width: 0 });
  svg.append(box);
  let start = null;
  svg.onmouseleave = () => hover(-1);
  svg.onmousedown = onZoom ? (ev) => { start = pointerX(svg, ev); box.setAttribute("x", start); box.setAttribute("width", 0); } : null;
  svg.onmousemove = (ev) => {
    const x = pointerX(svg, ev);
    hover(x);
    if (start === null) return;
    box.setAttribute("x", Math.min(start, x)); box.setAttribute("width", Math.abs(x - start));
  };
  svg.onmouseup = onZoom ? (ev) => {
    if (start === null) return;
    const a = invert(Math.min(start, pointerX(svg, ev))), b = invert(Math.max(start, pointerX(svg, ev)));
    start = null;
    box.setAttribute("width", 0);
    if (b - a > 0 && Math.abs(X(b) - X(a)) > 5) onZoom(a, b);
  } : null;
}
