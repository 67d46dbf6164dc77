// The learning curve: the frontier (longest length the champion has mastered, in digits) against the
// compute spent, as training steps or as wall time. The frontier is a step line, since it only moves when a
// candidate is promoted; every round's gate decision is a marker whose <title> carries the p-value.

import { esc, int, duration, pValue, num } from "../format.js";
import { linear, niceTicks, integerTicks, tickLabel, px } from "./scale.js";

const W = 760;
const H = 330;
const M = { left: 56, right: 20, top: 40, bottom: 50 };

/** Which x axes exist: the key in a point, how to read it, and the axis label. */
export const AXES = {
  steps: { label: "training steps", value: (p) => p.trainingSteps ?? 0, tick: tickLabel },
  time: { label: "wall time (minutes)", value: (p) => (p.wallSeconds ?? 0) / 60, tick: (v) => String(Number(v.toPrecision(3))) },
};

/** How a gate decision is drawn: promoted (filled green), refused (red cross), base (grey square), other (hollow). */
export function decisionKind(point) {
  if (point.gate === "base") return "base";
  if (point.promoted) return "promoted";
  if (point.gate === "passed") return "other"; // passed but not promoted (e.g. the budget was spent)
  return "refused";
}

/** The hover text for one round: "round 2: gate passed, p = 1.2e-7, model addition@3, lengths 3,4,5". */
export function decisionTitle(p) {
  const head = p.gate === "base"
    ? `round ${p.round}: base model`
    : `round ${p.round}: gate ${p.gate}${p.promoted ? ", promoted" : p.gate === "passed" ? ", not promoted" : ", refused"}`;
  const parts = [head];
  if (p.pValue !== null && p.pValue !== undefined) parts.push(`p = ${pValue(p.pValue)}`);
  if (p.model) parts.push(`model ${p.model}`);
  if (p.lengths) parts.push(`lengths ${p.lengths}`);
  const more = [
    `frontier ${p.frontier ?? "–"} digits`,
    `${int(p.trainingSteps)} training steps`,
    p.wallSeconds != null ? `${duration(p.wallSeconds)} wall time` : "",
    p.kept != null ? `${int(p.kept)} examples kept` : "",
  ].filter(Boolean);
  return `${parts.join(", ")}\n${more.join(" · ")}`;
}

function marker(kind) {
  switch (kind) {
    case "promoted": return `<circle r="5.5" class="mark-promoted"/>`;
    case "base": return `<rect x="-5" y="-5" width="10" height="10" class="mark-base"/>`;
    case "refused": return `<path d="M-4.5,-4.5L4.5,4.5M-4.5,4.5L4.5,-4.5" class="mark-refused"/>`;
    default: return `<circle r="5" class="mark-other"/>`;
  }
}

/**
 * The chart as an SVG string (id learning-curve). `axis` is "steps" or "time"; `alpha` is the gate's level,
 * named in the legend. Points are the rounds in order; a run without rounds gets no chart (the caller says so).
 */
export function curveSvg(points, { axis = "steps", alpha = null } = {}) {
  const x = AXES[axis] ?? AXES.steps;
  const xs = points.map(x.value);
  const ys = points.map((p) => p.frontier ?? 0);
  const xMax = Math.max(...xs, 0) || 1;
  const yMax = Math.max(...ys, 1) + 1;
  const sx = linear(0, xMax, M.left, W - M.right);
  const sy = linear(0, yMax, H - M.bottom, M.top);
  const out = [];
  out.push(`<svg id="learning-curve" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="curve-title curve-desc" data-axis="${esc(axis)}" preserveAspectRatio="xMinYMin meet">`);
  out.push(`<title id="curve-title">frontier against ${esc(x.label)}</title>`);
  const promotions = points.filter((p) => p.promoted && p.gate !== "base").length;
  out.push(`<desc id="curve-desc">${points.length} rounds, ${promotions} promotions, frontier from ${ys[0] ?? 0} to ${ys[ys.length - 1] ?? 0} digits</desc>`);

  // Grid and axes.
  out.push(`<g class="axis y-axis">`);
  for (const t of integerTicks(0, yMax, 8)) {
    const y = px(sy(t));
    out.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}"/><text x="${M.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${t}</text>`);
  }
  out.push(`<text class="axis-label" transform="translate(16 ${px((M.top + H - M.bottom) / 2)}) rotate(-90)" text-anchor="middle">frontier (digits)</text></g>`);
  out.push(`<g class="axis x-axis">`);
  for (const t of niceTicks(0, xMax, 7)) {
    const xx = px(sx(t));
    out.push(`<line class="tick" x1="${xx}" x2="${xx}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}"/><text x="${xx}" y="${H - M.bottom + 18}" text-anchor="middle">${esc(x.tick(t))}</text>`);
  }
  out.push(`<line class="domain" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`);
  out.push(`<line class="domain" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>`);
  out.push(`<text class="axis-label" x="${px((M.left + W - M.right) / 2)}" y="${H - 10}" text-anchor="middle">${esc(x.label)}</text></g>`);

  // The frontier as a step line: flat until the round that moved it, then up.
  if (points.length) {
    let d = `M${px(sx(xs[0]))},${px(sy(ys[0]))}`;
    for (let i = 1; i < points.length; i++) d += `H${px(sx(xs[i]))}V${px(sy(ys[i]))}`;
    out.push(`<path class="frontier-line" d="${d}"/>`);
  }

  // One marker per round's gate decision, drawn after the line so they sit on top.
  out.push(`<g class="decisions">`);
  points.forEach((p, i) => {
    const kind = decisionKind(p);
    out.push(`<g class="gate-decision decision-${kind}" data-gate="${esc(p.gate ?? "")}" data-round="${esc(p.round)}" data-promoted="${p.promoted ? "true" : "false"}"`
      + ` data-p-value="${esc(p.pValue ?? "")}" transform="translate(${px(sx(xs[i]))} ${px(sy(ys[i]))})">`
      + `<title>${esc(decisionTitle(p))}</title><circle r="9" class="hit"/>${marker(kind)}</g>`);
  });
  out.push(`</g>`);

  // Legend along the top.
  const items = [
    ["line", "frontier"],
    ["promoted", "gate passed, promoted"],
    ["refused", "refused"],
    ["base", "base model"],
  ];
  if (points.some((p) => decisionKind(p) === "other")) items.push(["other", "passed, not promoted"]);
  out.push(`<g class="legend" transform="translate(${M.left} 16)">`);
  let lx = 0;
  for (const [kind, text] of items) {
    const symbol = kind === "line" ? `<path class="frontier-line" d="M-8,0H8"/>` : marker(kind);
    out.push(`<g transform="translate(${lx + 8} 0)">${symbol}<text x="14" dy="0.32em">${esc(text)}</text></g>`);
    lx += 30 + text.length * 6.6;
  }
  if (alpha !== null && alpha !== undefined) out.push(`<text x="${px(lx + 8)}" dy="0.32em" class="muted-text">gate α = ${esc(num(alpha, 3))}</text>`);
  out.push(`</g></svg>`);
  return out.join("");
}

/** The same rounds as a table (id rounds-table), one row per round. */
export function roundsTableHtml(points) {
  const rows = points.map((p) => {
    const kind = decisionKind(p);
    return `<tr data-round="${esc(p.round)}" data-gate="${esc(p.gate ?? "")}">
      <td class="num">${esc(p.round)}</td>
      <td><span class="gate gate-${kind}">${esc(p.gate ?? "–")}</span></td>
      <td>${p.promoted ? "yes" : "no"}</td>
      <td class="num">${esc(pValue(p.pValue))}</td>
      <td class="num">${esc(p.frontier ?? "–")}</td>
      <td class="num">${esc(int(p.trainingSteps))}</td>
      <td class="num">${esc(duration(p.wallSeconds))}</td>
      <td>${esc(p.model ?? "–")}</td>
      <td>${esc(p.lengths ?? "–")}</td>
      <td class="num">${esc(int(p.kept))}</td>
    </tr>`;
  });
  return `<table id="rounds-table" class="data">
    <thead><tr><th scope="col" class="num">round</th><th scope="col">gate</th><th scope="col">promoted</th><th scope="col" class="num">p-value</th>
      <th scope="col" class="num">frontier</th><th scope="col" class="num">training steps</th><th scope="col" class="num">wall time</th>
      <th scope="col">model</th><th scope="col">lengths</th><th scope="col" class="num">kept</th></tr></thead>
    <tbody>${rows.join("")}</tbody></table>`;
}
