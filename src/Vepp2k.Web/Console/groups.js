// Groups: choose or define one, set / step / scale it in hardware or physics units, watch the
// synchronised ramp and the set-all-then-wait report with the elements that did not arrive.
import { api, reason } from "./api.js";
import { $, h, show, table } from "./dom.js";
import * as live from "./live.js";
import { ring } from "./ring.js";

let groups = [];

export function init() {
  $("#view-groups").append(
    h("div", { class: "cols" },
      h("div", {},
        h("h3", {}, "Groups"),
        h("select", { id: "grp-select", size: 18, onchange: select }),
        h("h3", {}, "Define a group"),
        h("div", { class: "form" },
          h("input", { id: "grp-new-name", placeholder: "name" }),
          h("input", { id: "grp-new-members", placeholder: "members: 1F1 2F1 ...", size: 28 }),
          h("button", { id: "grp-define", class: "act", onclick: define }, "Define"))),
      h("div", {},
        h("h3", { id: "grp-title" }, "—"),
        h("p", { id: "grp-members", class: "sub" }),
        h("div", { class: "form" },
          h("select", { id: "grp-op" }, ["scale", "increment", "set"].map((o) => h("option", { value: o }, o))),
          h("input", { id: "grp-value", type: "number", step: "any", value: "1.001" }),
          h("select", { id: "grp-units" }, h("option", { value: "hardware" }, "hardware (A)"), h("option", { value: "physics" }, "physics (strength)")),
          h("label", {}, "tolerance ", h("input", { id: "grp-tol", type: "number", step: "any", value: "0.05", size: 5 }), " A"),
          h("button", { id: "grp-apply", class: "act", onclick: apply }, "Apply and wait")),
        h("progress", { id: "grp-progress", max: 1, value: 0 }),
        h("p", { id: "grp-message", class: "message" }),
        h("div", { id: "grp-report" }))));
}

export async function load() {
  const res = await api("GET", "/api/groups");
  if (!res.ok) return;
  groups = res.data;
  $("#grp-select").replaceChildren(...groups.map((g) => h("option", { value: g.name }, `${g.name}${g.builtIn ? "" : " (user)"}`)));
}

function select() {
  const g = groups.find((x) => x.name === $("#grp-select").value);
  $("#grp-title").textContent = g.name;
  $("#grp-members").textContent = `${g.description ? g.description + ": " : ""}${g.members.join(" ")}`;
}

async function define() {
  const members = $("#grp-new-members").value.split(/[\s,]+/).filter(Boolean);
  const res = await api("POST", "/api/groups", { name: $("#grp-new-name").value, members });
  show($("#grp-message"), res.ok, res.ok ? `group ${res.data.name} defined` : `Refused: ${reason(res)}`);
  if (res.ok) load();
}

// Follows the newest running ramp while the request waits for arrival.
export async function watchRamps(progress, until) {
  while (!until.done) {
    const res = await api("GET", "/api/ramps");
    const running = res.ok ? res.data.filter((r) => r.state === "Running" || r.state === "Paused") : [];
    if (running.length) progress.value = running[running.length - 1].fraction;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function apply() {
  const name = $("#grp-select").value;
  if (!name) return show($("#grp-message"), false, "choose a group");
  const until = { done: false };
  const progress = $("#grp-progress");
  progress.value = 0;
  show($("#grp-message"), true, `applying ${$("#grp-op").value} to ${name} …`);
  watchRamps(progress, until);
  const res = await api("POST", `/api/groups/${encodeURIComponent(name)}/apply`, {
    operation: $("#grp-op").value, value: Number($("#grp-value").value), units: $("#grp-units").value,
    wait: true, tolerance: Number($("#grp-tol").value),
  });
  until.done = true;
  if (!res.ok) { show($("#grp-message"), false, `Refused: ${reason(res)}`); $("#grp-report").replaceChildren(); return; }
  progress.value = 1;
  const a = res.data.arrival;
  show($("#grp-message"), a.allArrived, `${res.data.message}; ${a.message}`);
  // Currents as the element's setpoint channel shows them (its precision and unit).
  const current = (i, v) => live.text(ring.elements.get(i.element)?.setpointChannel, v);
  $("#grp-report").replaceChildren(table(["element", "old", "new", "arrived"],
    res.data.items.map((i) => {
      const missing = a.notArrived.find((s) => s.startsWith(`${i.element} at `));
      return h("tr", { class: missing ? "differs" : "" },
        h("td", {}, i.element), h("td", {}, current(i, i.oldCurrent)), h("td", {}, current(i, i.newCurrent)), h("td", {}, missing ? `no: ${missing}` : "yes"));
    })));
}
