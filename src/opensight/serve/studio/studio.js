/* opensight Studio — plain JavaScript, no framework, no CDN. It only calls this server's JSON API:
   /studio/api/... for projects and /v1/... for the ready-made tasks. */
"use strict";

const app = document.getElementById("app");
const state = { token: null, project: null, evaluation: null, poll: null, streams: [] };

/* ---------- small helpers ---------------------------------------------------------------------- */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
const pct = (x) => `${Math.round(x * 100)}%`;
/* Sentences from the evaluation mark class names as *name*: show them in italics, safely. */
function sentence(text) {
  return String(text).split(/\*([^*]+)\*/).map((part, i) => (i % 2 ? h("em", {}, part) : part));
}
const enc = encodeURIComponent;

function toast(message, isError) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.className = "show" + (isError ? " error" : "");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.className = ""; }, isError ? 8000 : 3500);
}

/* Every call carries X-Opensight: a page on another website cannot send it (the browser would have to ask this
   server first, and it says no), so the server refuses changes that come without it. */
async function api(path, options = {}) {
  const headers = Object.assign({ "X-Opensight": "1" }, options.headers || {});
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, { method: options.method || "GET", headers, body: options.body });
  if (response.status === 401) {
    askForToken();
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
const pictureUrl = (pid, cls, file) =>
  `/studio/api/projects/${enc(pid)}/classes/${enc(cls)}/pictures/${enc(file)}`;
const keyUrl = (pid, key) => { const [cls, file] = key.split("/"); return pictureUrl(pid, cls, file); };

/* Pictures shown with <img> need the token too when one is set: fetch them as blobs. */
function picture(src, alt, cls) {
  const img = h("img", { alt, loading: "lazy", class: cls });
  if (!state.token) { img.src = src; return img; }
  fetch(src, { headers: { Authorization: "Bearer " + state.token } })
    .then((r) => r.blob()).then((b) => { img.src = URL.createObjectURL(b); });
  return img;
}

function askForToken() {
  if (document.getElementById("token-form")) return;
  stopStreams();
  app.replaceChildren(h("section", { class: "panel" },
    h("h1", { text: "This Studio is protected" }),
    h("p", { text: "The server was started with a token. Paste it here (it stays in this browser tab only)." }),
    h("form", { id: "token-form", class: "row", onsubmit: (event) => {
      event.preventDefault();
      state.token = event.target.elements.token.value.trim();
      sessionStorage.setItem("opensight-token", state.token);
      route();
    } },
      h("label", { for: "token" }, "Token"), h("input", { id: "token", name: "token", type: "password", required: true }),
      h("button", { type: "submit" }, "Continue"))));
}

/* ---------- routing ------------------------------------------------------------------------------ */
function route() {
  clearInterval(state.poll);
  stopStreams();
  const hash = location.hash || "#/";
  const match = hash.match(/^#\/p\/([^/]+)/);
  for (const link of document.querySelectorAll("[data-nav]")) link.removeAttribute("aria-current");
  if (match) return showProject(decodeURIComponent(match[1]));
  if (hash.startsWith("#/tasks")) { markNav("tasks"); return showTasks(); }
  markNav("projects");
  return showProjects();
}
function markNav(name) { document.querySelector(`[data-nav="${name}"]`).setAttribute("aria-current", "page"); }

function loading(message) { app.replaceChildren(h("p", { class: "busy", role: "status" }, message)); }
function failed(error) {
  if (error.status === 401) return;  /* the token form is showing */
  app.replaceChildren(h("div", { class: "notice bad", role: "alert" }, String(error.message || error)),
    h("p", {}, h("a", { href: "#/" }, "Back to your models")));
}

/* ---------- projects list ------------------------------------------------------------------------ */
async function showProjects() {
  loading("Loading your models…");
  let data;
  try { data = await api("/studio/api/projects"); } catch (error) { return failed(error); }
  const form = h("form", { class: "row", id: "new-project", onsubmit: async (event) => {
    event.preventDefault();
    const name = event.target.elements.name.value;
    try {
      const project = await api("/studio/api/projects", { method: "POST", json: { name } });
      location.hash = `#/p/${enc(project.id)}`;
    } catch (error) { toast(error.message, true); }
  } },
    h("label", { for: "project-name" }, "New model"),
    h("input", { id: "project-name", name: "name", type: "text", placeholder: "e.g. Bakery products", required: true,
      maxlength: 60 }),
    h("button", { type: "submit" }, "Create"));
  const cards = data.projects.map((project) => {
    const pictures = project.classes.reduce((n, c) => n + c.pictures.length, 0);
    const status = project.training.state === "running" ? "training…"
      : project.trained ? (project.stale ? "trained (pictures changed since)" : "trained") : "not trained yet";
    return h("a", { class: "card", href: `#/p/${enc(project.id)}` },
      h("strong", { text: project.name }),
      h("small", { text: `${project.classes.length} classes · ${pictures} pictures · ${status}` }),
      (project.notes || []).map((note) => h("small", { class: "note", text: note })));
  });
  app.replaceChildren(
    h("h1", { text: "Teach opensight your own categories" }),
    h("p", { class: "lead" },
      "Make a model, add a few example pictures for each category (5–20 each is a good start), train it in " +
      "seconds, see honestly how well it works, then download it or use it from code."),
    h("section", { class: "panel" }, form),
    cards.length ? h("section", { "aria-label": "Your models" }, h("h2", { text: "Your models" }), h("div", { class: "cards" }, cards))
      : h("p", { class: "muted", text: "No models yet: create one above, or try the ready-made tasks." }));
}

/* ---------- one project -------------------------------------------------------------------------- */
async function showProject(pid) {
  loading("Loading the model…");
  try {
    state.project = await api(`/studio/api/projects/${enc(pid)}`);
    state.evaluation = state.project.trained ? await api(`/studio/api/projects/${enc(pid)}/evaluation`) : null;
  } catch (error) { return failed(error); }
  renderProject();
  if (state.project.training.state === "running") watchTraining();
}

async function refreshProject() {
  const pid = state.project.id;
  state.project = await api(`/studio/api/projects/${enc(pid)}`);
  renderProject();
}

function renderProject() {
  const project = state.project;
  const focusId = document.activeElement && document.activeElement.id;
  app.replaceChildren(
    h("p", {}, h("a", { href: "#/" }, "← Your models")),
    h("div", { class: "row spread" },
      h("h1", { text: project.name }),
      h("button", { class: "danger small", onclick: deleteProject }, "Delete this model")),
    ...(project.notes || []).map((note) => h("div", { class: "notice warn", role: "alert" }, note)),
    h("div", { class: "grid" },
      h("section", { class: "panel", "aria-labelledby": "examples-title" },
        h("h2", { id: "examples-title" }, "1. Examples"),
        h("p", { class: "muted" }, "One class per category. Drop pictures on a class, choose files, or use the webcam."),
        classForm(), project.classes.map(classCard)),
      h("div", {},
        h("section", { class: "panel", "aria-labelledby": "train-title" }, h("h2", { id: "train-title" }, "2. Train"),
          h("div", { id: "train-panel" }, trainPanel())),
        h("section", { class: "panel", "aria-labelledby": "test-title" }, h("h2", { id: "test-title" }, "4. Test"), testPanel()),
        h("section", { class: "panel", "aria-labelledby": "use-title" }, h("h2", { id: "use-title" }, "5. Use it"), usePanel()))),
    h("section", { class: "panel", id: "evaluation", "aria-labelledby": "eval-title" },
      h("h2", { id: "eval-title" }, "3. How good is it?"), evaluationPanel()));
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
}

function classForm() {
  return h("form", { class: "row", id: "new-class", onsubmit: async (event) => {
    event.preventDefault();
    const name = event.target.elements.name.value;
    try {
      await api(`/studio/api/projects/${enc(state.project.id)}/classes`, { method: "POST", json: { name } });
      await refreshProject();
      document.getElementById("class-name").focus();
    } catch (error) { toast(error.message, true); }
  } },
    h("label", { for: "class-name" }, "New class"),
    h("input", { id: "class-name", name: "name", type: "text", placeholder: "e.g. croissant", required: true, maxlength: 60 }),
    h("button", { type: "submit" }, "Add class"));
}

function classCard(cls) {
  const pid = state.project.id;
  const input = h("input", { type: "file", accept: "image/*,.heic,.heif,.avif", multiple: true, hidden: true,
    "aria-label": `Choose pictures for ${cls.name}`, "data-class": cls.name,
    onchange: (event) => addPictures(cls.name, event.target.files) });
  const drop = h("div", { class: "drop" },
    "Drop pictures here or ",
    h("button", { type: "button", class: "secondary small", onclick: () => input.click() }, "choose files"),
    " or ",
    h("button", { type: "button", class: "secondary small", onclick: (event) => openWebcam(event.target.closest(".class-card"), cls.name) }, "use the webcam"),
    input);
  acceptDrops(drop, (files) => addPictures(cls.name, files));
  const thumbs = h("div", { class: "thumbs" }, cls.pictures.map((file) =>
    h("button", { type: "button", class: "thumb", "aria-label": `Picture ${file} in ${cls.name}: open`,
      onclick: () => openPicture(`${cls.name}/${file}`, `In class “${cls.name}”`) },
      picture(pictureUrl(pid, cls.name, file), `${cls.name} example`))));
  return h("article", { class: "class-card", "data-class": cls.name },
    h("div", { class: "row spread" },
      h("h3", {}, `${cls.name} `, h("small", { class: "muted" }, `(${cls.pictures.length} pictures)`)),
      h("button", { type: "button", class: "danger small", "aria-label": `Delete class ${cls.name}`,
        onclick: () => deleteClass(cls.name) }, "Delete")),
    drop, thumbs);
}

/* Files dropped on ``zone`` go to ``take``; the zone lights up while something is dragged over it. */
function acceptDrops(zone, take) {
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault(); zone.classList.remove("over");
    take(event.dataTransfer.files);
  });
}

async function addPictures(className, files) {
  const list = Array.from(files || []);
  if (!list.length) return;
  let added = 0; const refused = [];
  for (const [i, file] of list.entries()) {
    toast(`Adding pictures to ${className}: ${i + 1} of ${list.length}…`);
    const body = new FormData(); body.append("files", file, file.name);
    try {
      const answer = await api(`/studio/api/projects/${enc(state.project.id)}/classes/${enc(className)}/pictures`,
        { method: "POST", body });
      added += answer.added.length; refused.push(...answer.refused.map((r) => `${r.name}: ${r.reason}`));
    } catch (error) { refused.push(`${file.name}: ${error.message}`); }
  }
  await refreshProject();
  if (refused.length) toast(`Added ${added}; not added: ${refused.join("; ")}`, true);
  else toast(`Added ${added} picture${added === 1 ? "" : "s"} to ${className}.`);
}

async function deleteClass(name) {
  if (!confirm(`Delete the class “${name}” and its pictures?`)) return;
  try { await api(`/studio/api/projects/${enc(state.project.id)}/classes/${enc(name)}`, { method: "DELETE" }); }
  catch (error) { toast(error.message, true); }
  await refreshProject();
}

async function deleteProject() {
  if (!confirm(`Delete “${state.project.name}”, its pictures and its model?`)) return;
  try { await api(`/studio/api/projects/${enc(state.project.id)}`, { method: "DELETE" }); location.hash = "#/"; }
  catch (error) { toast(error.message, true); }
}

/* ---------- webcam ------------------------------------------------------------------------------- */
function stopStreams() { for (const s of state.streams) s.getTracks().forEach((t) => t.stop()); state.streams = []; }

async function startCamera(container) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw new Error("This browser gives no webcam here (it needs https, or the Studio at 127.0.0.1).");
  }
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  state.streams.push(stream);
  const video = h("video", { autoplay: true, playsinline: true, muted: true, "aria-label": "Webcam preview" });
  video.srcObject = stream;
  container.append(video);
  await new Promise((resolve) => { video.onloadedmetadata = resolve; setTimeout(resolve, 3000); });
  return { video, stop: () => stream.getTracks().forEach((t) => t.stop()) };
}

function grab(video) {
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth || 640; canvas.height = video.videoHeight || 480;
  canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), "image/jpeg", 0.9));
}

async function openWebcam(card, className) {
  if (card.querySelector(".webcam")) return;
  const box = h("div", { class: "webcam", role: "group", "aria-label": `Webcam for ${className}` },
    h("p", { class: "busy", role: "status" }, "Asking the browser for the webcam…"));
  card.append(box);
  try {
    const camera = await startCamera(box);
    box.querySelector(".busy").remove();
    box.append(h("div", { class: "row" },
      h("button", { type: "button", onclick: async () => {
        const blob = await grab(camera.video);
        await addPictures(className, [new File([blob], `webcam-${Date.now()}.jpg`, { type: "image/jpeg" })]);
      } }, `Capture into ${className}`),
      h("button", { type: "button", class: "secondary", onclick: () => { camera.stop(); box.remove(); } }, "Close webcam")));
  } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn" }, `Webcam unavailable: ${error.message}`));
  }
}

/* ---------- training ----------------------------------------------------------------------------- */
function trainPanel() {
  const project = state.project;
  const ready = project.classes.filter((c) => c.pictures.length > 0).length;
  const job = project.training;
  const parts = [];
  if (ready < 2) parts.push(h("p", { class: "muted" }, "Add pictures to at least two classes, then train."));
  else if (project.trained && !project.stale) parts.push(h("p", { class: "muted" }, "Trained on the current pictures."));
  else if (project.stale) parts.push(h("div", { class: "notice warn" }, "The pictures changed since the last training: train again to update the model and its numbers."));
  const running = job.state === "running";
  parts.push(h("button", { id: "train-button", type: "button", disabled: ready < 2 || running, onclick: startTraining },
    running ? "Training…" : project.trained ? "Train again" : "Train"));
  if (running) {
    parts.push(h("div", { role: "status", "aria-live": "polite", id: "train-status" },
      h("p", { class: "busy" }, job.message || "Training…"),
      job.total ? h("progress", { max: job.total, value: job.done, "aria-label": "Training progress" }) : null));
  } else if (job.state === "failed") {
    parts.push(h("div", { class: "notice bad", role: "alert" }, job.message));
  } else if (job.state === "done") {
    parts.push(h("p", { class: "notice good", role: "status", id: "train-status" },
      `Trained in ${Math.max(0.1, (job.finished - job.started)).toFixed(1)} s.`));
  }
  return parts;
}

async function startTraining() {
  try {
    await api(`/studio/api/projects/${enc(state.project.id)}/train`, { method: "POST" });
  } catch (error) { toast(error.message, true); }
  await refreshProject();
  watchTraining();
}

function watchTraining() {
  clearInterval(state.poll);
  const pid = state.project.id;
  state.poll = setInterval(async () => {
    let job;
    try { job = await api(`/studio/api/projects/${enc(pid)}/train`); } catch (error) { clearInterval(state.poll); return; }
    if (!state.project || state.project.id !== pid) { clearInterval(state.poll); return; }
    state.project.training = job;
    if (job.state === "running") {
      const panel = document.getElementById("train-panel");
      if (panel) panel.replaceChildren(...trainPanel());
      return;
    }
    clearInterval(state.poll);
    if (job.state === "done") {
      state.evaluation = await api(`/studio/api/projects/${enc(pid)}/evaluation`);
      toast("Training finished: read how good the model is below.");
    }
    await refreshProject();
  }, 500);
}

/* ---------- evaluation --------------------------------------------------------------------------- */
function evaluationPanel() {
  const ev = state.evaluation;
  const pid = state.project.id;
  if (!ev) return h("p", { class: "muted" }, "Train the model to see how well it works: each picture is judged by a model that did not see it.");
  const names = ev.class_names;
  const gallery = h("div", { id: "cell-pictures", "aria-live": "polite" });
  const table = h("table", { class: "confusion", "aria-label": "Confusion matrix: rows are the true class, columns what the model said" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "true ↓ / said →"), names.map((n) => h("th", { scope: "col" }, n)))),
    h("tbody", {}, names.map((truth, i) => h("tr", {}, h("th", { scope: "row" }, truth),
      names.map((said, j) => {
        const count = ev.confusion[i][j];
        const button = h("button", { type: "button", "aria-pressed": "false",
          "aria-label": `${count} ${truth} picture${count === 1 ? "" : "s"} the model called ${said}`,
          onclick: () => {
            table.querySelectorAll("button[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", "false"));
            button.setAttribute("aria-pressed", "true");
            showCell(gallery, ev.cells[i][j], truth, said);
          } }, String(count));
        return h("td", { class: count === 0 ? "" : i === j ? "right" : "wrong" }, button);
      }))))); 
  const parts = [
    h("p", { class: "headline", id: "accuracy-sentence" }, sentence(ev.headline)),
    state.project.stale ? h("div", { class: "notice warn" }, "These numbers describe the last training; the pictures have changed since.") : null,
    h("ul", {}, ev.classes.map((c) => h("li", {}, sentence(c.sentence)))),
    h("h3", {}, "Confusion matrix"),
    h("p", { class: "muted" }, "Click a number to see the pictures it counts."),
    h("div", { class: "scroll" }, table), gallery,
  ];
  if (ev.label_issues.length) {
    parts.push(h("h3", {}, `Maybe in the wrong class (${ev.label_issues.length})`),
      h("p", { class: "muted" }, "The model is confident these belong to another class. Move them, or delete them."),
      h("div", { class: "thumbs big" }, ev.label_issues.map((m) => labelIssue(m))));
  }
  if (ev.mistakes.length) {
    parts.push(h("h3", {}, "Most confident mistakes"),
      h("div", { class: "thumbs big" }, ev.mistakes.slice(0, 12).map((m) =>
        h("button", { type: "button", class: "thumb", onclick: () => openPicture(m.key, `A ${m.label} picture the model called ${m.predicted} (${pct(m.confidence)} sure)`) },
          h("figure", { class: "mistake" }, picture(keyUrl(pid, m.key), `${m.label} taken for ${m.predicted}`),
            h("figcaption", {}, `${m.label} → ${m.predicted}, ${pct(m.confidence)}`))))));
  } else {
    parts.push(h("p", { class: "notice good" }, "No mistakes on the held-out pictures."));
  }
  const across = ev.duplicates.filter((d) => d.across_classes);
  if (across.length) parts.push(h("div", { class: "notice warn" }, `${across.length} picture(s) appear in more than one class: ${across.map((d) => d.keys.join(" = ")).join("; ")}`));
  parts.push(h("h3", {}, "Would more examples help?"), curveChart(ev.learning_curve), h("p", {}, sentence(ev.verdict)));
  parts.push(h("h3", {}, "The “unsure” threshold"), unsureSlider(ev));
  parts.push(h("p", {}, h("a", { href: `/studio/api/projects/${enc(pid)}/report.html`, target: "_blank", rel: "noopener" }, "Open the full report")));
  return parts;
}

function showCell(gallery, keys, truth, said) {
  const title = truth === said ? `${keys.length} ${truth} picture(s) recognised correctly`
    : `${keys.length} ${truth} picture(s) the model called ${said}`;
  gallery.replaceChildren(h("h3", {}, title),
    keys.length ? h("div", { class: "thumbs big", id: "cell-thumbs" }, keys.map((key) =>
      h("button", { type: "button", class: "thumb", onclick: () => openPicture(key, title) }, picture(keyUrl(state.project.id, key), title))))
      : h("p", { class: "muted" }, "No pictures here."));
}

function labelIssue(m) {
  const [cls, file] = m.key.split("/");
  return h("figure", { class: "mistake" },
    h("button", { type: "button", class: "thumb", onclick: () => openPicture(m.key, `In ${m.label}; the model says ${m.predicted} (${pct(m.confidence)})`) },
      picture(keyUrl(state.project.id, m.key), `${m.label} picture the model calls ${m.predicted}`)),
    h("figcaption", {}, `in ${m.label}, looks like ${m.predicted} (${pct(m.confidence)})`),
    h("div", { class: "row" },
      h("button", { type: "button", class: "small", onclick: () => movePicture(cls, file, m.predicted) }, `Move to ${m.predicted}`),
      h("button", { type: "button", class: "small danger", onclick: () => deletePicture(cls, file) }, "Delete")));
}

function curveChart(curve) {
  const points = Object.entries(curve).map(([k, v]) => [parseFloat(k) / 100, v]);
  const W = 320, H = 140, P = 30;
  const x = (f) => P + f * (W - 2 * P), y = (a) => H - P + 10 - a * (H - 2 * P);
  const line = points.map(([f, a], i) => `${i ? "L" : "M"}${x(f).toFixed(1)},${y(a).toFixed(1)}`).join(" ");
  const svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Learning curve: accuracy with ${points.map(([f, a]) => `${pct(f)} of examples ${pct(a)}`).join(", ")}">
    <line x1="${P}" y1="${y(0)}" x2="${W - P}" y2="${y(0)}" stroke="#8795a4"/><line x1="${P}" y1="${y(0)}" x2="${P}" y2="${y(1)}" stroke="#8795a4"/>
    <text x="${P - 4}" y="${y(1) + 4}" font-size="10" text-anchor="end">100%</text><text x="${P - 4}" y="${y(0) + 4}" font-size="10" text-anchor="end">0%</text>
    <text x="${W / 2}" y="${H - 2}" font-size="10" text-anchor="middle">share of your examples used</text>
    <path d="${line}" fill="none" stroke="#1a5fb4" stroke-width="2.5"/>
    ${points.map(([f, a]) => `<circle cx="${x(f)}" cy="${y(a)}" r="3.5" fill="#1a5fb4"><title>${pct(f)}: ${pct(a)}</title></circle>`).join("")}
  </svg>`;
  const box = h("div", { class: "curve" });
  box.innerHTML = svg;
  return box;
}

function unsureSlider(ev) {
  const curve = ev.trade_off;
  let index = 0;  /* the last point at or below the saved threshold: what the model does now */
  curve.forEach((p, i) => { if (p[0] <= ev.threshold) index = i; });
  const out = h("p", { id: "unsure-readout", "aria-live": "polite" });
  const slider = h("input", { type: "range", class: "slider", id: "unsure-slider", min: 0, max: curve.length - 1,
    step: 1, value: index, "aria-label": "Confidence threshold below which answers are unsure" });
  const show = () => {
    const [t, precision, coverage] = curve[Number(slider.value)];
    out.textContent = `With answers below ${t.toFixed(2)} confidence marked “unsure”: the model answers ${pct(coverage)} ` +
      `of the pictures and is right ${pct(precision)} of the time on those (${pct(1 - coverage)} come back “unsure”).`;
  };
  slider.addEventListener("input", show);
  show();
  return [h("p", {}, sentence(ev.unsure.note)), slider, out,
    h("p", { class: "muted" }, `The saved model uses ${ev.unsure.threshold.toFixed(2)} (chosen for ${pct(ev.unsure.target_precision)} precision).`)];
}

/* ---------- pictures: open, move, delete --------------------------------------------------------- */
function openPicture(key, caption) {
  const [cls, file] = key.split("/");
  const dialog = document.getElementById("picture-dialog");
  const img = document.getElementById("picture-dialog-image");
  img.replaceWith(Object.assign(picture(keyUrl(state.project.id, key), caption), { id: "picture-dialog-image" }));
  document.getElementById("picture-dialog-title").textContent = `${cls}: ${file}`;
  document.getElementById("picture-dialog-caption").textContent = caption;
  const others = state.project.classes.map((c) => c.name).filter((n) => n !== cls);
  const select = h("select", { id: "move-target", "aria-label": "Move to class" }, others.map((n) => h("option", { value: n }, n)));
  document.getElementById("picture-dialog-actions").replaceChildren(
    others.length ? h("label", { for: "move-target" }, "Move to") : null, others.length ? select : null,
    others.length ? h("button", { type: "button", onclick: () => { dialog.close(); movePicture(cls, file, select.value); } }, "Move") : null,
    h("button", { type: "button", class: "danger", onclick: () => { dialog.close(); deletePicture(cls, file); } }, "Delete picture"));
  dialog.showModal();
}

async function movePicture(cls, file, to) {
  try {
    await api(`/studio/api/projects/${enc(state.project.id)}/classes/${enc(cls)}/pictures/${enc(file)}/move`, { method: "POST", json: { to } });
    toast(`Moved to ${to}. Train again to update the model.`);
  } catch (error) { toast(error.message, true); }
  await refreshProject();
}

async function deletePicture(cls, file) {
  try {
    await api(`/studio/api/projects/${enc(state.project.id)}/classes/${enc(cls)}/pictures/${enc(file)}`, { method: "DELETE" });
    toast("Picture deleted. Train again to update the model.");
  } catch (error) { toast(error.message, true); }
  await refreshProject();
}

/* ---------- test --------------------------------------------------------------------------------- */
function testPanel() {
  if (!state.project.trained) return h("p", { class: "muted" }, "Train the model, then try it on new pictures here.");
  const result = h("div", { id: "test-result", "aria-live": "polite" });
  const input = h("input", { type: "file", accept: "image/*,.heic,.heif,.avif", id: "test-file", "aria-label": "Picture to test",
    onchange: (event) => event.target.files[0] && testPicture(event.target.files[0], result) });
  const camBox = h("div", { class: "webcam" });
  return [h("div", { class: "row" }, h("label", { for: "test-file" }, "Test a picture"), input,
    h("button", { type: "button", class: "secondary", onclick: () => liveWebcam(camBox, result) }, "Test with the webcam")), camBox, result];
}

async function testPicture(blob, result) {
  result.replaceChildren(h("p", { class: "busy", role: "status" }, "Asking the model…"));
  const body = new FormData(); body.append("file", blob, blob.name || "webcam.jpg");
  try {
    const row = await api(`/studio/api/projects/${enc(state.project.id)}/predict`, { method: "POST", body });
    result.replaceChildren(h("img", { class: "test-picture", alt: "The tested picture", src: URL.createObjectURL(blob) }), ...answerView(row));
  } catch (error) { result.replaceChildren(h("div", { class: "notice bad", role: "alert" }, error.message)); }
}

function answerView(row) {
  const head = row.unsure
    ? h("p", { class: "result unsure", id: "test-answer" }, `Unsure — best guess: ${row.guess} (${pct(row.score)})`)
    : h("p", { class: "result", id: "test-answer" }, `${row.label} (${pct(row.score)})`);
  return [head,
    row.unsure ? h("p", { class: "muted" }, "The model's confidence is below its threshold: treat this answer as a guess.") : null,
    scoreBars(row.top)].filter(Boolean);
}

/* Labels with their scores as bars; ``marked`` labels get a tick. */
function scoreBars(entries, marked = []) {
  return h("ul", { class: "bars" }, entries.map((t) => h("li", {},
    h("span", {}, t.label + (marked.includes(t.label) ? " ✓" : "")),
    h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width:${(t.score * 100).toFixed(1)}%` })),
    h("span", {}, pct(t.score)))));
}

async function liveWebcam(box, result) {
  if (box.querySelector("video")) return;
  box.replaceChildren(h("p", { class: "busy", role: "status" }, "Asking the browser for the webcam…"));
  try {
    const camera = await startCamera(box);
    box.querySelector(".busy").remove();
    let live = true;
    const tick = async () => {
      if (!live || !document.body.contains(camera.video)) return;
      const blob = await grab(camera.video);
      const body = new FormData(); body.append("file", blob, "webcam.jpg");
      try {
        const row = await api(`/studio/api/projects/${enc(state.project.id)}/predict`, { method: "POST", body });
        result.replaceChildren(...answerView(row));
      } catch (error) { result.replaceChildren(h("div", { class: "notice bad" }, error.message)); }
      setTimeout(tick, 400);
    };
    box.append(h("button", { type: "button", class: "secondary", onclick: () => { live = false; camera.stop(); box.replaceChildren(); } }, "Stop the webcam"));
    tick();
  } catch (error) {
    box.replaceChildren(h("div", { class: "notice warn" }, `Webcam unavailable: ${error.message}`));
  }
}

/* ---------- use it ------------------------------------------------------------------------------- */
function usePanel() {
  const project = state.project;
  if (!project.trained) return h("p", { class: "muted" }, "After training: download the model file and use it from the command line, Python or any HTTP client.");
  const file = `${project.id}.osm`;
  const origin = location.origin;
  const snippet = (title, code) => h("div", {}, h("div", { class: "row spread" }, h("h3", {}, title),
    h("button", { type: "button", class: "secondary small", onclick: () => navigator.clipboard.writeText(code).then(() => toast("Copied.")) }, "Copy")),
    h("pre", {}, h("code", {}, code)));
  return [
    h("div", { class: "row" },
      h("a", { class: "button", id: "download-osm", href: `/studio/api/projects/${enc(project.id)}/model.osm`, download: file }, `Download ${file}`),
      h("a", { class: "button secondary", href: `/studio/api/projects/${enc(project.id)}/report.html`, target: "_blank", rel: "noopener" }, "Report")),
    h("p", { class: "muted" }, "One portable file (no pickle): the model, its labels, its card and its report."),
    snippet("Command line", `opensight predict ${file} photos/\nopensight run predict photos/ --model ${file} --out results.csv`),
    snippet("Python", `import opensight as osi\nmodel = osi.load("${file}")\nanswer = model("photo.jpg")\nprint(answer.label, answer.score)  # "unsure" below the threshold`),
    snippet("HTTP (curl)", `opensight serve ${file}\ncurl -F file=@photo.jpg ${origin}/v1/models/${project.id}/predict`),
  ];
}

/* ---------- ready-made tasks --------------------------------------------------------------------- */
async function showTasks() {
  loading("Loading the ready-made tasks…");
  let tasks;
  try { tasks = (await api("/v1/tasks")).tasks; } catch (error) { return failed(error); }
  let chosen = (tasks.find((t) => t.installed) || tasks[0]).task;
  const first = tasks.find((t) => t.task === chosen);
  const result = h("div", { id: "task-result", "aria-live": "polite" });
  const buttons = tasks.map((t) => h("button", { type: "button", "aria-pressed": String(t.task === chosen), disabled: !t.installed,
    title: t.installed ? t.summary : `Not installed: pip install 'opensight[${t.extra}]'`,
    onclick: (event) => {
      chosen = t.task;
      buttons.forEach((b) => b.setAttribute("aria-pressed", "false"));
      event.target.setAttribute("aria-pressed", "true");
      describe.textContent = t.summary + ` Model: ${t.model} (${t.licence}).`;
      input.accept = t.accepts === "audio" ? "audio/*,video/*" : "image/*";
      labelsRow.hidden = !t.labels;
      dropText.textContent = t.accepts === "audio" ? "Drop a recording here, or " : "Drop a picture here, or ";
    } }, t.task));
  const labels = h("input", { type: "text", id: "task-labels", value: "cat, bicycle, birthday cake, snowy street",
    "aria-label": "Your words, comma-separated" });
  const labelsRow = h("div", { class: "row", hidden: !first.labels },
    h("label", { for: "task-labels" }, "Your words"), labels);
  const describe = h("p", { class: "muted" });
  describe.textContent = first.summary + ` Model: ${first.model} (${first.licence}).`;
  const input = h("input", { type: "file", accept: first.accepts === "audio" ? "audio/*,video/*" : "image/*", id: "task-file",
    onchange: (event) => event.target.files[0] && runTask(chosen, event.target.files[0], result, labels.value) });
  const dropText = h("span", {}, "Drop a picture here, or ");
  const drop = h("div", { class: "drop" }, dropText, h("label", { for: "task-file" }, "choose one: "), input);
  acceptDrops(drop, (files) => files[0] && runTask(chosen, files[0], result, labels.value));
  app.replaceChildren(
    h("h1", { text: "Ready-made tasks" }),
    h("p", { class: "lead" }, "Proven pretrained models, offline. Pick a task, give it a picture, see what it finds."),
    h("section", { class: "panel" }, h("div", { class: "tasks", role: "group", "aria-label": "Task" }, buttons), describe, labelsRow, drop),
    h("section", { class: "panel" }, result));
}

async function runTask(task, file, result, words) {
  result.replaceChildren(h("p", { class: "busy", role: "status" },
    task === "transcribe" ? `Listening to ${file.name} (about a tenth of its length)…` : `Running ${task} on ${file.name}…`));
  const body = new FormData(); body.append("file", file, file.name);
  try {
    const path = task === "transcribe" ? "/v1/transcribe"
      : task === "tag" ? `/v1/tag?labels=${enc(words || "")}` : `/v1/${task}?annotate=true`;
    const row = await api(path, { method: "POST", body });
    const shown = Object.assign({}, row); delete shown.annotated; if (shown.lines) shown.lines = `[${shown.lines.length} lines]`;
    if (shown.embedding) shown.embedding = `[${shown.embedding.length} numbers]`;
    result.replaceChildren(
      h("h2", {}, taskSentence(task, row)),
      row.annotated ? h("img", { class: "annotated", id: "task-annotated", src: row.annotated, alt: `${task} result drawn on the picture` }) : null,
      row.lines && row.lines.length ? h("pre", { id: "task-text" }, row.text) : null,
      row.coverage && Array.isArray(row.coverage) ? h("div", { id: "task-tags" },
        h("img", { class: "test-picture", alt: "The tagged picture", src: URL.createObjectURL(file) }),
        scoreBars(row.scores, row.tags),
        h("ul", {}, row.coverage.map((c) => h("li", { class: c.quality === "poor" ? "notice bad" : c.quality === "fair" ? "notice warn" : "" }, c.verdict)))) : null,
      row.segments ? h("ol", { class: "segments", id: "task-segments" }, row.segments.map((s) =>
        h("li", {}, h("span", { class: "muted" }, `${s.start.toFixed(1)}–${s.end.toFixed(1)} s `), s.text,
          s.score < 0.5 ? h("span", { class: "muted" }, ` (unsure: ${pct(s.score)})`) : null))) : null,
      h("details", {}, h("summary", {}, "The answer as JSON (what the API and the CLI return)"), h("pre", {}, JSON.stringify(shown, null, 2))));
  } catch (error) { result.replaceChildren(h("div", { class: "notice bad", role: "alert" }, error.message)); }
}

function taskSentence(task, row) {
  if (task === "classify") return `Most likely: ${row.label} (${pct(row.score)})`;
  if (task === "detect") {
    const counts = Object.entries(row.counts || {});
    return counts.length ? `Found ${counts.map(([k, v]) => `${v} × ${k}`).join(", ")}` : "Found no objects above the score threshold";
  }
  if (task === "faces") return `Found ${row.faces.length} face${row.faces.length === 1 ? "" : "s"}`;
  if (task === "pose") return row.people.length ? `Body keypoints of one person (score ${pct(row.people[0].score)})` : "No person found";
  if (task === "embed") return `A ${row.embedding.length}-number feature vector`;
  if (task === "read") return row.lines.length ? `Read ${row.lines.length} line${row.lines.length === 1 ? "" : "s"} of text` : "Found no text";
  if (task === "tag") return row.tags.length ? `Tags: ${row.tags.join(", ")}` : "None of your words fits well enough";
  if (task === "transcribe") return row.segments.length ? `Heard ${row.duration.toFixed(1)} s: ${row.segments.length} segment(s) in ${row.language}` : `Heard no speech in ${row.duration.toFixed(1)} s`;
  return "Done";
}

/* ---------- start -------------------------------------------------------------------------------- */
(function start() {
  const fromHash = location.hash.match(/token=([^&]+)/);
  if (fromHash) {
    sessionStorage.setItem("opensight-token", decodeURIComponent(fromHash[1]));
    history.replaceState(null, "", location.pathname + "#/");
  }
  state.token = sessionStorage.getItem("opensight-token");
  window.addEventListener("hashchange", route);
  route();
})();
