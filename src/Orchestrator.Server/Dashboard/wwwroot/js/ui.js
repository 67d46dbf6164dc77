// Small pieces of markup more than one page shows: status badges, problems, the progress bar.

import { session } from "./api.js";
import { esc, int, num, signed, duration, relative, pValue, jsonText } from "./format.js";

/** Run statuses that can still change; a run in any other status is finished. */
export const ACTIVE = new Set(["created", "queued", "running"]);

export const isActive = (status) => ACTIVE.has(status);

/** A status as coloured text; the text itself stays the status name, so it reads (and tests) as plain words. */
export function statusBadge(status, extraClass = "") {
  const s = status ?? "unknown";
  return `<span class="badge status-${esc(s)} ${extraClass}">${esc(s)}</span>`;
}

/** What went wrong, from an ApiError's problem details (detail first, then each wrong field by its path). */
export function problemHtml(error, id = "") {
  const idAttr = id ? ` id="${esc(id)}"` : "";
  if (!error) return `<div class="problem" role="alert"${idAttr} hidden></div>`;
  const problem = error.problem ?? {};
  let heading;
  if (error.status === 403) heading = `your key's role (${session()?.role ?? "unknown"}) cannot do this`;
  else if (error.status === 0) heading = problem.title || "the server does not answer";
  else heading = problem.title || error.message || "something went wrong";
  const detail = problem.detail && problem.detail !== heading ? `<p class="problem-detail">${esc(problem.detail)}</p>` : "";
  return `<div class="problem" role="alert"${idAttr} data-status="${esc(error.status ?? "")}">
    <p class="problem-title">${esc(heading)}</p>${detail}${fieldErrors(problem.errors)}</div>`;
}

// Errors come as [{path, message}]; ASP.NET's own validation sends {field: [messages]}: both are shown.
function fieldErrors(errors) {
  if (!errors) return "";
  const list = Array.isArray(errors)
    ? errors.map((e) => [e.path ?? "", e.message ?? JSON.stringify(e)])
    : Object.entries(errors).flatMap(([path, messages]) => (Array.isArray(messages) ? messages : [messages]).map((m) => [path, m]));
  if (list.length === 0) return "";
  return `<ul class="problem-errors">${list
    .map(([path, message]) => `<li data-path="${esc(path)}"><code>${esc(path)}</code> ${esc(message)}</li>`)
    .join("")}</ul>`;
}

/** Puts a problem (or nothing) in `element`. A 401 shows nothing here: the app has gone to the sign-in page. */
export function showProblem(element, error) {
  if (!element) return;
  if (!error || error.status === 401) {
    element.hidden = true;
    element.innerHTML = "";
    return;
  }
  element.outerHTML = problemHtml(error, element.id);
}

/**
 * A running step's progress: bar (done of total), loss, tokens/s and time left. `compact` leaves out the
 * step key and detail (the runs table).
 */
export function progressHtml(progress, { compact = false } = {}) {
  if (!progress) return "";
  const done = progress.done ?? 0;
  const total = progress.total ?? 0;
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const figures = [
    `${int(done)} / ${int(total)}${total > 0 ? ` (${Math.round(share * 100)}%)` : ""}`,
    progress.loss != null ? `loss ${num(progress.loss, 3)}` : "",
    progress.tokensPerSecond != null ? `${int(progress.tokensPerSecond)} tok/s` : "",
    progress.remainingSeconds != null ? `ETA ${duration(progress.remainingSeconds)}` : "",
  ].filter(Boolean);
  const label = `${progress.step ?? ""} ${progress.phase ?? ""}`.trim();
  return `<div class="progress${compact ? " compact" : ""}" data-step="${esc(progress.step ?? "")}">
    ${compact ? "" : `<div class="progress-label"><code>${esc(progress.step ?? "")}</code> ${esc(progress.phase ?? "")}</div>`}
    <progress max="${total > 0 ? total : 1}" value="${total > 0 ? Math.min(done, total) : 0}" aria-label="${esc(label)}"></progress>
    <div class="progress-figures">${figures.map((f) => `<span>${esc(f)}</span>`).join("")}${compact && progress.phase ? `<span class="muted">${esc(progress.phase)}</span>` : ""}</div>
    ${!compact && progress.detail ? `<div class="progress-detail muted">${esc(progress.detail)}${progress.at ? ` · ${esc(relative(progress.at))}` : ""}</div>` : ""}
  </div>`;
}

/** A short "nothing here" line. */
export const empty = (text, id = "") => `<p class="empty"${id ? ` id="${esc(id)}"` : ""}>${esc(text)}</p>`;

/** "self-improve-addition@1" → a link to that workflow, the version shown after it. */
export function workflowLink(id, version) {
  if (!id) return "–";
  return `<a href="#/workflows/${esc(encodeURIComponent(id))}">${esc(id)}</a>${version != null ? `<span class="muted">@${esc(version)}</span>` : ""}`;
}

/** "addition@1" style references ("id@version") split into id and version. */
export function splitRef(ref) {
  const text = String(ref ?? "");
  const at = text.lastIndexOf("@");
  if (at <= 0) return { id: text, version: null };
  return { id: text.slice(0, at), version: text.slice(at + 1) };
}

export const runLink = (id) => (id ? `<a href="#/runs/${esc(encodeURIComponent(id))}"><code>${esc(id)}</code></a>` : "–");

// The figures of a gate's (or meta-gate's) evidence that say why, in the order a reader wants them.
const EVIDENCE = [
  ["outcome", (v) => v],
  ["pValue", (v) => `p = ${pValue(v)}`],
  ["recheckPValue", (v) => `recheck p = ${pValue(v)}`],
  ["alpha", (v) => `α = ${num(v)}`],
  ["alphaSpent", (v) => `α spent ${num(v)}`],
  ["candidateOnlyRight", (v, e) => `discordant ${v} vs ${e.championOnlyRight ?? "?"}`],
  ["meanGain", (v) => `gain ${typeof v === "number" ? signed(v) : v}`],
  ["gain", (v) => `gain ${typeof v === "number" ? signed(v) : v}`],
  ["frontier", (v) => `frontier ${v}`],
  ["items", (v) => `${int(v)} items`],
];

/** Evidence as a few readable figures (p-value, alpha, discordant pairs, gain), the whole object folded below. */
export function evidenceHtml(evidence) {
  if (!evidence || typeof evidence !== "object") return "";
  const figures = EVIDENCE.filter(([k]) => evidence[k] !== undefined && evidence[k] !== null).map(([k, f]) => `<span class="figure" data-field="${esc(k)}">${esc(f(evidence[k], evidence))}</span>`);
  return `<div class="evidence">${figures.join(" ")}
    <details><summary>evidence</summary><pre class="json">${esc(jsonText(evidence, 4096))}</pre></details></div>`;
}
