"""The peer for detection: cv2.imread + cv2.dnn called directly in a loop (batch 1), as tutorials do it.
Prints one JSON line per image: {"path", "labels"}."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2

MODELS = Path(sys.argv[2])


def main(folder: str) -> None:
    cv2.setNumThreads(2)
    net = cv2.dnn.readNetFromTensorflow(
        str(MODELS / "frozen_inference_graph.pb"), str(MODELS / "ssd_mobilenet_v2_coco_2018_03_29.pbtxt")
    )
    for path in sorted(Path(folder).glob("*.jpg")):
        image = cv2.imread(str(path))
        net.setInput(cv2.dnn.blobFromImage(image, size=(300, 300), swapRB=True))
        rows = net.forward()[0, 0]
        classes = sorted(int(row[1]) for row in rows if row[2] >= 0.5)
        print(json.dumps({"path": str(path), "classes": classes}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
