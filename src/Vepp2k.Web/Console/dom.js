// Small DOM helpers shared by the views.
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function h(tag, attrs = {}, ...children) {
  const el = tag === "svg" ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.setAttribute("class", v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function fmt(v, digits = 4) {
  if (v == null) return "—";
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return "—";
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(digits);
}

export const time = (t) => new Date(t).toLocaleTimeString("en-GB", { hour12: false });
export const dateTime = (t) => new Date(t).toISOString().replace("T", " ").slice(0, 19);

// Shows an outcome in a message line: refusals in red with the server's reason.
export function show(el, ok, text) {
  el.textContent = text;
  el.className = ok ? "message ok" : "message refusal";
}

export function table(headers, rows) {
  return h("table", {}, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))), h("tbody", {}, rows));
}
