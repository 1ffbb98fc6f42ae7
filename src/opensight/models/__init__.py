"""The model registry. Importing this package registers every model family opensight knows.

>>> from opensight.models import list_models
>>> "efficientnet_lite0.imagenet" in [spec.name for spec in list_models()]
True
"""

# Each import registers its specs; a task's default model is the first registered for it (CenterFace for faces).
from opensight.models import centerface as _centerface  # noqa: F401
from opensight.models import dlib_faces as _dlib_faces  # noqa: F401
from opensight.models import efficientnet as _efficientnet  # noqa: F401
from opensight.models import efficientnet_pair as _efficientnet_pair  # noqa: F401
from opensight.models import mediapipe_hands as _mediapipe_hands  # noqa: F401
from opensight.models import mediapipe_segment as _mediapipe_segment  # noqa: F401
from opensight.models import minilm as _minilm  # noqa: F401
from opensight.models import movenet as _movenet  # noqa: F401
from opensight.models import ocr as _ocr  # noqa: F401
from opensight.models import sound_encoder as _sound_encoder  # noqa: F401
from opensight.models import ssd_mobilenet as _ssd_mobilenet  # noqa: F401
from opensight.models import whisper as _whisper  # noqa: F401
from opensight.models._registry import (
    AudioInput,
    ImageInput,
    InputSpec,
    LandmarkInput,
    ModelCard,
    ModelSpec,
    PackageFile,
    Runner,
    TextInput,
    default_model,
    get_model,
    list_models,
    load_runner,
    register,
)

__all__ = [
    "AudioInput",
    "ImageInput",
    "InputSpec",
    "LandmarkInput",
    "ModelCard",
    "ModelSpec",
    "PackageFile",
    "Runner",
    "TextInput",
    "default_model",
    "get_model",
    "list_models",
    "load_runner",
    "register",
]
