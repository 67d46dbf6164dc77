// A model's versions as a layered graph: a version's column is its depth from the root (how many
// trainings it is from the base), the edge goes parent → child. The line from the root to the champion
// is kept on one row; refused candidates are dead ends, drawn in rows beside the version they came from.

import { esc, int, duration, num, shortHash } from "../format.js";
import { px } from "./scale.js";

const COL = 78;
const ROW = 64;
const PAD = { left: 36, right: 36, top: 56, bottom: 28 };
const R = 15;

/**
 * Positions: { version → { col, row } }. `mainTip` is the version whose ancestry forms row 0 (the
 * champion's, or whatever the caller picks).
 */
export function layout(versions, mainTip) {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const parentOf = (v) => {
    const p = v.lineage?.parentVersion;
    return p !== null && p !== undefined && byVersion.has(p) && p !== v.version ? p : null;
  };
  // Depth from the root, following parents (guarding against a cycle in bad data).
  const depth = new Map();
  const depthOf = (version, seen = new Set()) => {
    if (depth.has(version)) return depth.get(version);
    if (seen.has(version)) return 0;
    seen.add(version);
    const p = parentOf(byVersion.get(version));
    const d = p === null ? 0 : depthOf(p, seen) + 1;
    depth.set(version, d);
    return d;
  };
  for (const v of versions) depthOf(v.version);

  const main = new Set();
  for (let at = byVersion.has(mainTip) ? mainTip : null, guard = 0; at !== null && guard <= versions.length; guard++) {
    main.add(at);
    at = parentOf(byVersion.get(at));
  }

  const used = new Map(); // col → Set of rows taken
  const take = (col, row) => {
    if (!used.has(col)) used.set(col, new Set());
    used.get(col).add(row);
  };
  const free = (col, row) => !used.get(col)?.has(row);
  const pos = new Map();
  for (const v of main) {
    pos.set(v, { col: depth.get(v), row: 0 });
    take(depth.get(v), 0);
  }
  // Versions in number order: parents come before their children, so a side branch can stay on its parent's row.
  const rest = [...versions].map((v) => v.version).filter((v) => !main.has(v)).sort((a, b) => a - b);
  for (const v of rest) {
    const col = depth.get(v);
    const p = parentOf(byVersion.get(v));
    const parentRow = p !== null && !main.has(p) ? pos.get(p)?.row : undefined;
    let row = parentRow !== undefined && free(col, parentRow) ? parentRow : 1;
    while (!free(col, row)) row++;
    pos.set(v, { col, row });
    take(col, row);
  }
  return { pos, main, parentOf };
}

function nodeTitle(v, aliasesNow, everPromoted) {
  const l = v.lineage ?? {};
  const c = l.compute ?? {};
  const metrics = Object.entries(v.metrics ?? {})
    .filter(([, value]) => typeof value !== "object" || value === null)
    .map(([k, value]) => `${k} ${typeof value === "number" ? num(value, 4) : value}`);
  return [
    `${v.name}@${v.version}${aliasesNow.length ? ` (${aliasesNow.join(", ")})` : ""}${everPromoted ? " · promoted at some time" : ""}`,
    v.description ?? "",
    `parent: ${l.parentVersion != null ? `@${l.parentVersion}` : "none"}`,
    `run: ${l.run ?? "–"}`,
    `workflow: ${l.workflow ?? "–"}${l.evaluator ? ` · evaluator ${l.evaluator}` : ""}`,
    `compute: ${int(c.trainingSteps)} steps, ${int(c.tokens)} tokens, ${duration(c.seconds)}`,
    l.dataset ? `dataset: ${shortHash(l.dataset)}` : "",
    metrics.length ? `metrics: ${metrics.join(", ")}` : "",
  ].filter(Boolean).join("\n");
}

/**
 * The graph as an SVG string (id lineage-graph). `aliases` is { alias: version } now; `journal` the alias
 * moves, from which every version that was ever promoted gets a ring.
 */
export function lineageSvg(versions, aliases = {}, journal = []) {
  if (!versions.length) return "";
  const aliasesOf = new Map();
  for (const [alias, version] of Object.entries(aliases ?? {})) {
    if (!aliasesOf.has(version)) aliasesOf.set(version, []);
    aliasesOf.get(version).push(alias);
  }
  const promoted = new Set(journal.map((m) => m.to));
  const tip = aliases?.champion ?? Object.values(aliases ?? {})[0] ?? Math.max(...versions.map((v) => v.version));
  const { pos, main, parentOf } = layout(versions, tip);
  let cols = 0;
  let rows = 0;
  for (const { col, row } of pos.values()) {
    cols = Math.max(cols, col);
    rows = Math.max(rows, row);
  }
  const width = Math.max(PAD.left + PAD.right + cols * COL, 600); // room for the legend
  const height = PAD.top + PAD.bottom + rows * ROW;
  const at = (v) => ({ x: PAD.left + pos.get(v).col * COL, y: PAD.top + pos.get(v).row * ROW });

  const out = [];
  out.push(`<svg id="lineage-graph" class="chart lineage" width="${width}" height="${height + 30}" viewBox="0 0 ${width} ${height + 30}" role="img" aria-labelledby="lineage-title">`);
  out.push(`<title id="lineage-title">${versions.length} versions; the line from the first version to @${esc(tip)} runs along the top row</title>`);
  // Edges under the nodes: straight along a row, a curve into a side row.
  out.push(`<g class="edges">`);
  for (const v of versions) {
    const p = parentOf(v);
    if (p === null) continue;
    const a = at(p);
    const b = at(v.version);
    const onMain = main.has(p) && main.has(v.version);
    const d = a.y === b.y
      ? `M${a.x + R},${a.y}H${b.x - R}`
      : `M${a.x + R * 0.7},${a.y + R * 0.7}C${px(a.x + COL * 0.45)},${b.y} ${px(b.x - COL * 0.5)},${b.y} ${b.x - R},${b.y}`;
    out.push(`<path class="edge${onMain ? " main" : ""}" data-from="${esc(p)}" data-to="${esc(v.version)}" d="${d}" marker-end="url(#lineage-arrow)"/>`);
  }
  out.push(`</g>`);
  out.push(`<defs><marker id="lineage-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L8,4L0,8z" class="arrow"/></marker></defs>`);

  out.push(`<g class="nodes">`);
  for (const v of versions) {
    const { x, y } = at(v.version);
    const now = aliasesOf.get(v.version) ?? [];
    const ever = promoted.has(v.version);
    const classes = ["model-node", main.has(v.version) ? "on-main" : "side", ever ? "ever-promoted" : "never-promoted", now.length ? "aliased" : ""].filter(Boolean).join(" ");
    out.push(`<g class="${classes}" data-version="${esc(v.version)}" data-aliases="${esc(now.join(" "))}" data-promoted="${ever}" transform="translate(${x} ${y})" tabindex="0">`);
    out.push(`<title>${esc(nodeTitle(v, now, ever))}</title>`);
    if (ever) out.push(`<circle r="${R + 4}" class="promoted-ring"/>`);
    out.push(`<circle r="${R}" class="node-body"/>`);
    out.push(`<text class="node-label" dy="0.34em" text-anchor="middle">@${esc(v.version)}</text>`);
    now.forEach((alias, i) => {
      const w = 10 + alias.length * 6.4;
      const by = -R - 14 - i * 17;
      out.push(`<g class="alias-badge" data-alias="${esc(alias)}" transform="translate(0 ${by})"><rect x="${px(-w / 2)}" y="-8" width="${px(w)}" height="15" rx="7"/><text dy="0.32em" text-anchor="middle">${esc(alias)}</text></g>`);
    });
    out.push(`</g>`);
  }
  out.push(`</g>`);

  // Legend under the graph, each item placed after the previous one's text.
  const legend = [
    [`<circle r="6" class="node-body"/><circle r="9" class="promoted-ring"/>`, "ever promoted", 14],
    [`<circle r="6" class="node-body side-sample"/>`, "never promoted (a refused candidate)", 12],
    [`<rect x="-14" y="-7" width="28" height="14" rx="7" class="alias-sample"/>`, "an alias it holds now", 20],
  ];
  out.push(`<g class="legend" transform="translate(${PAD.left - 20} ${height + 12})">`);
  let lx = 14;
  for (const [symbol, text, gap] of legend) {
    out.push(`<g transform="translate(${lx} 0)">${symbol}<text x="${gap}" dy="0.32em">${esc(text)}</text></g>`);
    lx += gap + text.length * 6.3 + 34;
  }
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("");
}
