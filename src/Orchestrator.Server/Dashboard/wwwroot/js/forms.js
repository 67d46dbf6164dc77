// Form plumbing shared by the pages: reading name=value lines and running a submit with its problem shown.

import { showProblem } from "./ui.js";

/**
 * Inputs typed as `name=value` lines. A value that reads as JSON (2, true, [1,2], {"a":1}, "quoted") is that
 * value; anything else is the text itself, so `task=arithmetic/addition` needs no quotes. Blank lines and
 * lines starting with # are skipped. Throws with the line number when a line has no name.
 */
export function parseNameValues(text) {
  const values = {};
  const lines = String(text ?? "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    const name = eq < 0 ? "" : line.slice(0, eq).trim();
    if (!name) throw new Error(`line ${index + 1}: write name=value (got "${line}")`);
    const rest = line.slice(eq + 1).trim();
    let value = rest;
    try {
      value = JSON.parse(rest);
    } catch {
      value = rest;
    }
    values[name] = value;
  });
  return values;
}

/** Lines `name=value` from an object, for prefilling a textarea. */
export function formatNameValues(values) {
  if (!values || typeof values !== "object") return "";
  return Object.entries(values).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join("\n");
}

/**
 * Wires `form` so that submitting runs `action(formData)`: the submit button is disabled while it runs and a
 * failure goes to `problemElement`. A plain Error (bad input caught here) is shown like a 400.
 */
export function onSubmit(form, problemElementId, action) {
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = document.getElementById(problemElementId);
    const buttons = form.querySelectorAll("button[type=submit], button:not([type])");
    buttons.forEach((b) => (b.disabled = true));
    form.setAttribute("aria-busy", "true");
    try {
      showProblem(problem, null);
      await action(new FormData(form));
    } catch (error) {
      if (error?.name === "AbortError") return;
      const shown = error?.problem ? error : { status: 400, problem: { title: "the form is not valid", detail: error?.message ?? String(error) } };
      showProblem(document.getElementById(problemElementId), shown);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      form.removeAttribute("aria-busy");
    }
  });
}

/** The trimmed text of a form field, or undefined when it is empty (the API refuses empty optional fields). */
export function field(data, name) {
  const value = data.get(name);
  if (value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}
