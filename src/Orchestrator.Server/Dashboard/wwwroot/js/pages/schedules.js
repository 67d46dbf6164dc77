// Schedules: when each fires next and how its last run went; operators create, fire and delete them.
// Deleting asks once more in the row itself (a browser confirm() dialog would be easy to click through).

import * as api from "../api.js";
import { esc, timeHtml, relative, jsonInline } from "../format.js";
import { problemHtml, showProblem, empty, statusBadge, runLink, workflowLink } from "../ui.js";
import { parseNameValues, onSubmit, field } from "../forms.js";

export async function render(main, ctx) {
  ctx.title("Schedules");
  const operator = api.can("operator");
  main.innerHTML = `<h1>Schedules</h1>
    <div id="schedules-problem" class="problem" role="alert" hidden></div>
    <p id="schedules-result" class="notice" role="status" hidden></p>
    <div id="schedules-body"><p class="loading">Loading…</p></div>
    ${operator ? formHtml() : ""}`;

  const load = async () => {
    let list;
    try {
      list = await api.get("/schedules", { signal: ctx.signal });
    } catch (error) {
      if (error?.status === 401 || error?.name === "AbortError" || !ctx.alive()) throw error;
      document.getElementById("schedules-body").innerHTML = error.status === 404 || error.status === 501
        ? `<p class="notice" id="schedules-unavailable">Schedules are not available in this server.</p>`
        : problemHtml(error);
      document.getElementById("schedule-form")?.closest("section")?.remove();
      return;
    }
    if (!ctx.alive()) return;
    document.getElementById("schedules-body").innerHTML = list.length ? tableHtml(list, operator) : empty("no schedules yet");
  };

  const notice = (html) => {
    const el = document.getElementById("schedules-result");
    el.innerHTML = html;
    el.hidden = !html;
  };

  main.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-schedule]") : null;
    if (!button) return;
    const name = button.dataset.schedule;
    const row = button.closest("tr");
    if (button.classList.contains("schedule-delete")) {
      row.querySelector(".confirm").hidden = false;
      button.hidden = true;
      row.querySelector(".schedule-delete-confirm").focus();
      return;
    }
    if (button.classList.contains("schedule-delete-cancel")) {
      row.querySelector(".confirm").hidden = true;
      row.querySelector(".schedule-delete").hidden = false;
      return;
    }
    button.disabled = true;
    showProblem(document.getElementById("schedules-problem"), null);
    try {
      if (button.classList.contains("schedule-trigger")) {
        const fired = await api.post(`/schedules/${api.seg(name)}/trigger`, {}, { signal: ctx.signal });
        notice(`Schedule <strong>${esc(name)}</strong>: ${esc(fired?.action ?? "fired")}${fired?.runId ? `, run ${runLink(fired.runId)}` : ""}${fired?.detail ? ` (${esc(fired.detail)})` : ""}.`);
      } else if (button.classList.contains("schedule-delete-confirm")) {
        await api.del(`/schedules/${api.seg(name)}`, { signal: ctx.signal });
        notice(`Deleted schedule <strong>${esc(name)}</strong>.`);
      }
      if (ctx.alive()) await load();
    } catch (error) {
      if (error?.name === "AbortError" || !ctx.alive()) return;
      showProblem(document.getElementById("schedules-problem"), error);
      button.disabled = false;
    }
  });

  if (operator) {
    onSubmit(document.getElementById("schedule-form"), "schedule-error", async (data) => {
      const body = { workflow: field(data, "workflow"), cron: field(data, "cron") };
      for (const name of ["name", "timeZone", "queue", "overlap"]) if (field(data, name)) body[name] = field(data, name);
      const inputs = parseNameValues(data.get("inputs"));
      if (Object.keys(inputs).length) body.inputs = inputs;
      const saved = await api.post("/schedules", body, { signal: ctx.signal });
      if (!ctx.alive()) return;
      notice(`Saved schedule <strong>${esc(saved?.name ?? body.name ?? body.workflow)}</strong>${saved?.nextFire ? `; it fires next ${esc(relative(saved.nextFire))}` : ""}.`);
      await load();
    });
    api.get("/workflows", { signal: ctx.signal }).then((list) => {
      const el = document.getElementById("schedule-workflow-ids");
      if (el && Array.isArray(list)) el.innerHTML = list.filter((w) => !w.id.includes("/")).map((w) => `<option value="${esc(w.id)}">`).join("");
    }, () => {});
  }
  await load();
}

function tableHtml(list, operator) {
  return `<div class="table-wrap"><table id="schedules-table" class="data">
    <thead><tr><th scope="col">schedule</th><th scope="col">workflow</th><th scope="col">cron</th><th scope="col">next fire</th><th scope="col">queue</th>
      <th scope="col">overlap</th><th scope="col">inputs</th><th scope="col">last run</th><th scope="col">created</th>${operator ? '<th scope="col"></th>' : ""}</tr></thead>
    <tbody>${list.map((s) => `<tr data-schedule="${esc(s.name)}">
      <td><strong>${esc(s.name)}</strong></td>
      <td>${workflowLink(s.workflow, s.version)}</td>
      <td><code>${esc(s.cron)}</code> <span class="muted">${esc(s.timeZone)}</span></td>
      <td>${s.nextFire ? `${timeHtml(s.nextFire)} <span class="muted">(${esc(relative(s.nextFire))})</span>` : "–"}</td>
      <td>${esc(s.queue)}</td>
      <td>${esc(s.overlap)}</td>
      <td><code>${esc(jsonInline(s.inputs ?? {}, 80))}</code></td>
      <td>${s.lastRun ? `${runLink(s.lastRun)} ${statusBadge(s.lastRunStatus)}` : '<span class="muted">never fired</span>'}${s.lastFire ? `<br><span class="muted">${esc(relative(s.lastFire))}</span>` : ""}</td>
      <td>${esc(s.createdBy)}<br>${timeHtml(s.createdAt)}</td>
      ${operator ? `<td class="row-actions">
        <button type="button" class="schedule-trigger small" data-schedule="${esc(s.name)}">Fire now</button>
        <button type="button" class="schedule-delete small danger" data-schedule="${esc(s.name)}">Delete</button>
        <span class="confirm" hidden>delete ${esc(s.name)}?
          <button type="button" class="schedule-delete-confirm small danger" data-schedule="${esc(s.name)}">Yes, delete</button>
          <button type="button" class="schedule-delete-cancel small secondary" data-schedule="${esc(s.name)}">Keep</button></span>
      </td>` : ""}
    </tr>`).join("")}</tbody></table></div>`;
}

function formHtml() {
  return `<section class="panel" aria-labelledby="schedule-heading">
    <h2 id="schedule-heading">Create or replace a schedule</h2>
    <datalist id="schedule-workflow-ids"></datalist>
    <form id="schedule-form" class="grid-form">
      <label for="schedule-workflow">workflow</label>
      <input id="schedule-workflow" name="workflow" list="schedule-workflow-ids" required placeholder="self-improve-addition or id@version" spellcheck="false">
      <label for="schedule-name">name</label>
      <input id="schedule-name" name="name" placeholder="the workflow id" spellcheck="false">
      <label for="schedule-cron">cron</label>
      <div><input id="schedule-cron" name="cron" required placeholder="0 2 * * *" spellcheck="false">
        <p class="hint muted">minute hour day-of-month month day-of-week</p></div>
      <label for="schedule-timezone">time zone</label>
      <input id="schedule-timezone" name="timeZone" placeholder="UTC" spellcheck="false">
      <label for="schedule-inputs">inputs</label>
      <textarea id="schedule-inputs" name="inputs" rows="3" spellcheck="false" placeholder="rounds=2"></textarea>
      <label for="schedule-queue">queue</label>
      <input id="schedule-queue" name="queue" placeholder="default" spellcheck="false">
      <label for="schedule-overlap">if the last run still runs</label>
      <select id="schedule-overlap" name="overlap"><option value="skip">skip this fire</option><option value="queue">queue another run</option></select>
      <div></div><div><button id="schedule-submit" type="submit">Save schedule</button></div>
    </form>
    <div id="schedule-error" class="problem" role="alert" hidden></div>
  </section>`;
}
