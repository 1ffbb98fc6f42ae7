"""The ``.osm`` portable model file (**contract**): a zip of ``manifest.json``, ``model.onnx`` (ONE graph from
raw RGB uint8 pixels to probabilities), ``labels.json``, ``card.json`` and optionally ``report.html``.

Reading never unpickles, never extracts to disk, caps every member's size (zip bombs), refuses unknown or
path-like member names (zip-slip, pickles), checks every sha256 and the format version — and, since checksums
prove nothing against someone who recomputes them, treats every member as hostile data: the JSON members are
checked against a schema with ranges (:mod:`opensight._osm_schema`), and the graph is refused unless it uses only
standard ONNX ops of bounded cost, no external data anywhere (subgraphs included), uint8 pixels of the declared
size, tensors of known and bounded size, and runs once on a blank picture under a memory cap and a time limit
(:mod:`opensight._osm_graph`). Any problem is a :class:`~opensight.ModelFileError` naming the member. The
report is read as a page that can run nothing and load nothing (:func:`contained_report`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opensight._errors import DecodeError, ModelFileError
from opensight._files import Outputs, write_failure
from opensight._osm_graph import check_graph
from opensight._osm_schema import check_card, check_labels, check_manifest_fields, checked_input
from opensight._version import __version__
from opensight.inputs._regular import open_regular
from opensight.models import AudioInput, LandmarkInput

FORMAT = "opensight-model"
FORMAT_VERSION = 1
#: The members a bundle may hold, with the most bytes each may expand to.
MEMBER_LIMITS = {
    "manifest.json": 1 << 20,
    "model.onnx": 1 << 30,
    "labels.json": 16 << 20,
    "card.json": 16 << 20,
    "report.html": 256 << 20,
}
REQUIRED = ("manifest.json", "model.onnx", "labels.json", "card.json")
#: Put at the top of a report read from a model file: a browser runs no script of it and loads nothing from
#: anywhere (its pictures and sounds are data: URLs), whatever else it holds — a report that someone else wrote
#: with a script that sent the reader's cookies away was written out as it was by ``opensight report``.
REPORT_POLICY = (
    "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; media-src data:; "
    "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
)
_DOCTYPE = re.compile(r"\s*<!doctype html>", re.IGNORECASE)
_HTTP_EQUIV = re.compile(r"(?<![\w-])http-equiv", re.IGNORECASE)  # not data-http-equiv: contained once


@dataclass(frozen=True, eq=False)
class Bundle:
    """The contents of a ``.osm`` file, in memory."""

    model_onnx: bytes
    labels: tuple[str, ...]
    card: Mapping[str, Any]  # card.json's object (a dict when read; opensight.teach's TaughtModelCard is one too)
    manifest: dict[str, Any]
    report_html: str | None = None


def make_manifest(task: str, members: dict[str, bytes], input_spec: dict[str, Any]) -> dict[str, Any]:
    """The manifest for ``members``: format, versions, creation time, task, input and every member's sha256."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "opensight_version": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "task": task,
        "input": input_spec,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(members.items())},
    }


def write_bundle(path: Path, bundle: Bundle, *, overwrite: bool = True) -> None:
    """Write ``bundle`` to ``path`` atomically (temp file + rename); the manifest's checksums are recomputed. With
    ``overwrite=False`` a file that exists at ``path`` by then is not replaced (:class:`InputError`); a disk that
    refuses is an :class:`OutputError`."""
    members: dict[str, bytes] = {
        "model.onnx": bundle.model_onnx,
        "labels.json": _json(list(bundle.labels)),
        "card.json": _json(dict(bundle.card)),
    }
    if bundle.report_html is not None:
        members["report.html"] = bundle.report_html.encode("utf-8")
    manifest = make_manifest(bundle.manifest.get("task", "classify"), members, bundle.manifest.get("input", {}))
    path = Path(path)
    try:
        with (
            Outputs(overwrite=overwrite).atomic(path) as temporary,
            zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        ):
            archive.writestr("manifest.json", _json(manifest))
            for name, data in members.items():
                # Float weights barely compress (18.7 → 12.6 MB) and deflating them took most of save()'s time.
                method = zipfile.ZIP_STORED if name == "model.onnx" else zipfile.ZIP_DEFLATED
                archive.writestr(name, data, compress_type=method)
    except OSError as error:  # a failure of the zip writer outside the rename
        raise write_failure(error, path, kept="nothing was changed") from None


def read_bundle(path: str | os.PathLike[str]) -> Bundle:
    """Read and verify a ``.osm`` file; :class:`ModelFileError` says what is wrong with it.

    >>> read_bundle("missing.osm")
    Traceback (most recent call last):
    ...
    opensight._errors.ModelFileError: missing.osm: no such file; check the path (is it relative to the folder you \
are in?)
    """
    path = Path(path)
    try:  # a pipe, a device, a folder: said what it is, never waited on (fstat checks what was opened)
        handle = open_regular(path)
    except DecodeError as error:
        raise ModelFileError(f"{path}: {error}") from None
    with handle:
        if not zipfile.is_zipfile(handle):
            raise ModelFileError(f"{path}: not an opensight model file (.osm files are zip archives)")
        try:
            with zipfile.ZipFile(handle) as archive:
                members = _read_members(path, archive)
        except zipfile.BadZipFile as error:
            raise ModelFileError(f"{path}: the archive is damaged ({error})") from None
    manifest = _parse_json(path, "manifest.json", members["manifest.json"])
    _check_manifest(path, manifest, members)
    check_manifest_fields(path, manifest)
    spec = checked_input(path, manifest)
    labels = check_labels(path, _parse_json(path, "labels.json", members["labels.json"]))
    card = _parse_json(path, "card.json", members["card.json"])
    check_card(path, card, labels)
    if isinstance(spec, AudioInput):
        window = round((spec.window_seconds or 1.0) * spec.sample_rate)
        check_graph(path, members["model.onnx"], labels=len(labels), audio_samples=window)
    elif isinstance(spec, LandmarkInput):
        check_graph(path, members["model.onnx"], labels=len(labels), features=spec.features)
    else:
        check_graph(path, members["model.onnx"], size=spec.size, labels=len(labels))
    report = members.get("report.html")
    return Bundle(
        model_onnx=members["model.onnx"],
        labels=labels,
        card=card,
        manifest=manifest,
        report_html=None if report is None else contained_report(report.decode("utf-8", errors="replace")),
    )


def contained_report(html: str) -> str:
    """``html`` with :data:`REPORT_POLICY` first (after its doctype), and every other ``http-equiv`` disarmed (a
    page's own refresh to another site, or a looser policy, does nothing). Contained twice is contained once: the
    reports opensight writes are contained as written, so one read from a model file is the same page (``opensight
    report`` found the one ``teach --report`` wrote changed, and refused to replace it).

    >>> page = contained_report("<!doctype html><p>hi</p><meta http-equiv=refresh content='0;url=//x'>")
    >>> page.startswith("<!doctype html>" + REPORT_POLICY), "<meta data-http-equiv=refresh" in page
    (True, True)
    >>> contained_report(page) == page
    True
    """
    found = _DOCTYPE.match(html)
    start = found.end() if found else 0
    rest = html[start + len(REPORT_POLICY) :] if html.startswith(REPORT_POLICY, start) else html[start:]
    return html[:start] + REPORT_POLICY + _HTTP_EQUIV.sub("data-http-equiv", rest)


def input_kind(path: str | os.PathLike[str]) -> str:
    """What a ``.osm`` file's model takes, from its manifest alone: ``"audio"`` or ``"image"`` (also for a file
    that cannot be read: loading it says what is wrong). For choosing which files a folder walk picks up.

    >>> input_kind("missing.osm")
    'image'
    """
    try:
        with open_regular(Path(path)) as handle, zipfile.ZipFile(handle) as archive:
            info = archive.getinfo("manifest.json")
            if info.file_size > MEMBER_LIMITS["manifest.json"]:
                return "image"
            manifest = json.loads(archive.read(info))
        kind = manifest.get("input", {}).get("kind") if isinstance(manifest, dict) else None
    except (OSError, DecodeError, KeyError, ValueError, zipfile.BadZipFile, AttributeError):
        return "image"
    return "audio" if kind == "audio" else "image"


def _read_members(path: Path, archive: zipfile.ZipFile) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    for info in archive.infolist():
        name = info.filename
        if name not in MEMBER_LIMITS:
            why = (
                "a path, refused (zip-slip)"
                if ("/" in name or "\\" in name or ".." in name)
                else "not part of the format"
            )
            raise ModelFileError(f"{path}: unexpected member {name!r} ({why}); this file was not made by opensight")
        if name in members:
            raise ModelFileError(f"{path}: member {name!r} appears twice")
        limit = MEMBER_LIMITS[name]
        if info.file_size > limit:
            raise ModelFileError(
                f"{path}: member {name!r} would expand to {info.file_size / 1e9:.1f} GB, over the "
                f"{limit / 1e9:.2f} GB limit (a zip bomb?); refused"
            )
        with archive.open(info) as stream:  # sizes in headers can lie: count what really comes out
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise ModelFileError(f"{path}: member {name!r} expands beyond {limit / 1e9:.2f} GB (a zip bomb?); refused")
        members[name] = data
    missing = [name for name in REQUIRED if name not in members]
    if missing:
        raise ModelFileError(f"{path}: missing {', '.join(missing)}; the file is incomplete")
    return members


def _check_manifest(path: Path, manifest: Any, members: dict[str, bytes]) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ModelFileError(f"{path}: manifest.json does not describe an opensight model")
    version = manifest.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ModelFileError(
            f"{path}: manifest.json: format_version must be a whole number, got {version!r}; refused (teach the "
            "model again, or get an unaltered copy of the file)"
        )
    if version > FORMAT_VERSION or version < 1:
        raise ModelFileError(
            f"{path}: format version {version!r} is not supported (this opensight reads version {FORMAT_VERSION}); "
            "upgrade opensight (`pip install -U opensight`) or re-teach the model"
        )
    listed = manifest.get("members")
    if not isinstance(listed, dict):
        raise ModelFileError(f"{path}: manifest.json lists no member checksums")
    for name, data in members.items():
        if name == "manifest.json":
            continue
        expected = listed.get(name)
        if expected is None:
            raise ModelFileError(f"{path}: member {name!r} is not listed in the manifest; refused")
        if hashlib.sha256(data).hexdigest() != expected:
            raise ModelFileError(f"{path}: member {name!r} fails its sha256 check (damaged or tampered with)")


def _parse_json(path: Path, name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"{path}: {name} is not valid JSON ({error})") from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, arrays nested 100,000 deep
        raise ModelFileError(f"{path}: {name} cannot be read ({str(error)[:100]}); refused") from None


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8")
