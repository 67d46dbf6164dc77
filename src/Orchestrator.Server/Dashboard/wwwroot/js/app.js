// The shell: who is signed in, which page the hash names, and tearing the old page down (its polling,
// its event stream) before the next one renders.

import * as api from "./api.js";
import { esc } from "./format.js";
import { problemHtml } from "./ui.js";
import * as signin from "./pages/signin.js";
import * as runs from "./pages/runs.js";
import * as run from "./pages/run.js";
import * as models from "./pages/models.js";
import * as workflows from "./pages/workflows.js";
import * as schedules from "./pages/schedules.js";

// Path patterns after "#"; captured groups are URL-encoded ids (workflow ids may hold "/", sent as %2F;
// a typed-in "/" is accepted too, hence the greedy groups).
const ROUTES = [
  { pattern: /^\/runs\/?$/, page: runs, nav: "runs" },
  { pattern: /^\/runs\/(.+)$/, page: run, nav: "runs" },
  { pattern: /^\/models\/?$/, page: models, nav: "models", view: "list" },
  { pattern: /^\/models\/(.+)$/, page: models, nav: "models", view: "one" },
  { pattern: /^\/workflows\/?$/, page: workflows, nav: "workflows", view: "list" },
  { pattern: /^\/workflows\/(.+)$/, page: workflows, nav: "workflows", view: "one" },
  { pattern: /^\/schedules\/?$/, page: schedules, nav: "schedules" },
  { pattern: /^\/signin\/?$/, page: signin, nav: "", open: true },
];

const main = () => document.getElementById("main");

let active = null; // { controller, leave: [] } of the page on screen
let returnTo = "";  // where to go back to after signing in
let sessionEnded = false;

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/runs";
  const q = raw.indexOf("?");
  return { path: q < 0 ? raw : raw.slice(0, q), query: new URLSearchParams(q < 0 ? "" : raw.slice(q + 1)) };
}

function leavePage() {
  if (!active) return;
  active.controller.abort();
  for (const fn of active.leave) {
    try {
      fn();
    } catch {
      /* a page's cleanup failing must not stop the next page */
    }
  }
  active = null;
}

function updateHeader(navName) {
  const s = api.session();
  document.getElementById("nav").hidden = !s;
  document.getElementById("whoami").hidden = !s;
  document.getElementById("session-name").textContent = s?.name ?? "";
  const role = document.getElementById("session-role");
  role.textContent = s?.role ?? "";
  role.dataset.role = s?.role ?? "";
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.dataset.nav === navName) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function route({ focus = true } = {}) {
  const { path, query } = parseHash();
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  if (!api.session() && !match?.r.open) {
    returnTo = location.hash && !location.hash.startsWith("#/signin") ? location.hash : "";
    location.replace("#/signin");
    return;
  }
  leavePage();
  const controller = new AbortController();
  active = { controller, leave: [] };
  updateHeader(match?.r.nav ?? "");
  // Each page gets a fresh element, so the listeners it adds go away with it.
  const el = document.createElement("div");
  el.className = "page";
  main().replaceChildren(el);
  if (!match) {
    document.title = "Not found · Orchestrator";
    el.innerHTML = `<h1>Not found</h1><p>No page is at <code>${esc(location.hash)}</code>. <a href="#/runs">See the runs</a>.</p>`;
    return;
  }
  const ctx = {
    params: match.m.slice(1).map((p) => safeDecode(p)),
    query,
    view: match.r.view,
    signal: controller.signal,
    alive: () => !controller.signal.aborted,
    onLeave: (fn) => active?.controller === controller && active.leave.push(fn),
    title: (text) => (document.title = `${text} · Orchestrator`),
    navigate: (hash) => (location.hash = hash),
    refresh: () => route({ focus: false }),
    sessionEnded,
    signedIn: afterSignIn,
  };
  sessionEnded = false;
  try {
    await match.r.page.render(el, ctx);
  } catch (error) {
    if (error?.name === "AbortError" || !ctx.alive() || error?.status === 401) return;
    el.innerHTML = `<h1>This page could not be shown</h1>${problemHtml(error)}`;
  }
  if (focus && ctx.alive()) main().focus({ preventScroll: false });
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function afterSignIn(doc) {
  api.setSession(doc);
  const target = returnTo || "#/runs";
  returnTo = "";
  if (location.hash === target) route();
  else location.hash = target;
}

api.onUnauthorized(() => {
  // Any 401 means the cookie is gone or the key was revoked: back to sign-in, then back here.
  api.setSession(null);
  sessionEnded = true;
  if (!location.hash.startsWith("#/signin")) returnTo = location.hash;
  leavePage();
  updateHeader("");
  if (location.hash.startsWith("#/signin")) route();
  else location.replace("#/signin");
});

document.addEventListener("click", async (event) => {
  if (!(event.target instanceof Element) || !event.target.closest("#signout")) return;
  try {
    await api.post("/session/signout", {}, { quiet401: true });
  } catch {
    /* signed out either way: the cookie may already be gone */
  }
  api.setSession(null);
  returnTo = "";
  leavePage();
  updateHeader("");
  location.hash = "#/signin";
});

async function start() {
  window.addEventListener("hashchange", () => route());
  try {
    api.setSession(await api.get("/session", { quiet401: true }));
  } catch (error) {
    if (error?.status !== 401) {
      main().innerHTML = `<h1>The server did not say who is signed in</h1>${problemHtml(error)}
        <p><button type="button" id="retry">Try again</button></p>`;
      document.getElementById("retry").addEventListener("click", () => location.reload());
      return;
    }
  }
  // Replacing the hash fires hashchange, which renders; otherwise render now.
  if (!location.hash || location.hash === "#" || location.hash === "#/") location.replace("#/runs");
  else route();
}

start();
