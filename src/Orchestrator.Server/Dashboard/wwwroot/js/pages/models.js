// The model registry: the list of models, and one model's lineage graph, alias journal and versions.
// Promoting and rolling back an alias are admin actions; the journal says who moved what and why.

import * as api from "../api.js";
import { esc, int, num, duration, timeHtml, shortHash } from "../format.js";
import { problemHtml, empty, runLink, workflowLink, splitRef, evidenceHtml } from "../ui.js";
import { onSubmit, field } from "../forms.js";
import { lineageSvg } from "../charts/lineage.js";

export async function render(main, ctx) {
  if (ctx.view === "one") return renderOne(main, ctx, ctx.params[0]);
  ctx.title("Models");
  main.innerHTML = `<h1>Models</h1><div id="models-body"><p class="loading">Loading…</p></div>`;
  const models = await api.get("/models", { signal: ctx.signal });
  if (!ctx.alive()) return;
  const body = document.getElementById("models-body");
  if (!models.length) {
    body.innerHTML = empty("no models are registered yet: an improvement run registers its base model and every candidate");
    return;
  }
  body.innerHTML = `<table id="models-table" class="data">
    <thead><tr><th scope="col">model</th><th scope="col" class="num">versions</th><th scope="col">aliases</th></tr></thead>
    <tbody>${models.map((m) => `<tr data-model="${esc(m.name)}">
      <td><a href="#/models/${esc(encodeURIComponent(m.name))}">${esc(m.name)}</a></td>
      <td class="num">${int(m.versions)}</td>
      <td>${aliasBadges(m.aliases)}</td></tr>`).join("")}</tbody></table>`;
}

const aliasBadges = (aliases) =>
  Object.entries(aliases ?? {}).map(([alias, v]) => `<span class="badge alias" data-alias="${esc(alias)}">${esc(alias)} → @${esc(v)}</span>`).join(" ") || '<span class="muted">none</span>';

async function renderOne(main, ctx, name) {
  ctx.title(`Model ${name}`);
  const path = `/models/${api.seg(name)}`;
  main.innerHTML = `<p class="crumbs"><a href="#/models">Models</a> /</p><h1>Model ${esc(name)}</h1><div id="model-body"><p class="loading">Loading…</p></div>`;
  let model;
  try {
    model = await api.get(path, { signal: ctx.signal });
  } catch (error) {
    if (error?.status === 401 || !ctx.alive()) throw error;
    document.getElementById("model-body").innerHTML = problemHtml(error);
    return;
  }
  if (!ctx.alive()) return;
  const versions = [...(model.versions ?? [])].sort((a, b) => a.version - b.version);
  const journal = model.aliasJournal ?? [];
  const promoted = new Set(journal.map((m) => m.to));

  document.getElementById("model-body").innerHTML = `
    <p>aliases now: ${aliasBadges(model.aliases)} · ${int(versions.length)} versions · ${int(promoted.size)} ever promoted</p>
    <section aria-labelledby="lineage-heading">
      <h2 id="lineage-heading">Lineage</h2>
      <p class="muted">Each version is drawn one column right of its parent. The top row leads to the current champion; the rows below hold candidates that were trained and not promoted. Hover a version for its run, workflow, compute and metrics.</p>
      <div class="graph-wrap">${versions.length ? lineageSvg(versions, model.aliases, journal) : empty("no versions")}</div>
    </section>
    ${api.can("admin") ? adminFormsHtml(model, versions) : ""}
    <section aria-labelledby="journal-heading">
      <h2 id="journal-heading">Alias journal</h2>
      ${journal.length ? journalHtml(journal) : empty("no alias has moved yet")}
    </section>
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <div class="table-wrap">${versionsHtml(versions, model.aliases, promoted)}</div>
    </section>`;

  if (api.can("admin")) {
    onSubmit(document.getElementById("promote-form"), "promote-error", async (data) => {
      const version = Number(field(data, "version"));
      if (!Number.isInteger(version)) throw new Error("choose the version to promote");
      await api.post(`${path}/promote`, { version, alias: field(data, "alias"), reason: field(data, "reason") }, { signal: ctx.signal });
      if (ctx.alive()) ctx.refresh();
    });
    onSubmit(document.getElementById("rollback-form"), "rollback-error", async (data) => {
      await api.post(`${path}/rollback`, { alias: field(data, "alias"), reason: field(data, "reason") }, { signal: ctx.signal });
      if (ctx.alive()) ctx.refresh();
    });
  }
}

function adminFormsHtml(model, versions) {
  const aliases = Object.keys(model.aliases ?? {});
  const aliasList = `<datalist id="alias-names">${[...new Set(["champion", ...aliases])].map((a) => `<option value="${esc(a)}">`).join("")}</datalist>`;
  return `<section class="panel admin" aria-labelledby="admin-heading">
    <h2 id="admin-heading">Move an alias</h2>
    ${aliasList}
    <div class="two-forms">
      <form id="promote-form" class="grid-form">
        <h3>Promote</h3><div></div>
        <label for="promote-version">version</label>
        <select id="promote-version" name="version" required>
          ${[...versions].reverse().map((v) => `<option value="${esc(v.version)}">@${esc(v.version)}</option>`).join("")}
        </select>
        <label for="promote-alias">alias</label>
        <input id="promote-alias" name="alias" list="alias-names" value="champion" required spellcheck="false">
        <label for="promote-reason">reason</label>
        <input id="promote-reason" name="reason" required placeholder="why, for the journal">
        <div></div><div><button id="promote-submit" type="submit">Promote</button></div>
      </form>
      <form id="rollback-form" class="grid-form">
        <h3>Roll back</h3><div></div>
        <label for="rollback-alias">alias</label>
        <input id="rollback-alias" name="alias" list="alias-names" value="champion" required spellcheck="false">
        <label for="rollback-reason">reason</label>
        <input id="rollback-reason" name="reason" required placeholder="why, for the journal">
        <div></div><div><button id="rollback-submit" type="submit" class="danger">Roll back to the previous version</button></div>
      </form>
    </div>
    <div id="promote-error" class="problem" role="alert" hidden></div>
    <div id="rollback-error" class="problem" role="alert" hidden></div>
  </section>`;
}

function journalHtml(journal) {
  const sorted = [...journal].sort((a, b) => b.sequence - a.sequence); // newest first, like the runs
  return `<ol id="alias-journal" class="journal-list">${sorted.map((m) => `
    <li data-sequence="${esc(m.sequence)}" data-alias="${esc(m.alias)}">
      <div><span class="muted">#${esc(m.sequence)}</span> <strong>${esc(m.alias)}</strong>: ${m.from != null ? `@${esc(m.from)}` : '<span class="muted">none</span>'} → <strong>@${esc(m.to)}</strong>
        <span class="muted">· ${timeHtml(m.at)} · by ${byHtml(m.by)}</span></div>
      <div class="reason">${esc(m.reason)}</div>
      ${evidenceHtml(m.evidence)}
    </li>`).join("")}</ol>`;
}

// "run 2026…/round/1/promote" names the run that moved the alias: link it.
function byHtml(by) {
  const match = /^run (\S+?)\/(.+)$/.exec(by ?? "");
  return match ? `run ${runLink(match[1])}<span class="muted">/${esc(match[2])}</span>` : esc(by ?? "–");
}

function versionsHtml(versions, aliases, promoted) {
  const aliasesOf = new Map();
  for (const [alias, v] of Object.entries(aliases ?? {})) aliasesOf.set(v, [...(aliasesOf.get(v) ?? []), alias]);
  const rows = [...versions].reverse().map((v) => {
    const l = v.lineage ?? {};
    const c = l.compute ?? {};
    const wf = splitRef(l.workflow);
    return `<tr data-version="${esc(v.version)}">
      <td>@${esc(v.version)} ${(aliasesOf.get(v.version) ?? []).map((a) => `<span class="badge alias">${esc(a)}</span>`).join(" ")}${promoted.has(v.version) ? ' <span class="badge promoted" title="held an alias at some time">promoted</span>' : ""}</td>
      <td>${l.parentVersion != null ? `@${esc(l.parentVersion)}` : "–"}</td>
      <td>${runLink(l.run)}</td>
      <td>${l.workflow ? workflowLink(wf.id, wf.version) : "–"}</td>
      <td>${esc(l.evaluator ?? "–")}</td>
      <td class="num">${int(c.trainingSteps)}</td>
      <td class="num">${esc(duration(c.seconds))}</td>
      <td class="num">${esc(num(v.metrics?.loss, 3))}</td>
      <td><code title="${esc(v.checkpoint)}">${esc(shortHash(v.checkpoint))}</code></td>
      <td>${esc(v.description ?? "")}</td>
      <td>${timeHtml(v.createdAt)}</td></tr>`;
  });
  return `<table id="model-versions" class="data">
    <thead><tr><th scope="col">version</th><th scope="col">parent</th><th scope="col">run</th><th scope="col">workflow</th><th scope="col">evaluator</th>
      <th scope="col" class="num">steps</th><th scope="col" class="num">train time</th><th scope="col" class="num">loss</th><th scope="col">checkpoint</th><th scope="col">description</th><th scope="col">created</th></tr></thead>
    <tbody>${rows.join("")}</tbody></table>`;
}
