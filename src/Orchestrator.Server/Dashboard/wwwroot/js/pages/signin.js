// Sign-in: the key is traded once for an HttpOnly cookie; the page never keeps the key itself.

import * as api from "../api.js";
import { esc } from "../format.js";

export async function render(main, ctx) {
  ctx.title("Sign in");
  const s = api.session();
  main.innerHTML = `
    <section class="signin">
      <h1>Sign in</h1>
      ${ctx.sessionEnded ? `<p class="notice" id="signin-ended">Your session ended (signed out, expired, or the key was revoked). Sign in again to go on.</p>` : ""}
      ${s ? `<p class="muted">Signed in as <strong>${esc(s.name)}</strong> (${esc(s.role)}); signing in with another key replaces that.</p>` : ""}
      <form id="signin-form" autocomplete="off">
        <label for="signin-key">API key</label>
        <input id="signin-key" name="key" type="password" required spellcheck="false" autocapitalize="off" placeholder="ork_…" aria-describedby="signin-help signin-error">
        <p id="signin-help" class="muted">A key from <code>orchestrator keys create --role viewer|operator|admin</code>. It is sent once; the browser keeps only a session cookie.</p>
        <p id="signin-error" class="problem" role="alert" hidden></p>
        <button id="signin-submit" type="submit">Sign in</button>
      </form>
    </section>`;
  const form = document.getElementById("signin-form");
  const input = document.getElementById("signin-key");
  const error = document.getElementById("signin-error");
  const submit = document.getElementById("signin-submit");
  input.focus();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    submit.disabled = true;
    error.hidden = true;
    try {
      const doc = await api.post("/session", { key }, { quiet401: true });
      input.value = "";
      ctx.signedIn(doc);
    } catch (e) {
      if (!ctx.alive()) return;
      // The sign-in error is plain text in one element, so a test (or a person) reads one line.
      error.textContent = e.status === 401
        ? `That key was not accepted: ${e.problem?.detail ?? "unknown or revoked key"}`
        : `Could not sign in: ${e.problem?.detail ?? e.message}`;
      error.hidden = false;
      input.select();
    } finally {
      submit.disabled = false;
    }
  });
}
