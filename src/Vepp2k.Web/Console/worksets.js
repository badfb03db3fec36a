// Working sets: save (author is the signed-in user, comment, tags), browse versions, compare with
// the live machine or another set (differences highlighted, tolerance adjustable), restore by
// subsystem with ramp progress and the final report.
import { api, qs, reason } from "./api.js";
import { $, dateTime, h, show, table } from "./dom.js";
import * as live from "./live.js";
import { watchRamps } from "./groups.js";

const subsystems = ["dipoles", "quads", "solenoids", "correctors"];
let sets = [];

export function init() {
  $("#view-worksets").append(
    h("div", { class: "form" },
      h("input", { id: "ws-name", placeholder: "name" }),
      h("input", { id: "ws-comment", placeholder: "comment", size: 30 }),
      h("input", { id: "ws-tags", placeholder: "tags (golden, ...)" }),
      h("button", { id: "ws-save", class: "act", onclick: save }, "Save working set")),
    h("p", { id: "ws-message", class: "message" }),
    h("div", { class: "cols" },
      h("div", { id: "ws-list", class: "scroll" }),
      h("div", {},
        h("h3", { id: "ws-selected" }, "Choose a set"),
        h("div", { class: "form" },
          h("label", {}, "Compare with ", h("select", { id: "ws-with" })),
          h("label", {}, "tolerance ", h("input", { id: "ws-tolerance", type: "number", step: "any", value: "0.05", size: 6 })),
          h("label", {}, h("input", { id: "ws-only-diff", type: "checkbox", checked: true }), " differences only"),
          h("button", { id: "ws-compare", onclick: compare }, "Compare")),
        h("div", { class: "form" },
          subsystems.map((s) => h("label", {}, h("input", { type: "checkbox", class: "ws-sub", value: s, checked: true }), ` ${s}`)),
          h("button", { id: "ws-restore", class: "act", onclick: restore }, "Restore")),
        h("progress", { id: "ws-progress", max: 1, value: 0 }),
        h("div", { id: "ws-report" }),
        h("div", { id: "ws-compare-table", class: "scroll" }))));
}

const selected = () => $("#ws-list tr.selected")?.dataset;

export async function load() {
  const res = await api("GET", "/api/worksets");
  if (!res.ok) return;
  sets = res.data;
  const keep = selected()?.key;
  $("#ws-list").replaceChildren(table(["name", "v", "time", "author", "comment", "tags", "items"],
    sets.map((s) => h("tr", { "data-key": `${s.name}:${s.version}`, "data-name": s.name, "data-version": s.version, class: keep === `${s.name}:${s.version}` ? "selected" : "", onclick: pick },
      h("td", {}, s.name), h("td", {}, s.version), h("td", {}, dateTime(s.time)), h("td", {}, s.author), h("td", {}, s.comment),
      h("td", {}, s.tags.join(", ")), h("td", {}, s.itemCount)))));
  $("#ws-with").replaceChildren(h("option", { value: "live" }, "live machine"), ...sets.map((s) => h("option", { value: `${s.name}:${s.version}` }, `${s.name} v${s.version}`)));
}

function pick(ev) {
  for (const tr of document.querySelectorAll("#ws-list tr")) tr.classList.remove("selected");
  ev.currentTarget.classList.add("selected");
  $("#ws-selected").textContent = `${selected().name} v${selected().version}`;
}

async function save() {
  const tags = $("#ws-tags").value.split(/[\s,]+/).filter(Boolean);
  const res = await api("POST", "/api/worksets", { name: $("#ws-name").value, comment: $("#ws-comment").value, tags });
  show($("#ws-message"), res.ok, res.ok ? `saved ${res.data.name} version ${res.data.version} (${res.data.items.length} items)` : `Refused: ${reason(res)}`);
  if (res.ok) load();
}

async function compare() {
  const s = selected();
  if (!s) return show($("#ws-message"), false, "choose a working set in the list");
  const tolerance = $("#ws-tolerance").value;
  const res = await api("GET", `/api/worksets/${encodeURIComponent(s.name)}/compare?${qs({ version: s.version, with: $("#ws-with").value, tolerance })}`);
  if (!res.ok) return show($("#ws-message"), false, reason(res));
  const rows = $("#ws-only-diff").checked ? res.data.filter((i) => i.differs) : res.data;
  show($("#ws-message"), true, `${res.data.filter((i) => i.differs).length} of ${res.data.length} item(s) differ beyond ${tolerance}`);
  $("#ws-compare-table").replaceChildren(table(["channel", "subsystem", `${s.name} v${s.version}`, $("#ws-with").value, "difference"],
    rows.map((i) => h("tr", { class: i.differs ? "differs" : "" },
      h("td", {}, i.channel), h("td", {}, i.subsystem), h("td", {}, live.text(i.channel, i.left)), h("td", {}, live.text(i.channel, i.right)),
      h("td", {}, i.left != null && i.right != null ? live.text(i.channel, i.right - i.left) : "missing")))));
}

async function restore() {
  const s = selected();
  if (!s) return show($("#ws-message"), false, "choose a working set in the list");
  const chosen = [...document.querySelectorAll(".ws-sub:checked")].map((c) => c.value);
  const until = { done: false };
  $("#ws-progress").value = 0;
  show($("#ws-message"), true, `restoring ${s.name} v${s.version}: ${chosen.join(", ")} …`);
  watchRamps($("#ws-progress"), until);
  const res = await api("POST", `/api/worksets/${encodeURIComponent(s.name)}/restore`, { version: Number(s.version), subsystems: chosen.join(","), tolerance: Number($("#ws-tolerance").value) });
  until.done = true;
  if (!res.ok) return show($("#ws-message"), false, `Refused: ${reason(res)}`);
  $("#ws-progress").value = 1;
  const r = res.data;
  show($("#ws-message"), r.failed === 0, r.summary);
  $("#ws-report").replaceChildren(
    h("p", { id: "ws-report-counts" }, `restored ${r.restored}, unchanged ${r.unchanged}, unavailable ${r.unavailable}, failed ${r.failed}`),
    table(["channel", "subsystem", "outcome", "detail"], r.items.filter((i) => i.outcome !== "unchanged").map((i) =>
      h("tr", { class: i.outcome === "failed" ? "differs" : "" }, h("td", {}, i.channel), h("td", {}, i.subsystem), h("td", {}, i.outcome), h("td", {}, i.detail)))));
}
