// The console's entry: sign-in, navigation between views, the header summary, live updates.
import { api, reason, session } from "./api.js";
import { $, $$ } from "./dom.js";
import * as alarms from "./alarms.js";
import * as beam from "./beam.js";
import { closeElement, openElement } from "./element.js";
import * as events from "./events.js";
import * as groups from "./groups.js";
import * as history from "./history.js";
import * as live from "./live.js";
import * as optics from "./optics.js";
import * as ring from "./ring.js";
import * as worksets from "./worksets.js";

const onShow = {
  groups: () => groups.load(),
  worksets: () => worksets.load(),
  events: () => events.search(),
  optics: () => optics.load(ring.ring.layout.mode),
  alarms: () => alarms.refresh(),
  beam: () => beam.load(),
};

function showView(name) {
  for (const b of $$("#nav button")) b.classList.toggle("active", b.dataset.view === name);
  for (const v of $$(".view")) v.classList.toggle("active", v.id === `view-${name}`);
  if (name !== "ring") closeElement();
  onShow[name]?.();
}

function summary() {
  const v = (p) => live.text(p);
  $("#summary").textContent = `E ${v("VEPP/Energy/Energy")} ± ${v("VEPP/Energy/dEnergy")} · νx ${v("VEPP/Model/NuX")} νy ${v("VEPP/Model/NuY")} · e- ${v("VEPP/Currents/e")} e+ ${v("VEPP/Currents/p")} · ramps ${v("VEPP/Control/Ramps")}`;
}

async function start() {
  const who = await api("GET", "/api/whoami");
  if (!who.ok) { session.clear(); $("#signin").classList.remove("hidden"); return; }
  session.user = who.data.user;
  session.role = who.data.role;
  $("#who").textContent = `${session.user} (${session.role})`;
  document.body.classList.toggle("viewer", !session.canWrite);
  $("#signin").classList.add("hidden");
  await live.loadSpecs();
  live.connect();
  live.onUpdate(summary);
  await ring.load(openElement);
  history.channelNames();
}

async function signIn(ev) {
  ev.preventDefault();
  const res = await api("POST", "/api/login", { user: $("#login-user").value, password: $("#login-password").value });
  if (!res.ok) { $("#login-error").textContent = reason(res); return; }
  session.save(res.data.token);
  $("#login-error").textContent = "";
  start();
}

function init() {
  for (const m of [groups, worksets, history, events, optics, beam, alarms]) m.init();
  $("#signin-form").addEventListener("submit", signIn);
  $("#signout").onclick = () => { session.clear(); live.disconnect(); location.reload(); };
  for (const b of $$("#nav button")) b.onclick = () => showView(b.dataset.view);
  if (session.token) start(); else $("#signin").classList.remove("hidden");
}

init();
