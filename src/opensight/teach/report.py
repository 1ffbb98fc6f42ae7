"""The teach report: one self-contained HTML page (SVG plots and thumbnails inline, no network)."""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Mapping, Sequence

import numpy as np

from opensight.bundle import contained_report
from opensight.teach._card import TaughtModelCard
from opensight.teach._svg_chart import Series, confusion_svg, line_chart
from opensight.teach._verdicts import threshold_text
from opensight.teach.evaluate import LABEL_ISSUE_CONFIDENCE, Evaluation, Mistake

#: Thumbnails shown per confusion-matrix cell (the rest are counted).
CELL_THUMBNAILS = 40


def curve_svg(curve: Mapping[float, float]) -> str:
    """Accuracy against the share of examples used: is it still climbing?"""
    shares = [100 * share for share in curve]
    line = Series("held-out accuracy", shares, [100 * v for v in curve.values()], markers=True)
    return line_chart(
        [line],
        title="Learning curve",
        x_label="% of your examples used for teaching",
        y_label="held-out accuracy (%)",
        x_range=(0.0, 100.0),
    )


def trade_off_svg(points: Sequence[tuple[float, float, float]], threshold: float) -> str:
    """Precision and coverage for every confidence threshold, with the chosen one marked."""
    values = np.array(points, dtype=float).reshape(-1, 3)
    x = values[:, 0].tolist()
    start = min(0.9, math.floor(10 * min([*x, threshold])) / 10)  # from the lowest confidence seen, in tenths
    answers = values[:, 2] > 0  # no precision where nothing is answered (a trial read the line's 100% there)
    return line_chart(
        [
            Series(
                "right when it answers (precision)", values[answers, 0].tolist(), (100 * values[answers, 1]).tolist()
            ),
            Series("answers given (coverage)", x, (100 * values[:, 2]).tolist()),
        ],
        title="When to say 'unsure'",
        x_label="confidence threshold",
        y_label="%",
        x_range=(start, 1.0),
        marker_x=(min(threshold, 1.0), f"threshold {threshold_text(threshold)}"),
    )


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}.headline{font-size:1.2em;background:#eef6ff;
padding:.8em;border-radius:6px}.warn{background:#fff4d6;padding:.6em;border-radius:6px}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.cell-ok{background:#e8f5e9}.cell-bad{background:#fdecea}
.thumbs{display:flex;flex-wrap:wrap;gap:6px}.thumb{width:112px;font-size:11px;word-break:break-all}
.thumb img{width:112px;height:112px;object-fit:cover;border-radius:4px}img.plot,svg.plot{max-width:100%;height:auto}
.thumb audio{width:112px}
summary{cursor:pointer}code{background:#f3f3f3;padding:1px 4px}
"""


def render_report(
    *,
    name: str,
    evaluation: Evaluation,
    classes: Sequence[str],
    counts: Mapping[str, int],
    paths: Sequence[str],
    thumbnails: Mapping[int, bytes],
    warnings: Sequence[str],
    skipped: Sequence[tuple[str, str]],
    card: TaughtModelCard,
) -> str:
    """The whole report as one HTML string."""
    tiles = _Tiles(paths, thumbnails)
    page = "".join(
        [
            _top(name, evaluation, card, warnings),
            _each_class(evaluation, counts),
            _confusion(evaluation, classes, tiles),
            _confidence(evaluation),
            _mistakes(evaluation, tiles),
            _duplicates(evaluation, tiles),
            _skipped(skipped),
            _card(card),
        ]
    )
    return contained_report(page)  # as it will be read from the model file


def confidence_text(confidence: float, threshold: float) -> str:
    """A confidence in two decimals, or as many more as keep it on its side of the 'unsure' ``threshold`` and off
    1.00 (a wrong answer at 0.9972 under a threshold of 0.998 is "0.997", not "1.00").

    >>> confidence_text(0.8123, 0.95), confidence_text(0.9972, 0.998), confidence_text(0.5241, 0.5241)
    ('0.81', '0.997', '0.5241')
    """
    for digits in range(2, 13):
        text = f"{confidence:.{digits}f}"
        shown = float(text)
        if (shown >= threshold) == (confidence >= threshold) and (shown < 1.0 or confidence >= 1.0):
            return text
    return f"{confidence:.12f}"


class _Tiles:
    """Thumbnails with captions, as the report shows pictures (by their index in ``paths``)."""

    def __init__(self, paths: Sequence[str], thumbnails: Mapping[int, bytes]) -> None:
        self.paths = paths
        self.thumbnails = thumbnails

    def thumb(self, index: int, caption: str) -> str:
        """One picture (if it has a thumbnail) and its caption; hovering shows its path."""
        e = html.escape
        data = self.thumbnails.get(index)
        if not data:
            image = ""
        elif data.startswith(b"RIFF"):  # a sound's preview (WAV): a player instead of a picture
            image = (
                f'<audio controls preload="none" aria-label="{e(self.paths[index])}" '
                f'src="data:audio/wav;base64,{base64.b64encode(data).decode()}"></audio>'
            )
        else:
            image = f'<img alt="{e(self.paths[index])}" src="data:image/jpeg;base64,{base64.b64encode(data).decode()}">'
        return f'<div class="thumb" title="{e(self.paths[index])}">{image}<br>{e(caption)}</div>'

    def mistakes(self, items: Sequence[Mistake], threshold: float) -> str:
        """Up to 30 mistakes, each as its picture, folder, answer and confidence (written on the side of the 'unsure'
        ``threshold`` it is on)."""
        if not items:
            return "<p>None.</p>"
        tiles = "".join(
            self.thumb(m.index, f"{_leaf(self.paths[m.index])}: in '{m.label}', model says '{m.predicted}' ({sure})")
            for m, sure in ((m, confidence_text(m.confidence, threshold)) for m in items[:30])
        )
        return f'<div class="thumbs">{tiles}</div>'


def _top(name: str, evaluation: Evaluation, card: TaughtModelCard, warnings: Sequence[str]) -> str:
    """The page's head, the headline, the comparison with the class names alone, and the warnings."""
    e = html.escape
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>opensight report: {e(name)}</title>",
        f"<meta name='viewport' content='width=device-width,initial-scale=1'><style>{_STYLE}</style></head><body>",
        f"<h1>How good is <em>{e(name)}</em>?</h1><p class='headline'>{e(evaluation.headline())}</p>",
    ]
    if evaluation.balanced_sentence:  # a big class's accuracy must not hide a small one never recognised (a trial)
        parts.append(f"<p>{e(evaluation.balanced_sentence)}</p>")
    if card.zero_shot_comparison is not None:
        parts.append(f"<p>{e(card.zero_shot_comparison['sentence'])}</p>")
    if warnings:
        parts.append("<div class='warn'><strong>Read this first</strong><ul>")
        parts.extend(f"<li>{e(w)}</li>" for w in warnings)
        parts.append("</ul></div>")
    return "".join(parts)


def _each_class(evaluation: Evaluation, counts: Mapping[str, int]) -> str:
    """Each class in a sentence, then as a table of examples, precision and recall."""
    e = html.escape
    parts = ["<h2>Each class</h2><ul>"]
    parts.extend(f"<li>{_emphasis(e(c.sentence))}</li>" for c in evaluation.classes)
    parts.append("</ul><table><tr><th>class</th><th>examples</th><th>precision</th><th>recall</th></tr>")
    for c in evaluation.classes:
        parts.append(
            f"<tr><td>{e(c.name)}</td><td>{counts.get(c.name, 0)}</td><td>{_maybe_pct(c.precision)}</td>"
            f"<td>{_maybe_pct(c.recall)}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def _confusion(evaluation: Evaluation, classes: Sequence[str], tiles: _Tiles) -> str:
    """The confusion matrix as a picture, then as a table whose cells open onto their pictures."""
    e = html.escape
    heard = evaluation.noun in ("sounds", "recordings")
    parts = [
        f"<h2>Confusion matrix</h2><p>Rows: the folder {evaluation.noun} are in. Columns: what the model said when "
        f"it had not {'heard' if heard else 'seen'} them. Open a cell to {'play' if heard else 'see'} its "
        f"{evaluation.noun}.</p>"
        f"{confusion_svg(evaluation.confusion, classes)}"
        "<table><tr><th>folder ↓ / said →</th>" + "".join(f"<th>{e(c)}</th>" for c in classes) + "</tr>"
    ]
    for row, label in enumerate(classes):
        parts.append(f"<tr><th>{e(label)}</th>")
        parts.extend(
            _cell(evaluation.confusion_members[row][column], row == column, tiles) for column in range(len(classes))
        )
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def _cell(members: Sequence[int], diagonal: bool, tiles: _Tiles) -> str:
    """One cell of the confusion table: its count, opening onto up to :data:`CELL_THUMBNAILS` of its pictures."""
    style = "cell-ok" if diagonal else ("cell-bad" if members else "")
    if not members:
        return f"<td class='{style}'>0</td>"
    thumbs = "".join(tiles.thumb(i, _leaf(tiles.paths[i])) for i in members[:CELL_THUMBNAILS])
    more = f"<p>and {len(members) - CELL_THUMBNAILS} more</p>" if len(members) > CELL_THUMBNAILS else ""
    body = f"<details><summary>{len(members)}</summary><div class='thumbs'>{thumbs}</div>{more}</details>"
    return f"<td class='{style}'>{body}</td>"


#: Up to this expected calibration error, confidences are called calibrated (a confidence of 0.8 is right about 8
#: times in 10); above it the report says they are rough, even where rescaling improved them (a user's trial: 0.179
#: before, 0.156 after was called calibrated).
CALIBRATED_ECE = 0.05


def calibration_sentence(evaluation: Evaluation) -> str:
    """What temperature scaling did, as it was: it is chosen by log-loss, and on few examples the calibration error
    it is judged by here can come out worse (a user's trial: 4 of 12 models)."""
    before, after = f"{evaluation.ece_before:.3f}", f"{evaluation.ece_after:.3f}"
    if evaluation.ece_after <= min(evaluation.ece_before, CALIBRATED_ECE):
        return (
            f"Confidence is calibrated (temperature {evaluation.temperature:.2f}): expected calibration error "
            f"{before} before, {after} after."
        )
    if evaluation.ece_after <= evaluation.ece_before:
        return (
            f"Confidence was rescaled (temperature {evaluation.temperature:.2f}): its expected calibration error went "
            f"from {before} to {after}, still above {CALIBRATED_ECE:g}: on this few examples, take the confidences "
            "as rough."
        )
    return (
        f"Confidence was rescaled (temperature {evaluation.temperature:.2f}, the one that fits the held-out answers "
        f"best), but on these examples its expected calibration error did not improve ({before} before, {after} "
        "after): take the confidences as rough."
    )


def _confidence(evaluation: Evaluation) -> str:
    """The 'unsure' threshold and calibration, then whether more examples would help."""
    e = html.escape
    return (
        f"<h2>Confidence and 'unsure'</h2><p>{e(evaluation.threshold_note)}</p>"
        f"{trade_off_svg(evaluation.trade_off, evaluation.threshold)}"
        f"<p>{e(calibration_sentence(evaluation))}</p>"
        f"<h2>Would more examples help?</h2><p>{e(evaluation.verdict)}</p>"
        f"{curve_svg(evaluation.curve)}"
    )


def _mistakes(evaluation: Evaluation, tiles: _Tiles) -> str:
    """The most confident mistakes (those the model would have answered, apart from those it would have said
    'unsure' about), and the pictures that may be in the wrong folder."""
    threshold = threshold_text(evaluation.threshold)
    answered = [m for m in evaluation.mistakes if m.confidence >= evaluation.threshold]
    unsure = [m for m in evaluation.mistakes if m.confidence < evaluation.threshold]
    said = (
        f"<p>Answered wrongly (confidence at or above the 'unsure' threshold, {threshold}):</p>"
        + tiles.mistakes(answered[:12], evaluation.threshold)
        + f"<p>Wrong, but it would have said 'unsure' (confidence below {threshold}):</p>"
        + tiles.mistakes(unsure[:12], evaluation.threshold)
    )
    return (
        "<h2>The most confident mistakes</h2>"
        + said
        + f"<h2>{evaluation.noun.capitalize()} that may be in the wrong folder</h2>"
        f"<p>The model, not having seen them, puts them in another class with a confidence of "
        f"{LABEL_ISSUE_CONFIDENCE:g} or more (below its 'unsure' threshold it would still answer 'unsure', with that "
        "guess). Check them: a wrong label "
        "teaches the wrong thing. Where classes look alike (see the confusion matrix), most of them are unusual "
        "examples of their own class rather than wrong labels.</p>"
        + tiles.mistakes(evaluation.label_issues, evaluation.threshold)
    )


def _duplicates(evaluation: Evaluation, tiles: _Tiles) -> str:
    """Groups of exact and near copies, flagged when a group spans classes."""
    parts = ["<h2>Duplicates</h2>"]
    if not evaluation.duplicates:
        parts.append("<p>None found.</p>")
    for group in evaluation.duplicates:
        flag = ""
        if group.across_classes:
            flag = " — <strong>in different classes: " + (
                "at least one label is wrong</strong>"
                if group.kind == "exact"
                else "if they are the same picture, one label is wrong</strong>"
            )
        thumbs = "".join(
            tiles.thumb(i, f"{_leaf(tiles.paths[i])} ({lab})")
            for i, lab in zip(group.indices, group.labels, strict=True)
        )
        kind = "Exact copies" if group.kind == "exact" else "Near copies"
        parts.append(f"<p>{kind}{flag}</p><div class='thumbs'>{thumbs}</div>")
    return "".join(parts)


def _skipped(skipped: Sequence[tuple[str, str]]) -> str:
    """The files that could not be read, with the reason ('' when there are none)."""
    if not skipped:
        return ""
    e = html.escape
    return (
        "<h2>Files that were skipped</h2><ul>"
        + "".join(f"<li><code>{e(path)}</code>: {e(reason)}</li>" for path, reason in skipped)
        + "</ul>"
    )


def _card(card: TaughtModelCard) -> str:
    """The model card's base model, licence, intended use, date and limits; the page's end."""
    e = html.escape
    rows = {
        "base_model": card.base_model,
        "base_licence": card.base_licence,
        "intended_use": card.intended_use,
        "created": card.created,
    }
    parts = ["<h2>Model card</h2><table>"]
    parts.extend(f"<tr><th>{e(key)}</th><td>{e(value)}</td></tr>" for key, value in rows.items() if key in card)
    parts.append("</table><ul>")
    parts.extend(f"<li>{e(limit)}</li>" for limit in card.limits)
    parts.append("</ul><p>Made with opensight.</p></body></html>")
    return "".join(parts)


def _leaf(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _maybe_pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _emphasis(text: str) -> str:
    pieces = text.split("*")
    return "".join(f"<em>{p}</em>" if i % 2 else p for i, p in enumerate(pieces))
