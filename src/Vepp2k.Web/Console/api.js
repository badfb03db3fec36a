// Calls to the control system's JSON API with the signed-in token; every answer comes back as
// {ok, status, data}, refusals included, so the views can show the server's reason.
const key = "vepp2k_token";

export const session = {
  token: sessionStorage.getItem(key),
  user: "",
  role: "",
  get canWrite() { return this.role !== "" && this.role !== "Viewer"; },
  save(token) {
    this.token = token;
    sessionStorage.setItem(key, token);
    document.cookie = `${key}=${token}; path=/; SameSite=Strict`;
  },
  clear() {
    this.token = null;
    sessionStorage.removeItem(key);
    document.cookie = `${key}=; path=/; max-age=0`;
  },
};

export async function api(method, url, body) {
  const headers = { Accept: "application/json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let data = text;
  try { data = text ? JSON.parse(text) : null; } catch { /* text answer (CSV) */ }
  return { ok: r.ok, status: r.status, data };
}

// The reason a request failed (the "detail" of the server's RFC 7807 problem details) or the
// message of one that succeeded.
export function reason(res) {
  const d = res.data;
  if (d && typeof d === "object") return d.detail ?? d.message ?? d.summary ?? JSON.stringify(d);
  return `${res.status} ${d ?? ""}`;
}

export const qs = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null)).toString();
