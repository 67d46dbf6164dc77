// Turning API values into text. Every string that came from the API goes through esc() before it
// reaches innerHTML: run ids, reasons and rationales are written by people and by models.

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe inside HTML content and inside quoted attribute values; null and undefined become "". */
export function esc(value) {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

// Fixed locale so numbers read the same in every browser (and in tests).
const INTEGER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** An integer with thousands separators ("146,852"); "–" when missing. Exact big integers arrive as strings and pass through. */
export function int(n) {
  if (n === null || n === undefined || n === "") return "–";
  if (typeof n === "string") return n;
  return INTEGER.format(n);
}

/** A measured figure with a few significant digits: 0.0501, 4.2, 29,132. */
export function num(n, digits = 3) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  if (typeof n !== "number") return String(n);
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (abs >= 1000) return INTEGER.format(n);
  if (abs < 1e-3) return n.toExponential(Math.max(0, digits - 2));
  return String(Number(n.toPrecision(digits)));
}

/**
 * A p-value the way the gate's reasons print it: exponent form once it is small (3.3e-5), plain when it is
 * near 1 (0.59, 1), "–" when there is none (the base round has no test).
 */
export function pValue(p) {
  if (p === null || p === undefined || typeof p !== "number" || Number.isNaN(p)) return "–";
  if (p === 0) return "0";
  if (p >= 0.01) return String(Number(p.toPrecision(2)));
  return p.toExponential(1);
}

/** A signed change ("+0.42", "-0.1"). */
export function signed(n, digits = 3) {
  if (n === null || n === undefined || typeof n !== "number") return "–";
  return (n > 0 ? "+" : "") + num(n, digits);
}

/** Seconds as people say them: 420 ms, 4.2 s, 3 min 12 s, 1 h 05 min. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return "–";
  if (seconds < 0) seconds = 0;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${Number(seconds.toPrecision(seconds < 10 ? 2 : 3))} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    return `${m} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`;
  }
  const h = Math.floor(seconds / 3600);
  return `${h} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")} min`;
}

/** Seconds between two ISO times; to "now" when the end is missing (a step still running). Null without a start. */
export function secondsBetween(startIso, endIso) {
  if (!startIso) return null;
  const start = Date.parse(startIso);
  const end = endIso ? Date.parse(endIso) : Date.now();
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return (end - start) / 1000;
}

const pad = (n) => String(n).padStart(2, "0");

/** An ISO time in local time, to the second: 2026-12-03 09:34:44. */
export function time(iso) {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** How long ago (or how far ahead): "12 s ago", "in 3 h 05 min". */
export function relative(iso) {
  if (!iso) return "–";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const seconds = (Date.now() - t) / 1000;
  if (Math.abs(seconds) < 1) return "just now";
  return seconds >= 0 ? `${duration(seconds)} ago` : `in ${duration(-seconds)}`;
}

/** A <time> element: local time as text, the ISO value machine-readable, "how long ago" on hover. */
export function timeHtml(iso) {
  if (!iso) return "–";
  return `<time datetime="${esc(iso)}" title="${esc(relative(iso))}">${esc(time(iso))}</time>`;
}

/** Pretty JSON cut to at most `max` characters, saying how much was left out. */
export function jsonText(value, max = 4096) {
  if (value === undefined) return "";
  const text = JSON.stringify(value, null, 2) ?? "null";
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${INTEGER.format(text.length - max)} more characters; the API has the whole document)`;
}

/** A compact one-line JSON value for tables and diffs, cut at `max` characters. */
export function jsonInline(value, max = 160) {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "null";
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** "sha256:1f1911e0766a…" → "1f1911e0" for display; the full value goes in a title. */
export function shortHash(hash) {
  if (!hash) return "–";
  const bare = String(hash).replace(/^sha256:/, "");
  return bare.slice(0, 8);
}
