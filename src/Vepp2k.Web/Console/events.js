// The event log: filters by kind, user, subject and text, newest first, and the same query as CSV.
import { api, qs } from "./api.js";
import { $, dateTime, h, show, table } from "./dom.js";

const kinds = ["", "Operator", "Interlock", "Quench", "Alarm", "State", "System", "Access"];

export function init() {
  $("#view-events").append(
    h("form", { class: "form", onsubmit: (ev) => { ev.preventDefault(); search(); } },
      h("label", {}, "Kind ", h("select", { id: "ev-kind" }, kinds.map((k) => h("option", { value: k }, k || "any")))),
      h("label", {}, "User ", h("input", { id: "ev-user", size: 10 })),
      h("label", {}, "Subject ", h("input", { id: "ev-subject", size: 18 })),
      h("label", {}, "Text ", h("input", { id: "ev-text", size: 18 })),
      h("label", {}, "Limit ", h("input", { id: "ev-limit", type: "number", value: 200, size: 5 })),
      h("button", { id: "ev-search", type: "submit" }, "Search"),
      h("a", { id: "ev-csv", href: "#", download: "events.csv" }, "Export CSV")),
    h("p", { id: "ev-message", class: "message" }),
    h("div", { id: "ev-table", class: "scroll" }));
}

function query() {
  return qs({ kind: $("#ev-kind").value, user: $("#ev-user").value, subject: $("#ev-subject").value, text: $("#ev-text").value, limit: $("#ev-limit").value });
}

export async function search() {
  const q = query();
  $("#ev-csv").href = `/api/events.csv?${q}`;
  const res = await api("GET", `/api/events?${q}`);
  if (!res.ok) return show($("#ev-message"), false, res.data?.error ?? String(res.status));
  show($("#ev-message"), true, `${res.data.length} event(s), newest first`);
  $("#ev-table").replaceChildren(table(["time", "kind", "user", "subject", "message", "old", "new", "result"],
    res.data.map((e) => h("tr", { class: `kind-${e.kind}` },
      h("td", {}, dateTime(e.time)), h("td", {}, e.kind), h("td", {}, e.user), h("td", {}, e.subject),
      h("td", {}, e.message), h("td", {}, e.oldValue ?? ""), h("td", {}, e.newValue ?? ""), h("td", {}, e.result)))));
}
