// A small SVG line plot: several series on one y axis, optional min/max bands, time or plain x,
// and drag-to-zoom (the caller re-queries the server for the new range).
const ns = "http://www.w3.org/2000/svg";
const el = (tag, attrs, text) => {
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
 * series: [{name, points: [[x, y]], band: [[x, min, max]]?}]; options: {time, xLabel, yLabel, onZoom(x0, x1)}.
 */
export function plot(svg, series, options = {}) {
  const w = svg.clientWidth || 900, hgt = svg.clientHeight || 400;
  const m = { l: 70, r: 16, t: 12, b: 40 };
  svg.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
  svg.replaceChildren();
  const all = series.flatMap((s) => s.points);
  const bands = series.flatMap((s) => s.band ?? []);
  if (all.length === 0) {
    svg.append(el("text", { x: w / 2, y: hgt / 2, "text-anchor": "middle", class: "empty" }, "no data in this range"));
    return;
  }
  let [x0, x1] = options.xRange ?? [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let y0 = Math.min(...all.map((p) => p[1]), ...bands.map((b) => b[1]));
  let y1 = Math.max(...all.map((p) => p[1]), ...bands.map((b) => b[2]));
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= Math.abs(y0) * 1e-3 || 1; y1 += Math.abs(y1) * 1e-3 || 1; }
  const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
  const X = (x) => m.l + ((x - x0) / (x1 - x0)) * (w - m.l - m.r);
  const Y = (y) => hgt - m.b - ((y - y0) / (y1 - y0)) * (hgt - m.t - m.b);
  for (const t of ticks(y0, y1, 6)) {
    svg.append(el("line", { x1: m.l, x2: w - m.r, y1: Y(t), y2: Y(t), class: "grid" }));
    svg.append(el("text", { x: m.l - 6, y: Y(t) + 4, "text-anchor": "end", class: "tick" }, label(t, false)));
  }
  for (const t of ticks(x0, x1, 8)) {
    svg.append(el("line", { x1: X(t), x2: X(t), y1: m.t, y2: hgt - m.b, class: "grid" }));
    svg.append(el("text", { x: X(t), y: hgt - m.b + 16, "text-anchor": "middle", class: "tick" }, label(t, options.time)));
  }
  if (options.xLabel) svg.append(el("text", { x: (w + m.l) / 2, y: hgt - 4, "text-anchor": "middle", class: "axis" }, options.xLabel));
  if (options.yLabel) svg.append(el("text", { x: 14, y: hgt / 2, transform: `rotate(-90 14 ${hgt / 2})`, "text-anchor": "middle", class: "axis" }, options.yLabel));
  series.forEach((s, i) => {
    const c = colours[i % colours.length];
    if (s.band?.length) {
      const up = s.band.map((b) => `${X(b[0])},${Y(b[2])}`), down = s.band.map((b) => `${X(b[0])},${Y(b[1])}`).reverse();
      svg.append(el("polygon", { points: [...up, ...down].join(" "), fill: c, "fill-opacity": 0.15, stroke: "none" }));
    }
    svg.append(el("polyline", { points: s.points.map((p) => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(" "), stroke: c, fill: "none", class: "series", "data-series": s.name }));
    svg.append(el("text", { x: m.l + 8, y: m.t + 14 + 16 * i, fill: c, class: "legend" }, s.name));
  });
  if (options.onZoom) zoomable(svg, X, (px) => x0 + ((px - m.l) / (w - m.l - m.r)) * (x1 - x0), m, hgt, options.onZoom);
}

function zoomable(svg, X, invert, m, hgt, onZoom) {
  const box = el("rect", { y: m.t, height: hgt - m.t - m.b, class: "zoom", width: 0 });
  svg.append(box);
  const at = (ev) => {
    const r = svg.getBoundingClientRect();
    return (ev.clientX - r.left) * (svg.viewBox.baseVal.width / r.width);
  };
  let start = null;
  svg.onmousedown = (ev) => { start = at(ev); box.setAttribute("x", start); box.setAttribute("width", 0); };
  svg.onmousemove = (ev) => {
    if (start === null) return;
    const x = at(ev);
    box.setAttribute("x", Math.min(start, x)); box.setAttribute("width", Math.abs(x - start));
  };
  svg.onmouseup = (ev) => {
    if (start === null) return;
    const a = invert(Math.min(start, at(ev))), b = invert(Math.max(start, at(ev)));
    start = null;
    box.setAttribute("width", 0);
    if (b - a > 0 && Math.abs(X(b) - X(a)) > 5) onZoom(a, b);
  };
}
