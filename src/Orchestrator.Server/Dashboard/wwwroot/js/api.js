// One way to call the API: same-origin cookie, the session's CSRF token on every change, JSON both ways,
// and failures as ApiError carrying the RFC 9457 problem document so pages can show its detail and paths.

const BASE = "/api";

let current = null; // the session document: { name, role, csrf }
let unauthorized = () => {};

/** Who is signed in (null when nobody is). */
export const session = () => current;

export function setSession(doc) {
  current = doc;
}

/** Called on any 401, so the app can show the sign-in page whatever page made the call. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

const RANK = { viewer: 1, operator: 2, admin: 3 };

/** Whether the signed-in key's role is at least `role`: roles nest (an admin can do what an operator can). */
export function can(role) {
  return !!current && (RANK[current.role] ?? 0) >= RANK[role];
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

// Seeds are 64-bit; JSON.parse would round those above 2^53. Where the browser lets a reviver see the
// source text, such integers are kept exactly, as strings. Only bodies that hold a long number pay for it.
const LONG_NUMBER = /[:,[]\s*-?\d{16,}/;
function exactBigIntegers(key, value, context) {
  if (typeof value === "number" && !Number.isSafeInteger(value) && Number.isInteger(value) && context?.source && /^-?\d+$/.test(context.source))
    return context.source;
  return value;
}

function parse(text) {
  if (!text) return null;
  return LONG_NUMBER.test(text) ? JSON.parse(text, exactBigIntegers) : JSON.parse(text);
}

/**
 * A request to /api`path`. `body` is an object, or a string already serialized (to send an exact 64-bit seed).
 * `quiet401` keeps a 401 from sending the user to the sign-in page (the sign-in form itself, the first session check).
 */
export async function request(method, path, { body, signal, quiet401 = false } = {}) {
  const headers = { Accept: "application/json, application/problem+json" };
  const mutating = method !== "GET" && method !== "HEAD";
  if (mutating) {
    headers["Content-Type"] = "application/json";
    if (current?.csrf) headers["X-CSRF-Token"] = current.csrf;
  }
  // Changes always carry a JSON object, "{}" when there is nothing to say: the server reads bodies as JSON objects.
  const payload = mutating && method !== "DELETE" ? (typeof body === "string" ? body : JSON.stringify(body ?? {})) : undefined;
  let response;
  try {
    response = await fetch(BASE + path, { method, headers, body: payload, credentials: "same-origin", signal, cache: "no-store" });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, { title: "the server does not answer", detail: `${method} ${BASE}${path}: ${e.message}` });
  }
  const text = response.status === 204 ? "" : await response.text();
  let data = null;
  try {
    data = parse(text);
  } catch {
    data = null;
  }
  if (!response.ok) {
    const problem = data && typeof data === "object" && !Array.isArray(data)
      ? data
      : { title: response.statusText || `HTTP ${response.status}`, detail: text.slice(0, 500) };
    if (!problem.status) problem.status = response.status;
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && !quiet401) {
      current = null;
      unauthorized(error);
    }
    throw error;
  }
  return data;
}

export const get = (path, options) => request("GET", path, options);
export const post = (path, body, options) => request("POST", path, { ...options, body });
export const del = (path, options) => request("DELETE", path, options);

/** Path segment for an id that may hold "/" (evaluators/verified). */
export const seg = (id) => encodeURIComponent(id);

/** A query string from the fields that have a value. */
export function query(fields) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}
