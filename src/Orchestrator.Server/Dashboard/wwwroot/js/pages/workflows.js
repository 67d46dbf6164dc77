// Workflow definitions: the list, and one definition's versions, the lineage of its procedure, every
// self-edit with its refusal reasons or trial evidence and a readable diff, and the moves of `current`.
// Publishing and rolling back are admin actions.

import * as api from "../api.js";
import { esc, int, timeHtml, jsonInline, shortHash, pValue, signed } from "../format.js";
import { problemHtml, empty, evidenceHtml, statusBadge } from "../ui.js";
import { onSubmit, field } from "../forms.js";
import { chainSvg } from "../charts/chain.js";

export async function render(main, ctx) {
  if (ctx.view === "one") return renderOne(main, ctx, ctx.params[0]);
  ctx.title("Workflows");
  main.innerHTML = `<h1>Workflows</h1><div id="workflows-body"><p class="loading">Loading…</p></div>${api.can("admin") ? publishFormHtml() : ""}`;
  if (api.can("admin")) wirePublish(ctx);
  const list = await api.get("/workflows", { signal: ctx.signal });
  if (!ctx.alive()) return;
  const body = document.getElementById("workflows-body");
  if (!list.length) {
    body.innerHTML = empty("no definitions are published in this store: 'orchestrator publish FILE' (or the form below, for admins) stores one");
    return;
  }
  body.innerHTML = `<table id="workflows-table" class="data">
    <thead><tr><th scope="col">definition</th><th scope="col" class="num">current</th><th scope="col" class="num">versions</th><th scope="col">runs</th></tr></thead>
    <tbody>${list.map((w) => `<tr data-workflow-id="${esc(w.id)}">
      <td><a href="#/workflows/${esc(encodeURIComponent(w.id))}">${esc(w.id)}</a></td>
      <td class="num">${w.current != null ? `@${esc(w.current)}` : '<span class="muted">none</span>'}</td>
      <td class="num">${int(w.versions)}</td>
      <td>${w.id.includes("/") ? "" : `<a href="#/runs${api.query({ workflow: w.id })}">its runs</a>`}</td></tr>`).join("")}</tbody></table>`;
}

function publishFormHtml() {
  return `<section class="panel admin" aria-labelledby="publish-heading">
    <h2 id="publish-heading">Publish a definition</h2>
    <form id="publish-form" class="grid-form">
      <label for="publish-file">from a file</label>
      <input id="publish-file" type="file" accept=".yaml,.yml,.json,text/yaml,application/json">
      <label for="publish-text">YAML or JSON</label>
      <textarea id="publish-text" name="text" rows="12" required spellcheck="false" placeholder="id: my-workflow&#10;version: 1&#10;steps: …"></textarea>
      <label for="publish-reason">reason</label>
      <input id="publish-reason" name="reason" placeholder="why, for the version's record">
      <label for="publish-draft">draft</label>
      <label class="inline"><input id="publish-draft" name="draft" type="checkbox"> store as a draft (does not become current)</label>
      <div></div><div><button id="publish-submit" type="submit">Publish</button></div>
    </form>
    <div id="publish-error" class="problem" role="alert" hidden></div>
    <p id="publish-result" class="notice" role="status" hidden></p>
  </section>`;
}

function wirePublish(ctx) {
  let fileName;
  document.getElementById("publish-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    fileName = file.name;
    document.getElementById("publish-text").value = await file.text(); // read here; nothing is uploaded until Publish
  });
  onSubmit(document.getElementById("publish-form"), "publish-error", async (data) => {
    const body = { text: String(data.get("text") ?? "") };
    if (field(data, "reason")) body.reason = field(data, "reason");
    if (fileName) body.fileName = fileName;
    if (data.get("draft")) body.draft = true;
    const version = await api.post("/workflows", body, { signal: ctx.signal });
    if (!ctx.alive()) return;
    const result = document.getElementById("publish-result");
    const link = `<a href="#/workflows/${esc(encodeURIComponent(version.id))}">${esc(version.id)}@${esc(version.version)}</a>`;
    result.innerHTML = version.created ? `Published ${link} (${esc(version.status)}).` : `Nothing new: ${link} already has this content.`;
    result.hidden = false;
  });
}

async function renderOne(main, ctx, id) {
  ctx.title(`Workflow ${id}`);
  const path = `/workflows/${api.seg(id)}`;
  main.innerHTML = `<p class="crumbs"><a href="#/workflows">Workflows</a> /</p><h1>${esc(id)}</h1><div id="workflow-body"><p class="loading">Loading…</p></div>`;
  let doc;
  try {
    doc = await api.get(path, { signal: ctx.signal });
  } catch (error) {
    if (error?.status === 401 || !ctx.alive()) throw error;
    document.getElementById("workflow-body").innerHTML = problemHtml(error);
    return;
  }
  if (!ctx.alive()) return;
  const versions = [...(doc.versions ?? [])].sort((a, b) => a.version - b.version);
  const edits = [...(doc.edits ?? [])].sort((a, b) => b.sequence - a.sequence); // newest first
  const lineage = doc.lineage ?? [];
  const adopted = new Map(lineage.map((l) => [l.version, l]));

  document.getElementById("workflow-body").innerHTML = `
    <p>current: ${doc.current != null ? `<strong>@${esc(doc.current)}</strong>` : '<span class="muted">none</span>'} · ${int(versions.length)} versions · ${int(edits.length)} self-edits
      ${id.includes("/") ? "" : ` · <a href="#/runs${api.query({ workflow: id })}">its runs</a>`}</p>
    <section aria-labelledby="chain-heading">
      <h2 id="chain-heading">Lineage of the procedure</h2>
      ${lineage.length > 1 ? `<p class="muted">The versions behind the current one, oldest first; each arrow carries the gain and p-value the meta-gate measured when the next version was adopted.</p>` : ""}
      <div class="graph-wrap">${lineage.length ? chainSvg(lineage, doc.current) : empty("no current version, so no lineage")}</div>
    </section>
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <div class="table-wrap">${versionsHtml(versions, doc.current)}</div>
      <form id="diff-form" class="inline-form">
        <label>compare <select id="diff-from" name="from">${versionOptions(versions, versions.at(-2)?.version)}</select></label>
        <label>with <select id="diff-to" name="to">${versionOptions(versions, versions.at(-1)?.version)}</select></label>
        <button id="diff-submit" type="submit" class="secondary">Show the diff</button>
      </form>
      <div id="version-diff-box"></div>
    </section>
    ${api.can("admin") ? rollbackFormHtml(versions, doc.current) : ""}
    <section aria-labelledby="edits-heading">
      <h2 id="edits-heading">Self-edits</h2>
      <div id="workflow-edits">${edits.length ? edits.map((e) => editHtml(e, adopted)).join("") : empty("no self-edits: every version was published by hand")}</div>
    </section>
    <section aria-labelledby="moves-heading">
      <h2 id="moves-heading">Moves of <code>current</code></h2>
      ${movesHtml(doc.currentHistory ?? [])}
    </section>`;

  const showDiff = async (from, to) => {
    const box = document.getElementById("version-diff-box");
    box.innerHTML = `<p class="loading">Loading…</p>`;
    try {
      const diff = await api.get(`${path}/diff${api.query({ from, to })}`, { signal: ctx.signal });
      if (!ctx.alive()) return;
      box.innerHTML = `<div id="version-diff" class="version-diff" data-from="${esc(from)}" data-to="${esc(to)}">
        <h3>${esc(diff.from)} → ${esc(diff.to)}</h3>${changesHtml(diff.changes ?? [])}</div>`;
    } catch (error) {
      if (error?.name === "AbortError" || !ctx.alive()) return;
      box.innerHTML = problemHtml(error);
    }
  };
  document.getElementById("diff-form").addEventListener("submit", (e) => {
    e.preventDefault();
    showDiff(document.getElementById("diff-from").value, document.getElementById("diff-to").value);
  });
  main.addEventListener("click", (e) => {
    const button = e.target instanceof Element ? e.target.closest("button.diff-parent") : null;
    if (!button) return;
    document.getElementById("diff-from").value = button.dataset.from;
    document.getElementById("diff-to").value = button.dataset.to;
    showDiff(button.dataset.from, button.dataset.to);
    document.getElementById("version-diff-box").scrollIntoView({ block: "nearest" });
  });

  if (api.can("admin")) {
    onSubmit(document.getElementById("workflow-rollback-form"), "workflow-rollback-error", async (data) => {
      const to = Number(field(data, "to"));
      if (!Number.isInteger(to)) throw new Error("choose the version to make current");
      const body = { to };
      if (field(data, "reason")) body.reason = field(data, "reason");
      await api.post(`${path}/rollback`, body, { signal: ctx.signal });
      if (ctx.alive()) ctx.refresh();
    });
  }

  // Each edit's patch says what it set; the diff of its draft against its parent also says what was there before.
  fillBefore(edits.filter((e) => e.draft != null && e.parent != null), path, ctx);
}

function versionOptions(versions, selected) {
  return versions.map((v) => `<option value="${esc(v.version)}"${v.version === selected ? " selected" : ""}>@${esc(v.version)}</option>`).join("");
}

function versionsHtml(versions, current) {
  const rows = [...versions].reverse().map((v) => `<tr data-version="${esc(v.version)}" data-status="${esc(v.status)}"${v.version === current ? ' class="current"' : ""}>
    <td>@${esc(v.version)}${v.version === current ? ' <span class="badge current">current</span>' : ""}</td>
    <td>${statusBadge(v.status)}</td>
    <td>${v.parent != null ? `@${esc(v.parent)}` : "–"}</td>
    <td>${esc(v.author)}</td>
    <td>${esc(v.reason)}</td>
    <td>${timeHtml(v.createdAt)}</td>
    <td><code title="${esc(v.contentHash)}">${esc(shortHash(v.contentHash))}</code></td>
    <td>${v.parent != null ? `<button type="button" class="diff-parent small secondary" data-from="${esc(v.parent)}" data-to="${esc(v.version)}">diff with @${esc(v.parent)}</button>` : ""}</td>
  </tr>`);
  return `<table id="workflow-versions" class="data">
    <thead><tr><th scope="col">version</th><th scope="col">status</th><th scope="col">parent</th><th scope="col">author</th><th scope="col">reason</th><th scope="col">created</th><th scope="col">content</th><th scope="col"></th></tr></thead>
    <tbody>${rows.join("")}</tbody></table>`;
}

function rollbackFormHtml(versions, current) {
  const choices = versions.filter((v) => v.version !== current && v.status === "published").reverse();
  return `<section class="panel admin" aria-labelledby="rollback-heading">
    <h2 id="rollback-heading">Make another version current</h2>
    ${choices.length ? `<form id="workflow-rollback-form" class="inline-form">
      <label>version <select id="workflow-rollback-to" name="to" required>${choices.map((v) => `<option value="${esc(v.version)}">@${esc(v.version)}</option>`).join("")}</select></label>
      <label>reason <input id="workflow-rollback-reason" name="reason" required placeholder="why, for the journal"></label>
      <button id="workflow-rollback-submit" type="submit" class="danger">Make current</button>
    </form>` : empty("no other published version to go back to")}
    <div id="workflow-rollback-error" class="problem" role="alert" hidden></div>
  </section>`;
}

function editHtml(edit, adopted) {
  const lineage = edit.draft != null ? adopted.get(edit.draft) : null;
  const verdict = edit.accepted ? `<span class="badge accepted">accepted</span>` : `<span class="badge refused">refused</span>`;
  const rejections = (edit.rejections ?? []).length
    ? `<ul class="rejections">${edit.rejections.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>` : "";
  const trial = edit.trial ? `<div class="trial"><h4>trial</h4>${evidenceHtml(edit.trial)}</div>` : "";
  const adoption = lineage && lineage.parent != null
    ? `<p class="adopted"><span class="badge promoted">adopted</span> as @${esc(lineage.version)}${lineage.gain != null ? `, gain ${esc(signed(Number(lineage.gain)))}` : ""}${lineage.pValue != null ? `, p = ${esc(pValue(Number(lineage.pValue)))}` : ""}${lineage.adoptedBecause ? `: ${esc(lineage.adoptedBecause)}` : ""}</p>`
    : "";
  return `<article class="edit-diff ${edit.accepted ? "accepted" : "refused"}" data-sequence="${esc(edit.sequence)}" data-accepted="${edit.accepted ? "true" : "false"}"${edit.draft != null ? ` data-draft="${esc(edit.draft)}"` : ""}>
    <header><strong>edit ${esc(edit.sequence)}</strong> ${verdict}
      <span class="muted">by ${esc(edit.editor)}${edit.details?.model ? ` (${esc(edit.details.model)})` : ""} · ${timeHtml(edit.at)} · from @${esc(edit.parent)}${edit.draft != null ? ` → draft @${esc(edit.draft)}` : ""}</span></header>
    ${edit.rationale ? `<blockquote class="rationale">${esc(edit.rationale)}</blockquote>` : ""}
    ${rejections}${adoption}${trial}
    <div class="diff-body">${patchHtml(edit.patch ?? [], edit.draft != null && edit.parent != null)}</div>
  </article>`;
}

const value = (v) => (v === undefined ? "" : esc(jsonInline(v, 200)));

// The patch alone: what each operation set (the value it replaced comes from the diff, when there is a draft).
function patchHtml(patch, draft) {
  if (!patch.length) return empty("an empty patch");
  return `<table class="diff"><thead><tr><th scope="col">op</th><th scope="col">path</th><th scope="col">before</th><th scope="col">after</th></tr></thead><tbody>${patch.map((op) => `
    <tr class="op-${esc(op.op ?? "replace")}" data-path="${esc(op.path)}"><td>${esc(op.op ?? "replace")}</td><td><code>${esc(op.path)}</code></td>
      <td class="before"><span class="muted pending">${draft ? "…" : "–"}</span></td>
      <td class="after">${op.op === "remove" ? '<span class="muted">(removed)</span>' : `<ins>${value(op.value)}</ins>`}</td></tr>`).join("")}</tbody></table>`;
}

const beforeHtml = (change) => (change.op === "add" ? '<span class="muted">(none)</span>' : `<del>${value(change.before)}</del>`);

/** A diff's changes: path, the old value struck in red, the new one in green. */
function changesHtml(changes) {
  if (!changes.length) return empty("no differences");
  return `<table class="diff"><thead><tr><th scope="col">op</th><th scope="col">path</th><th scope="col">before</th><th scope="col">after</th></tr></thead><tbody>${changes.map((c) => `
    <tr class="op-${esc(c.op)}"><td>${esc(c.op)}</td><td><code>${esc(c.path)}</code></td>
      <td class="before">${beforeHtml(c)}</td>
      <td class="after">${c.op === "remove" ? '<span class="muted">(removed)</span>' : `<ins>${value(c.after)}</ins>`}</td></tr>`).join("")}</tbody></table>`;
}

// Fetches each draft's diff against its parent, four at a time, to fill in what each patched path held before.
// The patch rows stay as they are (they are what the editor wrote); differences the patch does not name are
// listed under it.
async function fillBefore(edits, path, ctx) {
  const queue = [...edits];
  const worker = async () => {
    while (queue.length && ctx.alive()) {
      const edit = queue.shift();
      const block = document.querySelector(`.edit-diff[data-sequence="${CSS.escape(String(edit.sequence))}"]`);
      try {
        const diff = await api.get(`${path}/diff${api.query({ from: edit.parent, to: edit.draft })}`, { signal: ctx.signal });
        if (!ctx.alive() || !block) return;
        const changes = diff.changes ?? [];
        const named = new Set();
        for (const row of block.querySelectorAll(".diff-body tr[data-path]")) {
          const change = changes.find((c) => c.path === row.dataset.path);
          if (!change) continue;
          named.add(change);
          row.querySelector("td.before").innerHTML = beforeHtml(change);
        }
        const others = changes.filter((c) => !named.has(c));
        if (others.length) block.querySelector(".diff-body").insertAdjacentHTML("beforeend", `<p class="muted">the draft also differs at:</p>${changesHtml(others)}`);
      } catch (error) {
        if (error?.name === "AbortError" || error?.status === 401) return;
      }
      block?.querySelectorAll("td.before .pending").forEach((c) => (c.outerHTML = '<span class="muted">?</span>'));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function movesHtml(moves) {
  if (!moves.length) return empty("current has not moved");
  return `<ol id="current-history" class="journal-list">${[...moves].sort((a, b) => b.sequence - a.sequence).map((m) => `
    <li data-sequence="${esc(m.sequence)}"><div><span class="muted">#${esc(m.sequence)}</span> ${m.from != null ? `@${esc(m.from)}` : '<span class="muted">none</span>'} → <strong>@${esc(m.to)}</strong>
      <span class="muted">· ${timeHtml(m.at)} · by ${esc(m.by)}</span></div>
      <div class="reason">${esc(m.reason)}</div>${evidenceHtml(m.evidence)}</li>`).join("")}</ol>`;
}
