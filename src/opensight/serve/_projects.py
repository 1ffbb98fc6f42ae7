"""Studio projects on disk: plain folders a user can open and understand, written atomically.

``<data dir>/studio/<project>/project.json`` (name, created; ``kind``: what the project learns from, ``pictures``,
``sounds``, ``poses`` (the body pose of one person per picture) or ``hands`` (one hand's gesture per picture) — a
project from before projects had a kind learns pictures; ``classes``: the classes in the order
the person chose, which is the order they were made in unless they moved them; ``originals``: each stored example's
file name as it was uploaded), ``examples/<class>/<sha256[:16]>.<ext>`` (the pictures or recordings:
content-addressed, so adding the same file twice keeps one copy and two browser tabs cannot clash),
and after training ``model.osm``, ``report.html`` and ``evaluation.json``. The example folder is exactly what
``opensight teach`` reads, so a project can also be taught from the command line.

>>> projects = Projects(Path(tempfile.mkdtemp()))
>>> bakery = projects.create("My bakery")
>>> bakery.id, projects.add_class(bakery.id, "croissant"), projects.add_class(bakery.id, "bread")
('my-bakery', 'croissant', 'bread')
>>> projects.classes(bakery.id)
{'croissant': [], 'bread': []}

A project written before the order and the original names were kept lists its classes alphabetically and shows
each picture under its stored name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile  # noqa: F401  (used by the doctest)
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from opensight._errors import ConflictError, InputError, NotFoundError
from opensight._files import atomic_target
from opensight.inputs import IMAGE_EXTENSIONS, image_kind
from opensight.inputs._audio import AUDIO_EXTENSIONS

_EXTENSIONS = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "GIF": ".gif",
    "BMP": ".bmp",
    "TIFF": ".tif",
    "WebP": ".webp",
    "AVIF": ".avif",
}
_MAX_NAME = 60
#: What a project can learn from (the first is the default, and the kind of projects from before kinds); the
#: same names as :func:`opensight.teach`'s ``kind``.
KINDS = ("pictures", "sounds", "poses", "hands")
#: The example files each kind of project lists: pose and gesture examples are pictures too.
#: What each kind of project learns, and what its examples are called, in sentences.
LEARNS = {"pictures": "pictures", "sounds": "sounds", "poses": "body poses", "hands": "hand gestures"}
EXAMPLES = {"pictures": "pictures", "sounds": "recordings", "poses": "pictures", "hands": "pictures"}
_KIND_EXTENSIONS = {
    "pictures": IMAGE_EXTENSIONS,
    "sounds": AUDIO_EXTENSIONS,
    "poses": IMAGE_EXTENSIONS,
    "hands": IMAGE_EXTENSIONS,
}
#: The longest original file name kept for a picture (longer ones are cut, keeping the extension's end).
_MAX_ORIGINAL = 120


@dataclass(frozen=True)
class Project:
    """A project's identity and where it lives; ``note`` says what is wrong when ``project.json`` is damaged
    (the project is then named after its folder)."""

    id: str
    name: str
    created: str
    folder: Path
    note: str | None = None
    kind: str = KINDS[0]

    @property
    def examples(self) -> Path:
        """The class-per-folder tree of pictures (what ``opensight teach`` reads)."""
        return self.folder / "examples"

    @property
    def model_file(self) -> Path:
        return self.folder / "model.osm"

    @property
    def report_file(self) -> Path:
        return self.folder / "report.html"

    @property
    def evaluation_file(self) -> Path:
        return self.folder / "evaluation.json"


def slug(name: str) -> str:
    """A URL- and folder-safe id for a project name.

    >>> slug("Grandma's Café #2")
    'grandmas-cafe-2'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")
    return cleaned[:40].strip("-") or "project"


def check_name(name: object, what: str) -> str:
    """A project or class name, stripped, or an :class:`InputError` saying what is wrong with it."""
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"the {what} name is empty; type a name such as 'croissant'")
    cleaned = " ".join(name.split())
    if len(cleaned) > _MAX_NAME:
        raise InputError(f"the {what} name is {len(cleaned)} characters long; keep it to {_MAX_NAME} or fewer")
    if cleaned.startswith(".") or any(ch in cleaned for ch in "/\\") or _has_control(cleaned):
        raise InputError(
            f"the {what} name {cleaned!r} cannot start with '.' or contain '/', '\\' or control characters"
        )
    return cleaned


def _has_control(name: str) -> bool:
    """Whether ``name`` holds a control character (a joiner in an emoji is not one).

    >>> _has_control("a\\x00b"), _has_control("Family \\U0001f468\\u200d\\U0001f467")
    (True, False)
    """
    return any(unicodedata.category(character) == "Cc" for character in name)


def check_kind(kind: object) -> str:
    """What a project learns from: one of :data:`KINDS`, else an :class:`InputError`.

    >>> check_kind("hands")
    'hands'
    """
    if kind not in KINDS:
        known = ", ".join(f"'{name}'" for name in KINDS[:-1])
        raise InputError(f"a project learns {known} or '{KINDS[-1]}', not {kind!r}")
    return str(kind)


class Projects:
    """All Studio projects under ``root`` (normally ``<data dir>/studio``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.RLock()  # one writer at a time within this server process

    # -- projects ---------------------------------------------------------------------------------
    def all(self) -> list[Project]:
        """Every project, newest first."""
        if not self.root.is_dir():
            return []
        found = [self._read(folder) for folder in self.root.iterdir() if (folder / "project.json").is_file()]
        return sorted(found, key=lambda project: project.created, reverse=True)

    def create(self, name: object, kind: object = KINDS[0]) -> Project:
        """A new, empty project that learns ``kind`` (one of :data:`KINDS`); its id comes from the name (made
        unique)."""
        cleaned = check_name(name, "project")
        kind = check_kind(kind)
        with self._lock:
            base = slug(cleaned)
            candidate, number = base, 2
            while (self.root / candidate).exists():
                candidate, number = f"{base}-{number}", number + 1
            folder = self.root / candidate
            (folder / "examples").mkdir(parents=True)
            created = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
            write_json(folder / "project.json", {"id": candidate, "name": cleaned, "created": created, "kind": kind})
            return Project(id=candidate, name=cleaned, created=created, folder=folder, kind=kind)

    def get(self, project_id: str) -> Project:
        """The project, or :class:`NotFoundError`."""
        if slug(project_id) != project_id or not (self.root / project_id / "project.json").is_file():
            raise NotFoundError(f"there is no project {project_id!r}; the projects are: {self._known()}")
        return self._read(self.root / project_id)

    def delete(self, project_id: str) -> None:
        """Remove a project and everything in it."""
        project = self.get(project_id)
        with self._lock:
            shutil.rmtree(project.folder)

    # -- classes ---------------------------------------------------------------------------------
    def classes(self, project_id: str) -> dict[str, list[str]]:
        """Class name → its example file names (sorted), in the project's order of classes (``project.json``'s
        ``classes``; classes it does not list, as in a project from before the order was kept, follow
        alphabetically)."""
        project = self.get(project_id)
        examples = project.examples
        extensions = _KIND_EXTENSIONS[project.kind]
        found: dict[str, list[str]] = {}
        for folder in sorted(examples.iterdir(), key=lambda p: p.name) if examples.is_dir() else []:
            if folder.is_dir() and not folder.name.startswith("."):
                found[folder.name] = sorted(
                    p.name for p in folder.iterdir() if p.suffix.lower() in extensions and p.is_file()
                )
        order = [name for name in _strings(self._settings(project).get("classes")) if name in found]
        return {name: found[name] for name in dict.fromkeys([*order, *found])}

    def originals(self, project_id: str) -> dict[str, str]:
        """Stored picture file name (and ``class/file``) → the name it was uploaded with (pictures from before are
        not listed): see :func:`original_name`."""
        saved = self._settings(self.get(project_id)).get("originals")
        if not isinstance(saved, dict):
            return {}
        return {str(key): value for key, value in saved.items() if isinstance(value, str)}

    def add_class(self, project_id: str, name: object) -> str:
        """A new empty class, last in the order; :class:`ConflictError` when it exists."""
        cleaned = check_name(name, "class")
        folder = self.get(project_id).examples / cleaned
        with self._lock:
            if folder.exists():
                raise ConflictError(f"the class {cleaned!r} already exists in this project")
            self._refuse_case_twin(project_id, cleaned)
            order = list(self.classes(project_id))
            folder.mkdir(parents=True)
            self._update(project_id, lambda settings: settings.update(classes=[*order, cleaned]))
        return cleaned

    def rename_class(self, project_id: str, name: str, to: object) -> str:
        """Give a class a new name in its place in the order; returns the new name (checked like a new class's;
        :class:`ConflictError` when another class has it)."""
        cleaned = check_name(to, "class")
        folder = self.class_folder(project_id, name)
        with self._lock:
            if cleaned == name:
                return cleaned
            target = folder.with_name(cleaned)
            if target.exists() and not target.samefile(folder):  # a case-only rename on a case-blind disk is fine
                raise ConflictError(f"the class {cleaned!r} already exists in this project")
            self._refuse_case_twin(project_id, cleaned, besides=name)
            order = [cleaned if entry == name else entry for entry in self.classes(project_id)]
            folder.rename(target)
            known = self.originals(project_id)  # the names uploaded into the class go with it
            moved = {
                f"{cleaned}/{key[len(name) + 1 :]}" if key.startswith(f"{name}/") else key: v
                for key, v in known.items()
            }
            self._update(project_id, lambda settings: settings.update(classes=order, originals=moved))
        return cleaned

    def _refuse_case_twin(self, project_id: str, name: str, besides: str | None = None) -> None:
        """A :class:`ConflictError` where another class's name differs from ``name`` in capitals only: two folders
        here, one on macOS and Windows (a new user had "circle" and "Circle")."""
        for other in self.classes(project_id):
            if other != besides and other != name and other.casefold() == name.casefold():
                raise ConflictError(
                    f"the class {other!r} already exists in this project; names that differ only in capitals would "
                    "be one folder on macOS and Windows: choose another name"
                )

    def reorder_classes(self, project_id: str, order: object) -> list[str]:
        """Put the classes in ``order`` (every class once); returns the new order."""
        with self._lock:
            known = list(self.classes(project_id))
            given = _strings(order) if isinstance(order, list) else []
            if sorted(given) != sorted(known) or len(set(given)) != len(given):
                problems = [f"the new order must list every class once ({', '.join(known)})"]
                missing = [name for name in known if name not in given]
                unknown = [name for name in dict.fromkeys(given) if name not in known]
                if missing:
                    problems.append(f"missing: {', '.join(missing)}")
                if unknown:
                    problems.append(f"not classes of this project: {', '.join(unknown)}")
                raise InputError("; ".join([*problems, "reload the page and try again"]))
            if not self._update(project_id, lambda settings: settings.update(classes=given)):
                raise ConflictError(
                    "this project's settings could not be read (project.json), so the order cannot be saved; "
                    "restore project.json, or delete the project"
                )
        return given

    def delete_class(self, project_id: str, name: str) -> None:
        """Remove a class and its pictures."""
        folder = self.class_folder(project_id, name)
        with self._lock:
            shutil.rmtree(folder)
            self._forget_missing(project_id)

    # -- pictures ---------------------------------------------------------------------------------
    def add_example(self, project_id: str, class_name: str, data: bytes, original: str | None = None) -> str:
        """Store a picture (already checked to be one) in a class; returns its file name. The same picture
        added twice is kept once, under the ``original`` file name it was first uploaded with."""
        return self.store_example(project_id, class_name, data, original)[0]

    def store_example(
        self, project_id: str, class_name: str, data: bytes, original: str | None = None, *, suffix: str | None = None
    ) -> tuple[str, bool]:
        """:meth:`add_example`, and whether the picture is new (``False``: the class already held the very same
        bytes, so nothing changed). A recording (already checked to be one) comes with the ``suffix`` its content
        calls for (``.wav``, ``.ogg``…)."""
        folder = self.class_folder(project_id, class_name)
        if suffix is None:
            data, suffix = _picture_file(data)
        if suffix.lower() not in _KIND_EXTENSIONS[self.get(project_id).kind]:
            raise InputError(f"a {suffix} file cannot be kept in this project")
        name = hashlib.sha256(data).hexdigest()[:16] + suffix
        target = folder / name
        with self._lock:
            new = not target.exists()
            if new:
                with atomic_target(target) as temporary:
                    temporary.write_bytes(data)
            kept = _original_name(original)
            if kept:
                # by content (the first upload's name), and by class: the same bytes uploaded into another class
                # under another name keep that name there (a trial: both were named after the first)
                self._change_originals(project_id, lambda known: {name: kept, f"{class_name}/{name}": kept, **known})
        return name, new

    def example_path(self, project_id: str, class_name: str, file_name: str) -> Path:
        """Where a picture is, or :class:`NotFoundError` (names with path separators never match)."""
        folder = self.class_folder(project_id, class_name)
        if "/" in file_name or "\\" in file_name or file_name.startswith("."):
            raise NotFoundError(f"there is no picture {file_name!r}")
        path = folder / file_name
        if not path.is_file():
            raise NotFoundError(f"there is no picture {file_name!r} in the class {class_name!r}")
        return path

    def move_example(self, project_id: str, class_name: str, file_name: str, to: str) -> bool:
        """Move a picture to another (existing) class: the fix for a label mistake. True when that class already
        had the very same picture (a file is named by its content): it is kept there once."""
        with self._lock:
            source = self._still_there(project_id, class_name, file_name)
            target = self.class_folder(project_id, to) / file_name
            already = target.is_file()
            source.replace(target)
            named = self.originals(project_id).get(f"{class_name}/{file_name}")
            if named and not already:  # it keeps the name it had in the class it left
                self._change_originals(project_id, lambda known: {**known, f"{to}/{file_name}": named})
            return already

    def delete_example(self, project_id: str, class_name: str, file_name: str) -> None:
        """Remove one picture."""
        with self._lock:
            self._still_there(project_id, class_name, file_name).unlink(missing_ok=True)
            self._forget_missing(project_id)

    def _still_there(self, project_id: str, class_name: str, file_name: str) -> Path:
        """The picture, or :class:`NotFoundError` saying it has left the class (a second click, another tab)."""
        try:
            return self.example_path(project_id, class_name, file_name)
        except NotFoundError:
            self.class_folder(project_id, class_name)  # a class that is gone says so
            raise NotFoundError(f"this picture is no longer in {class_name!r}; it was moved or deleted") from None

    def fingerprint(self, project_id: str) -> str:
        """A hash of which picture is in which class: it changes whenever the training data does."""
        listing = json.dumps(self.classes(project_id), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(listing.encode()).hexdigest()[:16]

    # -- helpers ----------------------------------------------------------------------------------
    def class_folder(self, project_id: str, name: str) -> Path:
        """The folder of an existing class, or :class:`NotFoundError` listing the classes."""
        examples = self.get(project_id).examples
        folder = examples / name
        if name.startswith(".") or "/" in name or "\\" in name or not folder.is_dir():
            known = ", ".join(sorted(self.classes(project_id))) or "none yet"
            raise NotFoundError(f"there is no class {name!r} in this project (classes: {known})")
        return folder

    def _settings(self, project: Project) -> dict[str, Any]:
        """``project.json``'s object ({} when it is damaged: the project's note says so)."""
        if project.note is not None:
            return {}
        try:
            info: object = json.loads((project.folder / "project.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return info if isinstance(info, dict) else {}

    def _update(self, project_id: str, change: Callable[[dict[str, Any]], object]) -> bool:
        """Change ``project.json`` with ``change`` (under the lock); False, and nothing written, when the file is
        damaged: it is never replaced by one that would lose the project's name and date."""
        with self._lock:
            project = self.get(project_id)
            settings = self._settings(project)
            if not settings:
                return False
            change(settings)
            write_json(project.folder / "project.json", settings)
            return True

    def _forget_missing(self, project_id: str) -> None:
        """Drop the original names of pictures no class holds any more."""
        classes = self.classes(project_id)
        held = {key for name, files in classes.items() for file in files for key in (file, f"{name}/{file}")}
        self._change_originals(project_id, lambda known: {key: v for key, v in known.items() if key in held})

    def _change_originals(self, project_id: str, change: Callable[[dict[str, str]], dict[str, str]]) -> None:
        """The uploaded names (:meth:`originals`) made ``change(names)``, saved only where that changed them."""
        with self._lock:
            known = self.originals(project_id)
            changed = change(known)
            if changed != known:
                self._update(project_id, lambda settings: settings.update(originals=changed))

    def _read(self, folder: Path) -> Project:
        """The project in ``folder``; a damaged ``project.json`` gives the project a note, not an error."""
        problem = None
        try:
            info: object = json.loads((folder / "project.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            info, problem = {}, str(error)
        if not isinstance(info, dict):
            info, problem = {}, "it does not hold a project's name and date"
        note = None
        if problem is not None:
            note = (
                f"this project's settings could not be read (project.json: {problem}); its pictures are safe: "
                "restore project.json, or delete the project"
            )
        kind = info.get("kind")
        return Project(
            id=folder.name,
            name=str(info.get("name", folder.name)),
            created=str(info.get("created", "")),
            folder=folder,
            note=note,
            kind=kind if isinstance(kind, str) and kind in KINDS else KINDS[0],
        )

    def _known(self) -> str:
        return ", ".join(project.id for project in self.all()) or "none yet"


def _strings(value: object) -> list[str]:
    """The strings of a JSON list (anything else: none)."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def original_name(originals: dict[str, str], class_name: str, file: str) -> str:
    """The name a stored example was uploaded with into ``class_name`` (:meth:`Projects.originals`): its own name in
    that class, else the first name its content came with, else its stored name.

    >>> original_name({"f.png": "a.png", "snow/f.png": "b.png"}, "snow", "f.png"), original_name({}, "x", "f.png")
    ('b.png', 'f.png')
    """
    return originals.get(f"{class_name}/{file}") or originals.get(file) or file


def _original_name(name: str | None) -> str | None:
    r"""An uploaded file's own name, without any folder a browser sent with it, without control characters, cut
    to a readable length; None when nothing is left.

    >>> _original_name("C:\\fakepath\\IMG_0042.JPG"), _original_name("a/b\x00c.png"), _original_name("  ")
    ('IMG_0042.JPG', 'bc.png', None)
    """
    leaf = re.split(r"[/\\]", name or "")[-1]
    cleaned = "".join(ch for ch in leaf if unicodedata.category(ch)[0] != "C").strip()
    if len(cleaned) > _MAX_ORIGINAL:
        cleaned = cleaned[: _MAX_ORIGINAL - 11] + "…" + cleaned[-10:]
    return cleaned or None


def write_json(path: Path, data: Any) -> None:
    with atomic_target(path) as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _picture_file(data: bytes) -> tuple[bytes, str]:
    """A picture's bytes as kept (HEIC becomes JPEG: browsers cannot show it) and its suffix."""
    kind = image_kind(data[:16])
    if kind == "HEIC":  # browsers cannot show HEIC: keep an upright JPEG copy instead
        data, kind = _as_jpeg(data), "JPEG"
    if kind not in _EXTENSIONS:
        raise InputError("store pictures as JPEG, PNG, WebP, GIF, BMP, TIFF, HEIC or AVIF")
    return data, _EXTENSIONS[kind]


def _as_jpeg(data: bytes) -> bytes:
    """A HEIC photo as an upright JPEG (quality 95), so the Studio's page can show it."""
    import io

    from opensight.inputs import load_image

    buffer = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        Image.fromarray(load_image(image).pixels).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()
