// One run: its status and progress, the learning curve of its rounds, and the step journal as a tree.
// While the run is not finished the page follows its event stream (steps, progress, status); if the
// stream is not available it polls instead. The curve is refetched at most every 2 s as steps commit.

import * as api from "../api.js";
import { esc, int, duration, secondsBetween, timeHtml, jsonText, shortHash } from "../format.js";
import { statusBadge, progressHtml, problemHtml, showProblem, workflowLink, isActive, empty } from "../ui.js";
import { buildTree, treeHtml, stepDetailHtml } from "../journal-tree.js";
import { curveSvg, roundsTableHtml } from "../charts/curve.js";

const POLL_MS = 2000;
const CURVE_EVERY_MS = 2000;
const JOURNAL_EVERY_MS = 250;

export async function render(main, ctx) {
  const id = ctx.params[0];
  ctx.title(`Run ${id}`);
  const path = `/runs/${api.seg(id)}`;
  const page = {
    run: null,          // the run document without its steps
    steps: new Map(),   // key → step, in journal order
    progress: null,
    curve: null,
    axis: "steps",
    selected: "",
    open: new Map(),    // group path → open, as the user left it
  };

  main.innerHTML = `
    <p class="crumbs"><a href="#/runs">Runs</a> /</p>
    <h1>Run <code>${esc(id)}</code> <span id="run-status" class="badge">…</span></h1>
    <section id="run-summary" aria-label="Run facts"><p class="loading">Loading…</p></section>
    <div id="run-actions" class="actions"></div>
    <div id="run-action-error" class="problem" role="alert" hidden></div>
    <section id="run-progress" aria-live="polite" hidden></section>
    <div id="run-error-box"></div>
    <section id="curve-section" aria-labelledby="curve-heading">
      <h2 id="curve-heading">Learning curve</h2>
      <div id="curve-body"><p class="loading">Loading…</p></div>
    </section>
    <section id="journal-section" aria-labelledby="journal-heading">
      <h2 id="journal-heading">Journal</h2>
      <div class="journal-layout">
        <div id="run-journal" class="journal"><p class="loading">Loading…</p></div>
        <aside id="step-detail" class="step-detail" aria-live="polite"><p class="muted">Choose a step to see its output.</p></aside>
      </div>
    </section>
    <section id="run-documents" aria-label="Inputs, output and state"></section>`;

  // ---- rendering -------------------------------------------------------------------------------------------

  const renderSummary = () => {
    const r = page.run;
    const status = document.getElementById("run-status");
    status.className = `badge status-${r.status}`;
    status.textContent = r.status;
    status.dataset.status = r.status;
    const took = secondsBetween(r.createdAt, isActive(r.status) ? null : r.updatedAt);
    document.getElementById("run-summary").innerHTML = `<dl class="facts wide">
      <dt>workflow</dt><dd>${workflowLink(r.workflow, r.version)}</dd>
      <dt>definition</dt><dd><code title="${esc(r.definitionHash)}">${esc(shortHash(r.definitionHash))}</code></dd>
      <dt>seed</dt><dd><code>${esc(r.seed ?? "–")}</code></dd>
      <dt>queue</dt><dd>${esc(r.queue ?? "") || '<span class="muted">runs in the server</span>'}</dd>
      <dt>steps committed</dt><dd>${int(r.stepsCommitted)}</dd>
      <dt>at</dt><dd>${r.position ? `<code>${esc(r.position)}</code>` : "–"}</dd>
      <dt>created</dt><dd>${timeHtml(r.createdAt)}</dd>
      <dt>updated</dt><dd>${timeHtml(r.updatedAt)}</dd>
      <dt>${isActive(r.status) ? "running for" : "took"}</dt><dd>${took == null ? "–" : esc(duration(took))}</dd>
    </dl>`;
    const actions = [];
    if (api.can("operator")) {
      // A cancel is a request the run honours at its next poll; until its status changes the button says so.
      if (isActive(r.status)) actions.push(page.cancelling
        ? `<button type="button" id="run-cancel" class="danger" disabled>Cancel requested…</button>`
        : `<button type="button" id="run-cancel" class="danger">Cancel run</button>`);
      if (r.status === "failed" || r.status === "cancelled") actions.push(`<button type="button" id="run-resume">Resume run</button>`);
    }
    document.getElementById("run-actions").innerHTML = actions.join("");
    document.getElementById("run-error-box").innerHTML = r.error
      ? `<div class="problem" id="run-error"><p class="problem-title">${esc(r.error.type ?? "the run failed")}${r.error.step ? ` at <code>${esc(r.error.step)}</code>` : ""}</p><p>${esc(r.error.message)}</p></div>`
      : "";
  };

  const renderProgress = () => {
    const box = document.getElementById("run-progress");
    const show = page.progress && page.run && isActive(page.run.status);
    box.hidden = !show;
    box.innerHTML = show ? progressHtml(page.progress) : "";
  };

  const renderDocuments = () => {
    const r = page.run;
    const block = (name, value, max) => `<details id="run-${name}"><summary>${name}</summary><pre class="json">${esc(jsonText(value ?? null, max))}</pre></details>`;
    document.getElementById("run-documents").innerHTML = block("inputs", r.inputs, 8192) + block("output", r.output, 16384) + block("state", r.state, 16384);
  };

  let summaryTimer = 0;
  const scheduleSummary = () => {
    if (!summaryTimer) summaryTimer = setTimeout(() => ((summaryTimer = 0), renderSummary()), JOURNAL_EVERY_MS);
  };

  let journalTimer = 0;
  const renderJournal = () => {
    journalTimer = 0;
    const el = document.getElementById("run-journal");
    if (!el) return;
    el.innerHTML = treeHtml(buildTree([...page.steps.values()]), { open: page.open, selected: page.selected });
    if (page.selected) renderDetail();
  };

  // The chosen step; its output comes from GET .../steps/{key} the first time (the journal was read brief).
  const fetching = new Set();
  const renderDetail = () => {
    const key = page.selected;
    const step = page.steps.get(key);
    const detail = document.getElementById("step-detail");
    detail.innerHTML = stepDetailHtml(step);
    if (!step || "output" in step || fetching.has(key)) return;
    fetching.add(key);
    const stepPath = key.split("/").map(encodeURIComponent).join("/");
    api.get(`${path}/steps/${stepPath}`, { signal: ctx.signal }).then((full) => {
      fetching.delete(key);
      if (!ctx.alive()) return;
      page.steps.set(key, { ...page.steps.get(key), ...full });
      if (page.selected === key) document.getElementById("step-detail").innerHTML = stepDetailHtml(page.steps.get(key));
    }, (error) => {
      fetching.delete(key);
      if (error?.name === "AbortError" || !ctx.alive()) return;
      if (page.selected === key) document.getElementById("step-detail").insertAdjacentHTML("beforeend", problemHtml(error));
    });
  };
  const scheduleJournal = () => {
    if (!journalTimer) journalTimer = setTimeout(renderJournal, JOURNAL_EVERY_MS);
  };

  const renderCurve = () => {
    const body = document.getElementById("curve-body");
    const points = page.curve?.points ?? [];
    if (!points.length) {
      body.innerHTML = empty("this run has no rounds", "no-rounds");
      return;
    }
    const keepScroll = body.querySelector(".table-wrap")?.scrollTop ?? 0;
    body.innerHTML = `
      <fieldset class="toggle" id="curve-axis">
        <legend>x axis</legend>
        <label><input type="radio" name="curve-x" id="curve-x-steps" value="steps"${page.axis === "steps" ? " checked" : ""}> training steps</label>
        <label><input type="radio" name="curve-x" id="curve-x-time" value="time"${page.axis === "time" ? " checked" : ""}> wall time</label>
      </fieldset>
      <div class="chart-wrap">${curveSvg(points, { axis: page.axis, alpha: page.curve.alpha })}</div>
      <details class="rounds" open><summary>${points.length} rounds</summary><div class="table-wrap tall">${roundsTableHtml(points)}</div></details>`;
    const wrap = body.querySelector(".table-wrap");
    if (wrap) wrap.scrollTop = keepScroll;
  };

  // ---- loading ---------------------------------------------------------------------------------------------

  const applyRun = (doc) => {
    const { steps, ...run } = doc;
    page.run = { ...page.run, ...run };
    if (Array.isArray(steps)) {
      // An output already fetched stays while the step has not changed since.
      const before = page.steps;
      page.steps = new Map(steps.map((s) => {
        const old = before.get(s.key);
        return [s.key, old && old.status === s.status && old.attempts === s.attempts ? { ...old, ...s } : s];
      }));
    }
    if ("progress" in run) page.progress = run.progress;
  };

  // The brief journal leaves each step's output out (a long journal's bulk); a step's output is fetched when chosen.
  const loadRun = async () => {
    applyRun(await api.get(`${path}?journal=brief`, { signal: ctx.signal }));
  };

  let curveTimer = 0;
  let curveProblem = null;
  const loadCurve = async () => {
    curveTimer = 0;
    try {
      page.curve = await api.get(`${path}/curve`, { signal: ctx.signal });
      curveProblem = null;
    } catch (error) {
      if (error?.name === "AbortError" || error?.status === 401) throw error;
      curveProblem = error;
    }
    if (!ctx.alive()) return;
    if (curveProblem) document.getElementById("curve-body").innerHTML = problemHtml(curveProblem);
    else renderCurve();
  };
  const scheduleCurve = () => {
    if (!curveTimer) curveTimer = setTimeout(() => loadCurve().catch(() => {}), CURVE_EVERY_MS);
  };

  // Everything at once after a status change to finished: output, error and the final curve.
  const reloadAll = async () => {
    await loadRun();
    if (!ctx.alive()) return;
    renderSummary();
    renderProgress();
    renderDocuments();
    renderJournal();
    await loadCurve();
  };

  // ---- live updates ----------------------------------------------------------------------------------------

  let source = null;
  let pollTimer = 0;
  const pending = []; // events that came before the first load finished
  let loaded = false;

  const onStep = (step) => {
    const before = page.steps.get(step.key);
    page.steps.set(step.key, { ...before, ...step });
    // The stream sends the run's summary only when its status changes; keep its counters moving meanwhile.
    if (step.status !== "running" && (!before || before.status === "running")) page.run.stepsCommitted = (page.run.stepsCommitted ?? 0) + 1;
    if (step.endedAt && (!page.run.updatedAt || step.endedAt > page.run.updatedAt)) page.run.updatedAt = step.endedAt;
    page.run.position = String(step.key).split("/")[0];
    scheduleSummary();
    if (step.status !== "running") {
      if (page.progress?.step === step.key) {
        page.progress = null;
        renderProgress();
      }
      scheduleCurve();
    }
    scheduleJournal();
  };
  const onProgress = (progress) => {
    page.progress = progress;
    renderProgress();
  };
  const onRunSummary = (summary) => {
    const wasActive = isActive(page.run.status);
    page.run = { ...page.run, ...summary };
    if ("progress" in summary && !summary.progress) page.progress = null;
    renderSummary();
    renderProgress();
    if (wasActive && !isActive(summary.status)) {
      stopLive();
      reloadAll().catch(() => {});
    }
  };

  const handle = (type, data) => {
    if (!loaded) {
      pending.push([type, data]);
      return;
    }
    if (type === "step") onStep(data);
    else if (type === "progress") onProgress(data);
    else if (type === "run") onRunSummary(data);
  };

  const stopLive = () => {
    source?.close();
    source = null;
    clearTimeout(pollTimer);
    pollTimer = 0;
  };

  // Without the stream (not served, or it failed): ask for the whole run every 2 s until it finishes.
  const poll = async () => {
    pollTimer = 0;
    if (!ctx.alive()) return;
    if (!loaded) {
      pollTimer = setTimeout(poll, POLL_MS);
      return;
    }
    try {
      if (!document.hidden) {
        const before = page.run.stepsCommitted;
        const wasActive = isActive(page.run.status);
        await loadRun();
        if (!ctx.alive()) return;
        renderSummary();
        renderProgress();
        scheduleJournal();
        if (page.run.stepsCommitted !== before) scheduleCurve();
        if (wasActive && !isActive(page.run.status)) {
          renderDocuments();
          await loadCurve();
          return;
        }
      }
    } catch (error) {
      if (error?.name === "AbortError" || error?.status === 401 || !ctx.alive()) return;
      showProblem(document.getElementById("run-action-error"), error);
    }
    if (isActive(page.run.status)) pollTimer = setTimeout(poll, POLL_MS);
  };

  const startLive = () => {
    stopLive();
    if (typeof EventSource === "undefined") {
      pollTimer = setTimeout(poll, POLL_MS);
      return;
    }
    source = new EventSource(`/api${path}/events`);
    const parse = (type) => (event) => {
      try {
        handle(type, JSON.parse(event.data));
      } catch {
        /* one bad event must not stop the page */
      }
    };
    source.addEventListener("step", parse("step"));
    source.addEventListener("progress", parse("progress"));
    source.addEventListener("run", parse("run"));
    source.addEventListener("error", () => {
      if (!source) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (401, 404) or not an event stream: fall back to polling, which also notices a 401.
        source = null;
        if (!pollTimer) pollTimer = setTimeout(poll, 0);
      } else if (loaded) {
        // The stream dropped and the browser reconnects; the run may have finished meanwhile.
        api.get(`${path}?journal=brief`, { signal: ctx.signal }).then((doc) => {
          if (!ctx.alive()) return;
          const { steps, ...summary } = doc;
          if (Array.isArray(steps)) applyRun({ steps });
          scheduleJournal();
          onRunSummary(summary);
        }, () => {});
      }
    });
  };
  ctx.onLeave(() => {
    stopLive();
    clearTimeout(curveTimer);
    clearTimeout(journalTimer);
    clearTimeout(summaryTimer);
  });

  // ---- events on the page ----------------------------------------------------------------------------------

  main.addEventListener("click", async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const link = target.closest(".step-link");
    if (link && main.contains(link)) {
      event.preventDefault(); // inside a <summary>: show the output, do not fold the group
      page.selected = link.dataset.key;
      for (const li of main.querySelectorAll("#run-journal .selected")) li.classList.remove("selected");
      link.closest("li")?.classList.add("selected");
      renderDetail();
      return;
    }
    const summary = target.closest("#run-journal summary");
    if (summary) {
      // Remember the user's choice so live re-renders keep it (the click runs before the toggle).
      const details = summary.parentElement;
      page.open.set(details.dataset.path, !details.open);
      return;
    }
    const action = target.closest("#run-cancel, #run-resume");
    if (action) {
      action.disabled = true;
      const verb = action.id === "run-cancel" ? "cancel" : "resume";
      try {
        showProblem(document.getElementById("run-action-error"), null);
        const summary = await api.post(`${path}/${verb}`, {}, { signal: ctx.signal });
        if (!ctx.alive()) return;
        const wasActive = isActive(page.run.status);
        page.run = { ...page.run, ...summary };
        page.cancelling = verb === "cancel" && isActive(page.run.status);
        renderSummary();
        if (!wasActive && isActive(page.run.status)) startLive();
      } catch (error) {
        if (error?.name === "AbortError" || !ctx.alive()) return;
        showProblem(document.getElementById("run-action-error"), error);
        action.disabled = false;
      }
    }
  });
  main.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === "curve-x") {
      // Only the chart changes with the axis; the rounds table stays.
      page.axis = event.target.value;
      const chart = document.querySelector("#curve-body .chart-wrap");
      if (chart && page.curve?.points?.length) chart.innerHTML = curveSvg(page.curve.points, { axis: page.axis, alpha: page.curve.alpha });
    }
  });

  // ---- first load ------------------------------------------------------------------------------------------

  // The stream opens first and its events wait, so nothing that happens during the first load is lost.
  startLive();
  try {
    await loadRun();
  } catch (error) {
    stopLive();
    if (error?.name === "AbortError" || error?.status === 401 || !ctx.alive()) throw error;
    main.innerHTML = `<p class="crumbs"><a href="#/runs">Runs</a> /</p><h1>Run <code>${esc(id)}</code></h1>${problemHtml(error)}`;
    return;
  }
  if (!ctx.alive()) return;
  renderSummary();
  renderProgress();
  renderDocuments();
  renderJournal();
  loaded = true;
  if (!isActive(page.run.status)) stopLive();
  for (const [type, data] of pending.splice(0)) handle(type, data);
  await loadCurve();
}
