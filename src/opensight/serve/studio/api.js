/* Talking to the server: api() with the Studio's header and token; the toast, loading and error screens, the nav. */
import { store } from "./state.js";
import { app, h } from "./dom.js";

let toastTimer = null;
export function toast(message, isError) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.className = "show" + (isError ? " error" : "");
  box.title = "Click to close";
  box.onclick = () => { box.className = ""; };  // it may cover what is under it (a snippet to copy)
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.className = ""; }, isError ? 8000 : 3500);
}

/* What to do when the server wants its token (main.js shows the token form). */
let unauthorized = () => {};
export function whenUnauthorized(handler) { unauthorized = handler; }

/* Every call carries X-Opensight: a page on another website cannot send it (the browser would have to ask this
   server first, and it says no), so the server refuses changes that come without it. */
export async function api(path, options = {}) {
  const headers = Object.assign({ "X-Opensight": "1" }, options.headers || {});
  if (store.token) headers["Authorization"] = "Bearer " + store.token;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(options.json);
  }
  let response;
  try {
    response = await fetch(path, { method: options.method || "GET", headers, body: options.body });
  } catch (error) {  /* no answer at all: the server stopped, or the network is down */
    throw new Error("Could not reach opensight: is the opensight command still running? Start it again, then retry.");
  }
  if (response.status === 401) {
    unauthorized();
    throw Object.assign(new Error("This server needs its access token."), { status: 401 });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
  if (!response.ok) {
    const error = new Error((data && data.detail) || `The server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

/* The header's navigation: ``name`` (projects, tasks; null for none) is the current page. */
export function markNav(name) {
  for (const link of document.querySelectorAll("[data-nav]")) link.removeAttribute("aria-current");
  if (name) document.querySelector(`[data-nav="${name}"]`).setAttribute("aria-current", "page");
}

export function loading(message) { app.replaceChildren(h("p", { class: "busy", role: "status" }, message)); }
export function failed(error) {
  if (error.status === 401) return;  /* the token form is showing */
  app.replaceChildren(h("div", { class: "notice bad", role: "alert" }, String(error.message || error)),
    h("p", {}, h("a", { href: "#/" }, "Back to your models")));
}
