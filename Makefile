# Two commands do all the set-up: `make tutorial` and `make test`.
# Each creates (or reuses) .venv and installs what it needs first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# The CPU build of torch keeps the download small; set TORCH_SPEC=torch for a CUDA build.
TORCH_SPEC ?= torch==2.13.0
STAMP := $(VENV)/.installed
# optimum-onnx 0.1.0 (the latest) needs transformers<4.58, so benchmarks/optimum_peer.py runs in its own venv.
OPTIMUM_VENV ?= benchmarks/.cache/optimum-venv
# Extra notebook parameters for `make tutorial`, e.g. ARGS="-p model_name_or_path bundled".
ARGS ?=
# `make test` runs the tests in this many processes (pytest-xdist): 2 suits 2 cores.
TEST_WORKERS ?= 2

.PHONY: tutorial test test-fast lint format notebooks benchmarks optimum-venv clean help chromium

help:
	@echo "make tutorial   run the notebooks on the sample data (results in artifacts/)"
	@echo "make test       run the whole test suite"
	@echo "make test-fast  the tests that run in this process (no notebook, process, browser or full-size run)"
	@echo "make lint       ruff's checks and formatting (make format applies them)"
	@echo "make notebooks  re-execute the committed notebooks in place with default parameters"
	@echo "make optimum-venv  build the separate venv benchmarks/optimum_peer.py runs in"
	@echo "make benchmarks rerun the CPU benchmarks and rewrite their tables (about 80 minutes)"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e ".[notebooks,onnx,serve,test]"
	touch $(STAMP)

tutorial: $(STAMP)
	$(PY) -m resume_bert run-notebooks $(ARGS)
	@$(PY) -c "import json; m = json.load(open('artifacts/metrics.json')); \
	print('test metrics (' + m['model_name_or_path'] + '):'); \
	[print(f'  {k:<10}{m[k]:.4f}   baseline {m[\"baseline\"][k]:.4f}') for k in ('accuracy', 'precision', 'recall', 'f1', 'macro_f1')]"

# The demo page's browser test needs Chromium and its driver: from Debian packages when
# missing (as root, e.g. on CI); elsewhere install them yourself or the test is skipped.
# Under CI=true a missing browser fails the run instead.
chromium:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } || \
	{ [ "$$CI" = true ] && echo "CI=true and Chromium or chromedriver could not be installed" >&2 && exit 1; } || \
	echo "Chromium not installed: the browser test will be skipped"

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: lint chromium
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

test-fast: lint
	$(PY) -m pytest -m "not notebook and not subprocess and not browser and not slow"

notebooks: $(STAMP)
	$(PY) tests/refresh_notebooks.py

# torch first, as $(TORCH_SPEC) like .venv, so that optimum's loose torch>=1.11 finds it installed
# instead of pulling another (multi-GB CUDA) build; then exact pins that install together
# (onnx, unpinned by optimum-onnx, at the version it resolved to).
$(OPTIMUM_VENV)/.installed:
	test -d $(OPTIMUM_VENV) || $(PYTHON) -m venv $(OPTIMUM_VENV)
	$(OPTIMUM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(OPTIMUM_VENV)/bin/python -m pip install --quiet "$(TORCH_SPEC)"
	$(OPTIMUM_VENV)/bin/python -m pip install --quiet transformers==4.57.6 optimum==2.1.0 optimum-onnx==0.1.0 \
		onnxruntime==1.32.0 onnx==1.23.2
	touch $@

optimum-venv: $(OPTIMUM_VENV)/.installed

# About 80 minutes on 2 idle CPU cores, 45 of them labelling 1,000,000 rows; BULK_ROWS=5000,20000
# makes that part take 2 minutes. The GPU script is run by hand on a GPU (benchmarks/README.md).
BULK_ROWS ?= 20000,1000000
benchmarks: $(STAMP) $(OPTIMUM_VENV)/.installed
	$(PY) benchmarks/train_speed.py
	for seed in 1 2; do $(PY) benchmarks/train_speed.py --seed $$seed --repeats 1 \
		--runs resume_bert,resume_bert_torch_dropout,trainer_tuned --output-name train_f1_seed$$seed || exit 1; done
	$(PY) benchmarks/inference_speed.py
	$(PY) benchmarks/bulk_predict_speed.py --rows $(BULK_ROWS)
	$(PY) benchmarks/results_table.py --write

clean:
	rm -rf artifacts .pytest_cache
