// The step journal as a tree. Step keys are paths: "round/3/gate" sits under "round" → "3" → "gate";
// numeric segments are loop iterations or parallel branches, other segments steps or called workflows.
// A group shows the worst status and the wall time of what is under it; iterations are folded away
// except the latest and any that failed or still run, so a 500-round loop reads as one screen.

import { esc, duration, secondsBetween, timeHtml, jsonText } from "./format.js";
import { statusBadge } from "./ui.js";

const NUMERIC = /^\d+$/;
// Worst first: a group is as bad as the worst thing in it.
const SEVERITY = { failed: 4, running: 3, succeeded: 2, skipped: 1 };

/** Steps (in journal order) → a tree of { name, path, step, children }. */
export function buildTree(steps) {
  const root = { name: "", path: "", step: null, children: [], index: new Map() };
  for (const step of steps) {
    let node = root;
    const parts = String(step.key).split("/");
    parts.forEach((name, i) => {
      let child = node.index.get(name);
      if (!child) {
        child = { name, path: parts.slice(0, i + 1).join("/"), step: null, children: [], index: new Map() };
        node.index.set(name, child);
        node.children.push(child);
      }
      node = child;
    });
    node.step = step;
  }
  summarize(root);
  return root;
}

// Fills each node's aggregate: worst status, first start, last end (null while anything runs), counts.
function summarize(node) {
  const agg = { status: null, start: null, end: null, running: false, steps: 0, retried: 0, failed: 0 };
  const add = (status, start, end, attempts) => {
    if (!agg.status || (SEVERITY[status] ?? 0) > (SEVERITY[agg.status] ?? 0)) agg.status = status;
    if (start && (!agg.start || start < agg.start)) agg.start = start;
    if (status === "running") agg.running = true;
    if (end && (!agg.end || end > agg.end)) agg.end = end;
    if (attempts > 1) agg.retried++;
  };
  if (node.step) {
    const s = node.step;
    add(s.status, s.startedAt, s.endedAt, s.attempts ?? 0);
    agg.steps++;
    if (s.status === "failed") agg.failed++;
  }
  if (node.children.length) {
    // Iterations sort as numbers (10 after 9), the rest keep journal order.
    if (node.children.every((c) => NUMERIC.test(c.name))) {
      node.children.sort((a, b) => Number(a.name) - Number(b.name));
      node.iterations = true;
    }
    for (const child of node.children) {
      const c = summarize(child);
      if (c.status) add(c.status, c.start, c.running ? null : c.end, 0);
      if (c.running) agg.running = true;
      agg.steps += c.steps;
      agg.retried += c.retried;
      agg.failed += c.failed;
    }
  }
  node.agg = agg;
  return agg;
}

/**
 * The tree as HTML. `open` maps a group's path to the state the user chose (kept across live updates);
 * groups without a choice follow the folding rule. `selected` is the key whose output is shown.
 */
export function treeHtml(root, { open = new Map(), selected = "" } = {}) {
  if (!root.children.length) return `<p class="empty">no steps have run yet</p>`;
  const out = [];
  out.push(`<ul class="tree">`);
  for (const child of root.children) nodeHtml(child, null, out, open, selected);
  out.push("</ul>");
  return out.join("");
}

function nodeHtml(node, parent, out, open, selected) {
  if (node.children.length === 0) {
    out.push(stepHtml(node, selected));
    return;
  }
  const agg = node.agg;
  let isOpen;
  if (open.has(node.path)) isOpen = open.get(node.path);
  else if (parent?.iterations) {
    const last = parent.children[parent.children.length - 1] === node;
    isOpen = last || agg.failed > 0 || agg.running;
  } else isOpen = true;
  const iteration = parent?.iterations;
  const label = iteration ? `${esc(parent.name)} <strong>${esc(node.name)}</strong>` : `<strong>${esc(node.name)}</strong>`;
  const seconds = secondsBetween(agg.start, agg.running ? null : agg.end);
  const notes = [
    `${agg.steps} step${agg.steps === 1 ? "" : "s"}`,
    node.iterations ? `${node.children.length} ${node.children.length === 1 ? "iteration" : "iterations"}` : "",
    agg.retried ? `<span class="attempts retried">${agg.retried} retried</span>` : "",
    agg.failed ? `<span class="step-error">${agg.failed} failed</span>` : "",
  ].filter(Boolean);
  out.push(`<li class="group${iteration ? " iteration" : ""}" data-path="${esc(node.path)}" data-status="${esc(agg.status ?? "")}">`);
  out.push(`<details data-path="${esc(node.path)}"${isOpen ? " open" : ""}><summary>`);
  out.push(`<span class="node-name">${label}</span>${node.step ? ` <span class="kind">${esc(node.step.kind)}</span>` : ""} ${statusBadge(agg.status, "step-status")}`);
  out.push(` <span class="dur" title="from the first start to the last end">${seconds == null ? "" : esc(duration(seconds))}${agg.running ? "…" : ""}</span>`);
  out.push(` <span class="notes muted">${notes.join(" · ")}</span>`);
  if (node.step) out.push(` <button type="button" class="step-link small" data-key="${esc(node.step.key)}">output</button>`);
  out.push(`</summary><ul>`);
  for (const child of node.children) nodeHtml(child, node, out, open, selected);
  out.push("</ul></details></li>");
}

function stepHtml(node, selected) {
  const s = node.step;
  const seconds = secondsBetween(s.startedAt, s.endedAt);
  const attempts = s.attempts ?? 0;
  return `<li class="step${s.key === selected ? " selected" : ""}" data-key="${esc(s.key)}" data-status="${esc(s.status)}">`
    + `<button type="button" class="step-link" data-key="${esc(s.key)}"><span class="node-name">${esc(node.name)}</span> <span class="kind">${esc(s.kind)}</span></button> `
    + `${statusBadge(s.status, "step-status")} `
    + `<span class="dur">${s.status === "skipped" || seconds == null ? "" : esc(duration(seconds)) + (s.endedAt ? "" : "…")}</span>`
    + (attempts > 1 ? ` <span class="attempts retried" title="attempts">${esc(attempts)} attempts</span>` : "")
    + (s.error?.message ? ` <span class="step-error">${esc(s.error.message)}</span>` : "")
    + `</li>`;
}

/** One step in full: where it is, when it ran, its error, its output and state changes (cut to a few KB). */
export function stepDetailHtml(step) {
  if (!step) return `<p class="muted">Choose a step to see its output.</p>`;
  const seconds = secondsBetween(step.startedAt, step.endedAt);
  const error = step.error
    ? `<div class="problem"><p class="problem-title">${esc(step.error.type ?? "error")}</p><p>${esc(step.error.message)}</p>
        <p class="muted">attempt ${esc(step.error.attempt ?? "–")} · <code>${esc(step.error.pointer ?? "")}</code></p></div>`
    : "";
  return `<h3><code>${esc(step.key)}</code></h3>
    <dl class="facts">
      <dt>kind</dt><dd><code>${esc(step.kind)}</code></dd>
      <dt>status</dt><dd>${statusBadge(step.status)}</dd>
      <dt>attempts</dt><dd class="${(step.attempts ?? 0) > 1 ? "attempts retried" : ""}">${esc(step.attempts ?? 0)}</dd>
      <dt>started</dt><dd>${timeHtml(step.startedAt)}</dd>
      <dt>ended</dt><dd>${timeHtml(step.endedAt)}</dd>
      <dt>took</dt><dd>${seconds == null ? "–" : esc(duration(seconds))}</dd>
      <dt>pointer</dt><dd><code>${esc(step.pointer)}</code></dd>
    </dl>
    ${error}
    <h4>output</h4>
    <pre class="json" id="step-output">${!("output" in step) ? '<span class="muted">loading…</span>' : step.output === null ? '<span class="muted">none</span>' : esc(jsonText(step.output, 4096))}</pre>
    ${step.stateChanges ? `<h4>state changes</h4><pre class="json">${esc(jsonText(step.stateChanges, 2048))}</pre>` : ""}`;
}
