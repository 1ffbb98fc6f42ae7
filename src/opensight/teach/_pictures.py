"""Pictures as examples: the backbone's whole-picture view, embeddings and thumbnails cached in the store, the
backbone and head fused into the one ``.osm`` graph (raw RGB pixels in), and the save-time parity check."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from opensight._errors import DecodeError, InputError
from opensight._text import first_few
from opensight.bundle import Bundle, make_manifest
from opensight.inputs import IMAGE_EXTENSIONS, Item
from opensight.inputs._regular import open_regular
from opensight.models import ModelSpec, efficientnet, efficientnet_pair
from opensight.models.efficientnet_pair import LITE0_FEATURES, embedding_parts
from opensight.results import Shown
from opensight.store import Store
from opensight.tasks import DEFAULT_BATCH_SIZE, Embedder, Task
from opensight.teach._blend import NameBlend
from opensight.teach._card import TaughtModelCard
from opensight.teach._examples import Examples
from opensight.teach._fuse import fuse_head
from opensight.teach._kinds import Embedded, Progress
from opensight.teach._model import ParityReference
from opensight.teach._zero_shot import ZERO_SHOT_SCALE, input_spec
from opensight.teach.head import HeadSettings, LinearHeadLearner, normalise, softmax

#: Side of the thumbnails kept in the store (for reports and the save-time parity check).
THUMBNAIL_SIDE = 112
#: A picture narrower or lower than this many pixels shows next to nothing (a new user's 1×1 picture was taught
#: in silence); scikit-image's 25-pixel faces still teach well, so smaller ones are only pointed out.
TINY_SIDE = 10


#: The backbones a picture model can be taught on (``teach --backbone``), the default first: Lite0 and Lite2 side by
#: side (+0.9 to +1.2 points over Lite0 alone at 5 and 10 examples per class on the teach benchmark's five sets, 2.7
#: times its time, a 33 MB model), or Lite0 alone (a 14 MB model: a web page that loads faster, an older laptop).
BACKBONES: dict[str, tuple[ModelSpec, Callable[[ModelSpec], Path]]] = {
    "lite0+lite2": (efficientnet_pair.PAIR, efficientnet_pair.onnx_path),
    "lite0": (efficientnet.SPEC, efficientnet.onnx_path),
}
DEFAULT_BACKBONE = "lite0+lite2"


class Pictures:
    """The picture kind of examples (:class:`~opensight.teach._kinds.ExampleKind`), taught on one of
    :data:`BACKBONES`."""

    noun = "pictures"
    extensions = IMAGE_EXTENSIONS
    near_copies = True
    #: Weaker regularisation than the default is tried too: on the root features the best C often lies above 30
    #: (development sets: +0.2 to +0.6 points at 5 and 10 examples per class; bench/_teach_study.py).
    head = HeadSettings(cs=(1.0, 3.0, 10.0, 30.0, 100.0, 300.0))

    def __init__(self, backbone: str = DEFAULT_BACKBONE, *, trimmed: bool = True) -> None:
        self.backbone = backbone
        self.view = taught_view(backbone, trimmed=trimmed)

    def base_model(self) -> ModelSpec:
        return self.view

    def embed(self, paths: list[Path], store: Store, *, batch_size: int, progress: Progress | None) -> Embedded:
        return embed_examples(paths, store, batch_size=batch_size, progress=progress, view=self.view)

    def bundle(
        self, learner: LinearHeadLearner, card: TaughtModelCard, report_html: str, *, blend: NameBlend | None
    ) -> Bundle:
        """The backbone, the head (and the class names' share of the blend, if any) fused into one graph, with the
        card and the report."""
        spec = self.view
        names = None if blend is None or blend.weight == 0 else (blend.name_weights, ZERO_SHOT_SCALE, blend.weight)
        fit = learner.fit_
        backbone = BACKBONES[self.backbone][1](spec)
        parts = embedding_parts(spec.embedding_dim or LITE0_FEATURES)
        graph = fuse_head(
            backbone, fit.weights, fit.bias, fit.temperature, zero_shot=names, square_root=True, parts=parts
        )
        return Bundle(
            model_onnx=graph,
            labels=card.classes,
            card=card,
            manifest=make_manifest("classify", {}, input_spec(spec)),
            report_html=report_html,
        )

    def parity(
        self, learner: LinearHeadLearner, examples: Examples, chosen: list[int], *, blend: NameBlend | None
    ) -> ParityReference:
        """Evaluation pictures (from their thumbnails) and what the in-process backbone + head (+ the blended
        zero-shot model) say about them."""
        previews = [examples.thumbnails[i] for i in chosen]
        embedder = Embedder(self.view)
        size = embedder.spec.image_input.size
        pixels = np.stack(
            [
                np.asarray(Image.open(io.BytesIO(data)).convert("RGB").resize((size, size), Image.Resampling.BICUBIC))
                for data in previews
            ]
        )
        embeddings = embedder.forward(pixels)["embedding"]
        logits = learner.fit_.logits(root_features(embeddings)) / learner.fit_.temperature
        if blend is not None:
            logits = logits + blend.term(embeddings)
        return ParityReference(pixels=pixels, probabilities=softmax(logits), logits=logits)

    def head_features(self, features: np.ndarray) -> np.ndarray:
        return root_features(features)

    def advice(self, classes: tuple[str, ...]) -> list[str]:
        return []

    def limits(self) -> tuple[str, ...]:
        trimmed = (
            "Where a picture has plain edges around something that covers at most half of it, sees only that "
            "part: where or how big a thing lies on a plain ground is not seen (teach with --view whole if that is "
            "what tells your classes apart).",
        )
        return (
            "Sees the whole picture shrunk to 224 pixels on its long side: details that are small in a large "
            "photo may be lost; crop such pictures to the object first.",
            *(trimmed if self.view.image_input.fit == "content" else ()),
        )


@dataclass(frozen=True, eq=False)
class _Picture(Shown):
    vector: np.ndarray
    thumbnail: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"embedding": self.vector.tolist()}


def root_features(embeddings: np.ndarray) -> np.ndarray:
    """What the head reads of a picture's embedding (for the default backbone, Lite0's and Lite2's pooled features
    and their quadrant means: :mod:`~opensight.models.efficientnet_pair`): the square root of the features (a power
    transform), made unit length block by block (:func:`~opensight.models.efficientnet_pair.embedding_parts`), side
    by side. The pooled features are non-negative and heavy-tailed; the root evens them out, so a few large
    activations no longer decide the direction of the vector, and each block counts as much as the others. Chosen
    on two development sets that are not reported (other Openclipart categories, scikit-learn's digits): the root
    +1.3 to +1.9 points at 5 and 10 examples per class, the second network +3.2 more, the quadrants +1.6 more
    (bench/_teach_study.py, BENCHMARKS.md).

    >>> features = root_features(np.array([[4.0] * 1280 + [9.0] * 1280 + [1.0] * 10240]))
    >>> features.shape, [round(float(np.linalg.norm(features[0, a:b])), 6) for a, b in ((0, 1280), (2560, 7680))]
    ((1, 12800), [1.0, 1.0])
    """
    root = np.sqrt(np.maximum(embeddings, 0.0))
    ends = np.cumsum(embedding_parts(root.shape[1]))[:-1]
    return np.hstack([normalise(part) for part in np.split(root, ends, axis=1)])


def taught_view(backbone: str = DEFAULT_BACKBONE, *, trimmed: bool = True) -> ModelSpec:
    """The backbone as taught models use it (by default EfficientNet-Lite0 and Lite2 side by side,
    :mod:`~opensight.models.efficientnet_pair`), seeing the WHOLE picture, centred on its border colour, instead
    of the ImageNet centre crop, which cuts off the edges of an object that fills the frame or sits off-centre.
    Measured on four picture sets at 5-20 examples per class, the whole picture was 1-2 points more accurate
    (BENCHMARKS.md, bench/teach.py). Where the picture has plain edges and what it shows covers at most half of it,
    only that is seen (its plain edges trimmed: :func:`~opensight.inputs.content_picture`): an object small or
    off-centre on a plain ground then fills the square (``trimmed=False``: the whole picture always, for classes that
    differ by where or how big a thing lies on a plain ground).

    >>> taught_view().name, taught_view("lite0").image_input.fit
    ('efficientnet_lite0_lite2.embed', 'content')
    """
    if backbone not in BACKBONES:
        raise InputError(f"backbone must be one of {', '.join(BACKBONES)}, got {backbone!r}")
    return BACKBONES[backbone][0].seeing_whole(trimmed=trimmed)


class _EmbedderWithThumbnails(Task[_Picture]):
    """The taught models' embedder, also keeping a small JPEG of what the model saw."""

    result_type = _Picture

    task = "embed"

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.embedding_dim is not None

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        return {**super()._forward(batch), "pixels": batch}

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> _Picture:
        image = Image.fromarray(outputs["pixels"][index]).resize(
            (THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.BILINEAR
        )
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        return _Picture(vector=np.array(outputs["embedding"][index], dtype=np.float32), thumbnail=buffer.getvalue())


def embed_examples(
    paths: list[Path],
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    view: ModelSpec | None = None,
) -> Embedded:
    """Embeddings (by the backbone ``view``, :func:`taught_view` by default) and thumbnails for every readable
    picture; only pictures whose content the store has not seen are run through the model. Unreadable files are
    returned in ``skipped`` with the reason."""
    embedder = _EmbedderWithThumbnails(view or taught_view(), batch_size=batch_size)
    spec = embedder.spec
    model = f"{spec.name}:{spec.image_input.fit}:{spec.embedding_dim}"  # the store keeps each view's embeddings apart
    digests, skipped = hash_files(paths, store)
    unique = sorted(set(digests.values()))
    vectors = store.embeddings(model, unique)
    thumbnails = store.thumbnails(unique)
    first_path = {digest: path for path, digest in reversed(list(digests.items()))}
    todo = [digest for digest in unique if digest not in vectors or digest not in thumbnails]
    items = [Item(name=digest, path=first_path[digest]) for digest in todo]
    new_vectors, new_thumbnails, failed = _embed_new(embedder, items, progress)
    if new_vectors:
        store.put_embeddings(model, new_vectors)
        store.put_thumbnails(new_thumbnails)
    vectors.update(new_vectors)
    thumbnails.update(new_thumbnails)
    prints = _thumbnail_prints(store, thumbnails)
    for path, digest in list(digests.items()):
        if digest in failed:
            skipped.append((str(path), failed[digest]))
            del digests[path]
    return Embedded(
        vectors,
        thumbnails,
        digests,
        sorted(skipped),
        computed=len(new_vectors),
        prints=prints,
        notes=tiny_pictures(list(digests)),
    )


def tiny_pictures(paths: list[Path]) -> tuple[str, ...]:
    """A sentence naming the pictures under :data:`TINY_SIDE` pixels on a side, if any (their sizes read from the
    files' headers only); they are taught as they are.

    >>> tiny_pictures([])
    ()
    """
    tiny = []
    for path in paths:
        try:
            with open_regular(path) as handle, Image.open(handle) as picture:  # the header only: nothing is decoded
                width, height = picture.size
        except (OSError, DecodeError, Image.DecompressionBombError):
            continue  # the embedder says what is wrong with it
        if min(width, height) < TINY_SIDE:
            tiny.append(f"{path} ({width}×{height})")
    if not tiny:
        return ()
    return (
        f"{len(tiny)} picture(s) are under {TINY_SIDE} pixels on a side and show next to nothing: {first_few(tiny)}; "
        "they were taught as they are: remove them if they are not what you meant",
    )


def _thumbnail_prints(store: Store, thumbnails: dict[str, bytes]) -> dict[str, np.ndarray]:
    """Each thumbnail's copy print (as ``opensight duplicates`` makes it: the report's near-copy check compares
    them), from the store where it has them: making one takes milliseconds, most of it trimming plain edges, and
    re-teaching after a change would make them all again."""
    from opensight._copy_prints import PRINT_KEY, print_of

    key = f"{PRINT_KEY}:thumbnail-{THUMBNAIL_SIDE}"
    prints = store.embeddings(key, list(thumbnails))
    new = {
        digest: print_of(Image.open(io.BytesIO(data)).convert("RGB"))
        for digest, data in thumbnails.items()
        if digest not in prints
    }
    if new:
        store.put_embeddings(key, new)
    return {**prints, **new}


def hash_files(paths: list[Path], store: Store) -> tuple[dict[Path, str], list[tuple[str, str]]]:
    """Each readable file's sha256, and (path, reason) for the others."""
    skipped: list[tuple[str, str]] = []
    digests: dict[Path, str] = {}
    for path, digest in store.file_hashes(paths).items():
        if isinstance(digest, DecodeError):  # missing, unreadable, or not a regular file (a pipe, a device)
            skipped.append((str(path), str(digest)))
        else:
            digests[path] = digest
    return digests, skipped


def _embed_new(
    embedder: _EmbedderWithThumbnails, items: list[Item], progress: Progress | None
) -> tuple[dict[str, np.ndarray], dict[str, bytes], dict[str, str]]:
    """Run the pictures through the model: vectors and thumbnails by sha256, and why each failed one failed."""
    vectors: dict[str, np.ndarray] = {}
    thumbnails: dict[str, bytes] = {}
    failed: dict[str, str] = {}
    for done, outcome in enumerate(embedder.stream(items), start=1):
        if outcome.result is None:
            failed[outcome.name] = str(outcome.error)
        else:
            vectors[outcome.name] = outcome.result.vector
            thumbnails[outcome.name] = outcome.result.thumbnail
        if progress is not None:
            progress(done, len(items))
    return vectors, thumbnails, failed
