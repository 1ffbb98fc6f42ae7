/* "3. How good is it?": headline, confusion matrix and its pictures, label issues, mistakes, curve, "unsure" slider. */
import { h, pct, exactPct, count, sentence, enc, picture, player, keyUrl, previewUrl, isLandmarks, noun } from "./dom.js";

/* The panel for ``ev`` (the evaluation, or null before training) of ``project``; ``pictures`` opens, moves and
   deletes a picture: { open(key, caption), move(cls, file, to, focus), remove(cls, file, focus) } (``focus()``
   gives what to focus once the page is drawn again). Pictures are shown where they are now: a label fix or a
   renamed class moves them after the evaluation was made. */
export function evaluationPanel(ev, project, pictures) {
  const pid = project.id;
  const sounds = project.kind === "sounds";
  /* what the evaluation counts: a long recording is heard as several 2-second sounds, each judged (a trial read "10
     recordings" in a cell beside a class of 9) */
  const word = sounds ? "sound" : noun(project);
  if (!ev) return h("p", { class: "muted" }, `Train the model to see how well it works: each ${word} is judged by a model that did not see it.`);
  /* a recording plays in place (a window of a longer one: just that second); a picture opens in the dialog; a
     pose or gesture shows as the model saw it, with the skeleton drawn */
  const drawn = isLandmarks(project);
  const named = (key) => (ev.names && ev.names[key]) || key;  /* the name the person gave it (a trial: bare players) */
  const shot = (key, alt) => {
    const now = whereNow(project, key);
    if (!now) return h("span", { class: "gone" }, "deleted since");
    if (sounds) return player(keyUrl(pid, now) + fragmentOf(key), `${named(key)}: ${alt}`);
    return drawn ? picture(previewUrl(pid, now), `${alt}, with the skeleton the model found`) : picture(keyUrl(pid, now), alt);
  };
  const show = (key, caption, content) => sounds ? h("div", { class: "sound-example" }, content, h("span", { class: "muted" }, named(key)))
    : h("button", { type: "button", class: "thumb", title: named(key), disabled: !whereNow(project, key),
      onclick: () => pictures.open(whereNow(project, key), caption) }, content);
  const names = ev.class_names;
  const gallery = h("div", { id: "cell-pictures", "aria-live": "polite" });
  const table = h("table", { class: "confusion", "aria-label": "Confusion matrix: rows are the true class, columns what the model said" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "true ↓ / said →"), names.map((n) => h("th", { scope: "col" }, n)))),
    h("tbody", {}, names.map((truth, i) => h("tr", {}, h("th", { scope: "row" }, truth),
      names.map((said, j) => {
        const count = ev.confusion[i][j];
        const button = h("button", { type: "button", "aria-pressed": "false",
          "aria-label": `${count} ${truth} ${word}${count === 1 ? "" : "s"} the model called ${said}`,
          onclick: () => {
            table.querySelectorAll("button[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", "false"));
            button.setAttribute("aria-pressed", "true");
            showCell(gallery, ev.cells[i][j], truth, said, shot, show, word);
          } }, String(count));
        return h("td", { class: count === 0 ? "" : i === j ? "right" : "wrong" }, button);
      })))));
  const parts = [
    readThisFirst(ev),
    h("p", { class: "headline", id: "accuracy-sentence" }, sentence(ev.headline)),
    ev.balanced ? h("p", { id: "balanced-sentence" }, ev.balanced) : null,
    project.stale ? h("div", { class: "notice warn" }, `These numbers describe the last training; the ${word}s have changed since.`) : null,
    h("ul", {}, ev.classes.map((c) => h("li", {}, sentence(c.sentence)))),
    h("h3", {}, "Confusion matrix"),
    h("p", { class: "muted" }, `Click a number to see the ${word}s it counts.`),
    h("div", { class: "scroll" }, table), gallery,
  ];
  if (ev.label_issues.length) {
    parts.push(h("h3", {}, `Maybe in the wrong class (${ev.label_issues.length})`),
      h("p", { class: "muted" }, "The model is confident these belong to another class. Move them, or delete them."),
      h("div", { class: "thumbs big" }, ev.label_issues.map((m) => labelIssue(m, project, pictures, shot, show))));
  }
  if (ev.mistakes.length) {
    /* which side of the threshold each one is on comes with it (m.unsure): its rounded confidence may read alike */
    parts.push(h("h3", {}, "Mistakes, the most confident first"),
      h("div", { class: "thumbs big" }, ev.mistakes.slice(0, 12).map((m) =>
        show(m.key, `A ${m.label} ${word} the model called ${m.predicted} (${exactPct(m.confidence)} sure)`,
          h("figure", { class: "mistake" }, shot(m.key, `${m.label} taken for ${m.predicted}`),
            h("figcaption", {}, `${m.label} → ${m.predicted}, ${exactPct(m.confidence)}` +
              (m.unsure ? " (it would say “unsure”)" : "")))))));
  } else {
    parts.push(h("p", { class: "notice good" }, `No mistakes on the held-out ${word}s.`));
  }
  const across = ev.duplicates.filter((d) => d.across_classes);
  /* a group, not a picture, each: "8 pictures appear in more than one class" counted 8 groups of 39 files */
  if (across.length) parts.push(h("div", { class: "notice warn" }, `${count(across.length, "group")} of ${word}s in more than one class, each the same ${word} or copies of one: ${across.map((d) => d.keys.map(named).join(" = ")).join("; ")}`));
  parts.push(h("h3", {}, "Would more examples help?"), curveChart(ev.learning_curve), h("p", {}, sentence(ev.verdict)));
  parts.push(h("h3", {}, "The “unsure” threshold"), unsureSlider(ev, word));
  parts.push(h("p", {}, h("a", { class: "link", href: `/studio/api/projects/${enc(pid)}/report.html`, target: "_blank", rel: "noopener" }, "Open the full report")));
  return parts;
}

/* The report's "read this first" (its warnings, in its words) and the files it skipped; null when there are none. */
function readThisFirst(ev) {
  const warnings = ev.warnings || [], skipped = ev.skipped || [];
  if (!warnings.length && !skipped.length) return null;
  return h("div", { class: "notice warn", id: "read-this-first", role: "region", "aria-labelledby": "read-first-title" },
    h("h3", { id: "read-first-title" }, "Read this first"),
    warnings.length ? h("ul", {}, warnings.map((w) => h("li", {}, w))) : null,
    skipped.length ? [h("p", {}, "Files that were skipped:"), h("ul", {}, skipped.map((s) => h("li", {}, `${s.name || s.key}: ${s.reason}`)))] : null);
}

/* Where the picture ``key`` ("class/file") of the evaluation is now, as "class/file", or null once deleted. */
function whereNow(project, key) {
  const [cls, file] = key.split("#")[0].split("/");
  const holds = (c) => c.pictures.includes(file);
  const home = project.classes.find((c) => c.name === cls && holds(c)) || project.classes.find(holds);
  return home ? `${home.name}/${file}` : null;
}

/* The media fragment of a key (``#t=3,4``: one window of a longer recording), or "". */
const fragmentOf = (key) => (key.includes("#") ? `#${key.split("#")[1]}` : "");

function showCell(gallery, keys, truth, said, shot, show, word) {
  const title = truth === said ? `${count(keys.length, `${truth} ${word}`)} recognised correctly`
    : `${count(keys.length, `${truth} ${word}`)} the model called ${said}`;
  gallery.replaceChildren(h("h3", {}, title),
    keys.length ? h("div", { class: "thumbs big", id: "cell-thumbs" }, keys.map((key) => show(key, title, shot(key, title))))
      : h("p", { class: "muted" }, `No ${word}s here.`));
}

/* A picture the model thinks is in the wrong class: Move / Delete while it is still there, then a note saying
   where it went (focused after the fix, so the keyboard stays in the list). */
function labelIssue(m, project, pictures, shot, show) {
  const [cls, file] = m.key.split("#")[0].split("/");
  const now = whereNow(project, m.key);
  const nowClass = now && now.split("/")[0];
  const renamed = !project.classes.some((c) => c.name === cls);  /* its class was renamed: it has not moved */
  const noteId = `issue-${file}`;
  const note = () => document.getElementById(noteId);
  const busy = project.training.state === "running";
  const actions = now && (nowClass === cls || renamed)
    ? h("div", { class: "row" },
      h("button", { type: "button", class: "small", disabled: busy, onclick: () => pictures.move(nowClass, file, m.predicted, note) }, `Move to ${m.predicted}`),
      h("button", { type: "button", class: "small danger", disabled: busy, onclick: () => pictures.remove(nowClass, file, note) }, "Delete"))
    : h("p", { class: "fixed", id: noteId, tabindex: "-1" }, now ? `Moved to ${nowClass}` : "Deleted");
  return h("figure", { class: "mistake label-issue" },
    show(m.key, `In ${m.label}; the model says ${m.predicted} (${pct(m.confidence)})`,
      shot(m.key, `${m.label} ${noun(project)} the model calls ${m.predicted}`)),
    h("figcaption", {}, `in ${m.label}, looks like ${m.predicted} (${pct(m.confidence)})`),
    actions);
}

function curveChart(curve) {
  const points = Object.entries(curve).map(([k, v]) => [parseFloat(k) / 100, v]);
  /* room for the labels: "100%" left of the axis (in wide fonts too), the axis title under it (with descenders) */
  const W = 320, H = 150, LEFT = 44, RIGHT = 12, TOP = 12, BOTTOM = 34;
  const x = (f) => LEFT + f * (W - LEFT - RIGHT), y = (a) => TOP + (1 - a) * (H - TOP - BOTTOM);
  const line = points.map(([f, a], i) => `${i ? "L" : "M"}${x(f).toFixed(1)},${y(a).toFixed(1)}`).join(" ");
  const svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Learning curve: accuracy with ${points.map(([f, a]) => `${pct(f)} of examples ${pct(a)}`).join(", ")}">
    <line x1="${LEFT}" y1="${y(0)}" x2="${W - RIGHT}" y2="${y(0)}" stroke="#8795a4"/><line x1="${LEFT}" y1="${y(0)}" x2="${LEFT}" y2="${y(1)}" stroke="#8795a4"/>
    <text x="${LEFT - 6}" y="${y(1) + 4}" font-size="10" text-anchor="end">100%</text><text x="${LEFT - 6}" y="${y(0) + 4}" font-size="10" text-anchor="end">0%</text>
    ${points.map(([f]) => `<text x="${x(f)}" y="${y(0) + 12}" font-size="9" text-anchor="${f >= 1 ? "end" : "middle"}">${pct(f)}</text>`).join("")}
    <text x="${(LEFT + W - RIGHT) / 2}" y="${H - 4}" font-size="10" text-anchor="middle">share of your examples used</text>
    <path d="${line}" fill="none" stroke="#1a5fb4" stroke-width="2.5"/>
    ${points.map(([f, a]) => `<circle cx="${x(f)}" cy="${y(a)}" r="3.5" fill="#1a5fb4"><title>${pct(f)}: ${pct(a)}</title></circle>`).join("")}
  </svg>`;
  const box = h("div", { class: "curve" });
  box.innerHTML = svg;
  return box;
}

/* A threshold as the evaluation's note writes it (teach/_verdicts.py, threshold_text): as it is, in as few decimals
   as that takes (at least 2), never "1.00" for one under 1 (which would read as "every answer is unsure"). */
function thresholdText(t) {
  for (let digits = 2; digits <= 12; digits++) {
    const text = t.toFixed(digits);
    if (Math.abs(Number(text) - t) < 1e-12 && (Number(text) < 1 || t >= 1)) return text;
  }
  return (Math.floor(t * 1e12) / 1e12).toFixed(12);
}

/* A share of the pictures: "none" only when none is, never "0%" for a few (and the precision of none answered means
   nothing: the readout says so instead). */
function answeredText(coverage) {
  if (coverage <= 0) return "none";
  return Math.round(coverage * 100) === 0 ? "under 1%" : pct(coverage);
}

function unsureSlider(ev, word) {
  /* the curve has a point every 0.01; the saved model's exact threshold, with its own precision and coverage, goes
     in among them (replacing the point that would read the same) and the slider starts there */
  const saved = [ev.threshold, ev.unsure.precision, ev.unsure.coverage];
  const curve = ev.trade_off.filter((p) => thresholdText(p[0]) !== thresholdText(ev.threshold));
  const index = curve.filter((p) => p[0] < ev.threshold).length;
  curve.splice(index, 0, saved);
  const out = h("p", { id: "unsure-readout", "aria-live": "polite" });
  const slider = h("input", { type: "range", class: "slider", id: "unsure-slider", min: 0, max: curve.length - 1,
    step: 1, value: index, "aria-label": "Confidence threshold below which answers are unsure" });
  const show = () => {
    const [t, precision, coverage] = curve[Number(slider.value)];
    out.textContent = coverage <= 0
      ? `With answers below ${thresholdText(t)} confidence marked “unsure”: the model answers none of the ${word}s ` +
        "(every answer comes back “unsure”)."
      : `With answers below ${thresholdText(t)} confidence marked “unsure”: the model answers ${answeredText(coverage)} ` +
        `of the ${word}s and is right ${pct(precision)} of the time on those (${answeredText(1 - coverage)} come back “unsure”).`;
  };
  slider.addEventListener("input", show);
  show();
  return [h("p", {}, sentence(ev.unsure.note)), slider, out,
    h("p", { class: "muted" }, `The saved model uses ${thresholdText(ev.threshold)} (chosen for ${pct(ev.unsure.target_precision)} ` +
      "precision): Test and the downloaded model answer with it; the slider only shows what another threshold would do.")];
}
