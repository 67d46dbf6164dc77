// The runs list: newest first, filtered and paged through the hash (so a filtered view is a link),
// refreshed every 2 s; only rows that changed are replaced, so 500 rows stay cheap to keep live.

import * as api from "../api.js";
import { esc, int, duration, secondsBetween, timeHtml } from "../format.js";
import { statusBadge, progressHtml, showProblem, empty, workflowLink, runLink, isActive } from "../ui.js";
import { parseNameValues, onSubmit, field } from "../forms.js";

const STATUSES = ["created", "queued", "running", "succeeded", "failed", "cancelled"];
const LIMITS = [50, 100, 200, 500];
const POLL_MS = 2000;

export async function render(main, ctx) {
  ctx.title("Runs");
  const q = ctx.query;
  const filter = {
    workflow: q.get("workflow") ?? "",
    status: q.get("status") ?? "",
    offset: Math.max(0, Number(q.get("offset")) || 0),
    limit: LIMITS.includes(Number(q.get("limit"))) ? Number(q.get("limit")) : 50,
  };

  main.innerHTML = `
    <h1>Runs</h1>
    ${api.can("operator") ? startFormHtml() : ""}
    <form id="runs-filter" class="filters" role="search">
      <label>workflow <input id="filter-workflow" name="workflow" list="workflow-ids" value="${esc(filter.workflow)}" placeholder="any"></label>
      <label>status <select id="filter-status" name="status">
        <option value="">any</option>
        ${STATUSES.map((s) => `<option${s === filter.status ? " selected" : ""}>${s}</option>`).join("")}
      </select></label>
      <label>per page <select id="filter-limit" name="limit">
        ${LIMITS.map((n) => `<option${n === filter.limit ? " selected" : ""}>${n}</option>`).join("")}
      </select></label>
      <button type="submit" class="secondary">Filter</button>
      <span id="runs-live" class="muted" aria-live="polite"></span>
    </form>
    <datalist id="workflow-ids"></datalist>
    <div id="runs-problem" class="problem" role="alert" hidden></div>
    <div class="table-wrap">
      <table id="runs-table" class="data">
        <thead><tr><th scope="col">run</th><th scope="col">workflow</th><th scope="col">status</th><th scope="col">progress</th>
          <th scope="col" class="num">steps</th><th scope="col">seed</th><th scope="col">queue</th><th scope="col">created</th><th scope="col" class="num">took</th></tr></thead>
        <tbody><tr><td colspan="9" class="loading">Loading…</td></tr></tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages of runs">
      <button type="button" id="runs-prev" class="secondary" ${filter.offset === 0 ? "disabled" : ""}>← newer</button>
      <span id="runs-range" class="muted"></span>
      <button type="button" id="runs-next" class="secondary" disabled>older →</button>
    </nav>`;

  const hashFor = (changes) => {
    const next = { ...filter, ...changes };
    return `#/runs${api.query({ workflow: next.workflow, status: next.status, offset: next.offset || "", limit: next.limit === 50 ? "" : next.limit })}`;
  };
  document.getElementById("runs-filter").addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    ctx.navigate(hashFor({ workflow: String(data.get("workflow") ?? "").trim(), status: data.get("status"), limit: Number(data.get("limit")), offset: 0 }));
  });
  for (const id of ["filter-status", "filter-limit"])
    document.getElementById(id).addEventListener("change", () => document.getElementById("runs-filter").requestSubmit());
  document.getElementById("runs-prev").addEventListener("click", () => ctx.navigate(hashFor({ offset: Math.max(0, filter.offset - filter.limit) })));
  document.getElementById("runs-next").addEventListener("click", () => ctx.navigate(hashFor({ offset: filter.offset + filter.limit })));

  // Workflow ids for the filter and the start form; the page works without them.
  api.get("/workflows", { signal: ctx.signal }).then((list) => {
    if (!ctx.alive() || !Array.isArray(list)) return;
    document.getElementById("workflow-ids").innerHTML = list.map((w) => `<option value="${esc(w.id)}">`).join("");
  }, () => {});

  const table = createTable(document.querySelector("#runs-table tbody"));
  let timer = 0;
  let generation = 0; // a load started later (after a start) supersedes the polling one in flight
  const load = async () => {
    clearTimeout(timer);
    const mine = ++generation;
    if (!ctx.alive()) return;
    if (!document.hidden) {
      try {
        const page = await api.get(`/runs${api.query({ workflow: filter.workflow, status: filter.status, offset: filter.offset, limit: filter.limit })}`, { signal: ctx.signal });
        if (!ctx.alive() || mine !== generation) return;
        table.update(page.runs ?? []);
        document.getElementById("runs-next").disabled = !page.more;
        const n = (page.runs ?? []).length;
        document.getElementById("runs-range").textContent = n ? `${filter.offset + 1}–${filter.offset + n}${page.more ? "" : " (the oldest)"}` : "";
        document.getElementById("runs-live").textContent = `updated ${new Date().toLocaleTimeString()}`;
        showProblem(document.getElementById("runs-problem"), null);
      } catch (error) {
        if (error?.name === "AbortError" || !ctx.alive()) return;
        showProblem(document.getElementById("runs-problem"), error);
        if (error.status === 400) return; // a bad filter will not get better by asking again
      }
    }
    if (mine === generation) timer = setTimeout(load, POLL_MS);
  };
  ctx.onLeave(() => clearTimeout(timer));
  if (api.can("operator")) wireStartForm(ctx, load);
  await load();
}

/** The tbody kept in step with the latest page: rows keyed by run id, each replaced only when its text changed. */
function createTable(tbody) {
  let rendered = []; // [{ id, html }] in table order
  return {
    update(runs) {
      if (runs.length === 0) {
        tbody.innerHTML = `<tr class="empty-row"><td colspan="9">${empty("no runs match")}</td></tr>`;
        rendered = [];
        return;
      }
      const next = runs.map((r) => ({ id: r.id, html: rowHtml(r) }));
      const sameOrder = next.length === rendered.length && next.every((r, i) => r.id === rendered[i].id);
      if (!sameOrder) {
        tbody.innerHTML = next.map((r) => r.html).join("");
      } else {
        const rows = tbody.rows;
        next.forEach((r, i) => {
          if (r.html !== rendered[i].html) rows[i].outerHTML = r.html;
        });
      }
      rendered = next;
    },
  };
}

function rowHtml(run) {
  const took = secondsBetween(run.createdAt, isActive(run.status) ? null : run.updatedAt);
  const progress = run.progress && isActive(run.status)
    ? progressHtml(run.progress, { compact: true })
    : run.position && isActive(run.status) ? `<span class="muted">at <code>${esc(run.position)}</code></span>` : "";
  return `<tr data-run-id="${esc(run.id)}" data-status="${esc(run.status)}">
    <td class="id">${runLink(run.id)}</td>
    <td class="workflow">${workflowLink(run.workflow, run.version)}</td>
    <td class="status">${statusBadge(run.status)}</td>
    <td class="progress-cell">${progress}</td>
    <td class="num">${int(run.stepsCommitted)}</td>
    <td class="seed">${esc(run.seed ?? "–")}</td>
    <td>${esc(run.queue ?? "") || '<span class="muted">server</span>'}</td>
    <td>${timeHtml(run.createdAt)}</td>
    <td class="num">${isActive(run.status) && took != null ? `<span class="muted">${duration(took)}</span>` : duration(took)}</td>
  </tr>`;
}

function startFormHtml() {
  return `
    <section class="panel" aria-labelledby="start-heading">
      <h2 id="start-heading">Start a run</h2>
      <form id="start-run-form" class="start-form">
        <div class="field workflow-field"><label for="start-workflow">workflow</label>
          <input id="start-workflow" name="workflow" list="workflow-ids" required placeholder="self-improve-addition or id@version" spellcheck="false"></div>
        <div class="field"><label for="start-seed">seed</label>
          <input id="start-seed" name="seed" inputmode="numeric" pattern="-?[0-9]+" placeholder="random" spellcheck="false"></div>
        <div class="field"><label for="start-queue">queue</label>
          <input id="start-queue" name="queue" placeholder="run in the server" spellcheck="false"></div>
        <div class="field"><label for="start-id">run id</label>
          <input id="start-id" name="id" placeholder="generated" spellcheck="false"></div>
        <div class="field inputs-field"><label for="start-inputs">inputs</label>
          <textarea id="start-inputs" name="inputs" rows="2" spellcheck="false" placeholder="rounds=2&#10;task=arithmetic/addition" aria-describedby="start-inputs-hint"></textarea>
          <p class="hint" id="start-inputs-hint">one <code>name=value</code> a line; a value that is JSON (2, true, [1,2]) is taken as such, anything else as text</p></div>
        <div class="field submit-field"><button id="start-submit" type="submit">Start run</button></div>
      </form>
      <div id="start-error" class="problem" role="alert" hidden></div>
      <p id="start-result" class="notice" role="status" hidden></p>
    </section>`;
}

function wireStartForm(ctx, reload) {
  onSubmit(document.getElementById("start-run-form"), "start-error", async (data) => {
    const body = { workflow: field(data, "workflow") };
    const inputs = parseNameValues(data.get("inputs"));
    if (Object.keys(inputs).length) body.inputs = inputs;
    for (const name of ["queue", "id"]) if (field(data, name)) body[name] = field(data, name);
    let json = JSON.stringify(body);
    const seed = field(data, "seed");
    if (seed !== undefined) {
      if (!/^-?\d+$/.test(seed)) throw new Error("the seed is an integer");
      // Spliced in as written: a 64-bit seed would be rounded by a JavaScript number.
      json = `${json.slice(0, -1)},"seed":${seed}}`;
    }
    const started = await api.post("/runs", json, { signal: ctx.signal });
    if (!ctx.alive()) return;
    const result = document.getElementById("start-result");
    result.innerHTML = `Started ${runLink(started.id)} (${esc(started.status)}${started.queue ? ` on queue ${esc(started.queue)}` : ""}).`;
    result.hidden = false;
    result.dataset.runId = started.id;
    await reload();
  });
}
