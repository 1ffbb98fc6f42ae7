/* "5. Use it", the shipping part: snippets with a Copy button, the model as a web page (a zip that runs it in any
   browser, offline), and the commands that serve the downloaded model over HTTP, in the order they are run. */
import { h, enc } from "./dom.js";
import { api, toast } from "./api.js";
import { store } from "./state.js";

export function snippet(title, code, id) {
  return h("div", {}, h("div", { class: "row spread" }, h("h3", {}, title),
    h("button", { type: "button", class: "secondary small", onclick: () => navigator.clipboard.writeText(code).then(() => toast("Copied.")) }, "Copy")),
    /* a box that may scroll sideways: focusable (the arrow keys scroll it), named for screen readers */
    h("pre", { tabindex: "0", role: "region", "aria-label": `${title}: code` }, h("code", id ? { id } : {}, code)));
}

/* The HTTP snippet: download the .osm, serve it on another port than the Studio's, then ask that port. */
export function httpCommands(project) {
  const file = `${project.id}.osm`;
  const port = location.port === "8001" ? 8002 : 8001;
  const auth = store.token ? ' -H "Authorization: Bearer YOUR_TOKEN"' : "";
  return [
    "# 1. the model file (or the Download button above)",
    `curl -fsS${auth} -o ${file} ${location.origin}/studio/api/projects/${enc(project.id)}/model.osm`,
    "# 2. serve it (it keeps running: use a second terminal for step 3)",
    `opensight serve ${file} --port ${port}`,
    project.kind === "sounds" ? "# 3. ask it about a recording" : "# 3. ask it about a picture",
    `curl -F file=@${project.kind === "sounds" ? "clip.wav" : "photo.jpg"} http://127.0.0.1:${port}/v1/models/${project.id}/predict`,
  ].join("\n");
}

/* The "Download as a web page" button and the snippets that use the exported page (picture models only). */
export function webPagePart(project) {
  if (project.kind !== "pictures") {
    const why = project.kind === "sounds" ? ""
      : `It does not hold the ${project.kind === "hands" ? "hand" : "pose"} detector this model needs. `;
    return h("div", {}, h("h3", {}, "Ship it as a web page"),
      h("p", { class: "muted", id: "no-web-page" }, "Download as a web page is for picture models only: the exported page runs a picture model in the browser. " +
        why + "Use the .osm file above from the command line, Python or HTTP."));
  }
  const codes = h("details", {}, h("summary", {}, "Use the exported page in your own page (JavaScript, p5.js)"),
    h("p", { class: "muted" }, "Loading the snippets…"));
  api("/studio/api/web-snippets").then((snippets) => codes.replaceChildren(codes.firstChild,
    snippet("In your own web page (plain JavaScript, in the exported folder)", snippets.javascript, "snippet-web-js"),
    snippet("A p5.js sketch (with your copy of p5.js, in the exported folder)", snippets.p5, "snippet-web-p5"),
  )).catch((error) => codes.replaceChildren(codes.firstChild, h("p", { class: "notice bad" }, error.message)));
  return h("div", {},
    h("h3", {}, "Ship it as a web page"),
    h("div", { class: "row" },
      h("a", { class: "button secondary", id: "download-web", href: `/studio/api/projects/${enc(project.id)}/web.zip`, download: `${project.id}-web.zip` }, "Download as a web page")),
    h("p", { class: "muted" }, "A folder that runs the model in any modern browser, on a picture or the webcam, offline: unzip it, run ",
      h("code", {}, "python3 -m http.server 8080"), " in it and open http://127.0.0.1:8080/ (or put it on any web server)."),
    codes);
}
