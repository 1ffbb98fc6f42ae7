"""The peer for segmentation: cv2.imread + resize + the selfie segmentation .tflite on a plain LiteRT loop + the mask
resized back to the photo's size, as tutorials do it. Prints one JSON line per image: {"path", "share"}."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2
import numpy as np
from ai_edge_litert.interpreter import Interpreter


def main(model: str, folder: str) -> None:
    interpreter = Interpreter(model, num_threads=2)
    interpreter.allocate_tensors()
    source = interpreter.get_input_details()[0]["index"]
    target = interpreter.get_output_details()[0]["index"]
    for path in sorted(Path(folder).glob("*.jpg")):
        image = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
        tensor = cv2.resize(image, (256, 256), interpolation=cv2.INTER_AREA)[None].astype(np.float32) / 255
        interpreter.set_tensor(source, tensor)
        interpreter.invoke()
        mask = cv2.resize(interpreter.get_tensor(target)[0, :, :, 0], (image.shape[1], image.shape[0]))
        print(json.dumps({"path": str(path), "share": round(float((mask >= 0.5).mean()), 4)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
