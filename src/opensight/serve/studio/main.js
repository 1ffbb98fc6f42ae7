/* The Studio's entry (plain ES modules, no framework, no CDN): reads the token, routes by the address's #hash. */
import { store } from "./state.js";
import { app, h } from "./dom.js";
import { markNav, whenUnauthorized } from "./api.js";
import { showProjects, showProject } from "./projects.js";
import { showTasks } from "./tasks.js";
import { stopStreams } from "./webcam.js";
import { stopMicrophones } from "./microphone.js";

/* The page calls only this server's JSON API: /studio/api/... for projects and /v1/... for the ready-made tasks. */
function route() {
  clearInterval(store.poll);
  stopStreams();
  stopMicrophones();
  const hash = location.hash || "#/";
  const match = hash.match(/^#\/p\/([^/]+)/);
  if (match) { markNav(null); return showProject(decodeURIComponent(match[1])); }
  if (hash.startsWith("#/tasks")) { markNav("tasks"); return showTasks(); }
  markNav("projects");
  return showProjects();
}

function askForToken() {
  if (document.getElementById("token-form")) return;
  stopStreams();
  stopMicrophones();
  app.replaceChildren(h("section", { class: "panel" },
    h("h1", { text: "This Studio is protected" }),
    h("p", { text: "The server was started with a token. Paste it here (it stays in this browser tab only)." }),
    h("form", { id: "token-form", class: "row", onsubmit: (event) => {
      event.preventDefault();
      store.token = event.target.elements.token.value.trim();
      sessionStorage.setItem("opensight-token", store.token);
      route();
    } },
      h("label", { for: "token" }, "Token"), h("input", { id: "token", name: "token", type: "password", required: true }),
      h("button", { type: "submit" }, "Continue"))));
}

const fromHash = location.hash.match(/token=([^&]+)/);
if (fromHash) {
  sessionStorage.setItem("opensight-token", decodeURIComponent(fromHash[1]));
  history.replaceState(null, "", location.pathname + "#/");
}
store.token = sessionStorage.getItem("opensight-token");
whenUnauthorized(askForToken);
window.addEventListener("hashchange", route);
route();
