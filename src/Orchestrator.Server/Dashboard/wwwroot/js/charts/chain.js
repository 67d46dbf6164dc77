// A procedure's lineage: the versions behind the current one as a chain of boxes, oldest first, each edge
// labelled with the gain and p-value the meta-gate measured when the next version was adopted.

import { esc, pValue, signed, jsonInline } from "../format.js";

const BOX_W = 112;
const BOX_H = 46;
const GAP = 118;
const TOP = 14;

/** Patch operations as "path = value; ..." for a hover text. */
function describePatch(patch) {
  if (!Array.isArray(patch) || !patch.length) return "";
  return patch.map((op) => `${op.op ?? "replace"} ${op.path} = ${jsonInline(op.value, 60)}`).join("; ");
}

/** The chain as an SVG string (id workflow-lineage); `current` is drawn as the current version. */
export function chainSvg(chain, current) {
  if (!chain.length) return "";
  const width = chain.length * BOX_W + (chain.length - 1) * GAP + 8;
  const height = BOX_H + TOP * 2 + 4;
  const out = [];
  out.push(`<svg id="workflow-lineage" class="chart chain" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chain-title">`);
  out.push(`<title id="chain-title">${chain.length} versions from @${esc(chain[0].version)} to @${esc(chain[chain.length - 1].version)}</title>`);
  out.push(`<defs><marker id="chain-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L8,4L0,8z" class="arrow"/></marker></defs>`);
  chain.forEach((link, i) => {
    const x = 4 + i * (BOX_W + GAP);
    if (i > 0) {
      // The edge into this version carries the evidence that adopted it.
      const x0 = x - GAP;
      const mid = x0 + GAP / 2;
      const y = TOP + BOX_H / 2;
      const gain = link.gain !== null && link.gain !== undefined ? `gain ${signed(Number(link.gain))}` : "";
      const p = link.pValue !== null && link.pValue !== undefined ? `p = ${pValue(Number(link.pValue))}` : "";
      out.push(`<g class="chain-edge" data-from="${esc(chain[i - 1].version)}" data-to="${esc(link.version)}">`
        + `<title>${esc([link.adoptedBecause ?? "no meta-gate evidence (published by hand?)", describePatch(link.edit)].filter(Boolean).join("\n"))}</title>`
        + `<line x1="${x0 + 2}" y1="${y}" x2="${x - 4}" y2="${y}" marker-end="url(#chain-arrow)"/>`
        + `<text x="${mid}" y="${y - 8}" text-anchor="middle" class="edge-gain">${esc(gain)}</text>`
        + `<text x="${mid}" y="${y + 15}" text-anchor="middle" class="edge-p">${esc(p)}</text></g>`);
    }
    const isCurrent = link.version === current;
    out.push(`<g class="workflow-node${isCurrent ? " current" : ""}" data-version="${esc(link.version)}" transform="translate(${x} ${TOP})">`
      + `<title>${esc(`@${link.version} by ${link.author ?? "–"}${isCurrent ? " (current)" : ""}${link.edit ? `\n${describePatch(link.edit)}` : ""}`)}</title>`
      + `<rect width="${BOX_W}" height="${BOX_H}" rx="6"/>`
      + `<text x="${BOX_W / 2}" y="19" text-anchor="middle" class="node-label">@${esc(link.version)}${isCurrent ? " current" : ""}</text>`
      + `<text x="${BOX_W / 2}" y="36" text-anchor="middle" class="node-sub">${esc(shorten(link.author ?? "", 17))}</text></g>`);
  });
  out.push(`</svg>`);
  return out.join("");
}

const shorten = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
