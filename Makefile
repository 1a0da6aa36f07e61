# The two commands of the README:
#   make demo   installs what is missing, builds in release mode, runs the toy experiment,
#               registers the kernel and runs the tour notebook headlessly
#   make test   installs what is missing, builds, runs every test, ends with the browser checks
#               (the tour in JupyterLab in headless Chromium, debug build, small parameters; then
#               interact widgets redrawing a figure, across a page reload and a trapping callback)
#   make browser-check   the browser check against the release build with the tour's own parameters
#   make reproduce       every notebook at its default parameters (release build), their results
#                        files checked and collected into notebooks/RESULTS.md
# Both work on a fresh Debian 12 machine that has only the Swift toolchain, and run twice.
# A notebook over a grid of parameters is `swift-margin sweep` (docs/sweeps.md); `make venv`
# installs what its --scheduler (Dask) needs: dask[distributed] and python/swift-margin-dask.

SHELL := /bin/bash
APT_PACKAGES := libzmq3-dev libopenblas-dev gnuplot-nox zlib1g-dev libssl-dev dataset-fashion-mnist
# For the browser check only (make test, make browser-check): Debian's Chromium and its WebDriver.
BROWSER_APT_PACKAGES := chromium chromium-driver
BROWSER_CHECK_FLAGS ?=
VENV := .venv
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_TEST_FLAGS ?=
PYTEST_FLAGS ?=

.PHONY: demo test reproduce browser-check deps apt apt-browser venv build build-release bench bench-widgets peers clean

demo: deps build-release
	.build/release/swift-margin toy
	.build/release/swift-margin install
	$(VENV)/bin/jupyter kernelspec list
	mkdir -p notebooks/out
	cd notebooks/out && ../../.build/release/swift-margin run ../01-tour.ipynb -o 01-tour.ipynb
	@echo "executed tour notebook: notebooks/out/01-tour.ipynb"
	@echo "its figure:             notebooks/out/tour-decision-boundaries.png"

test: deps apt-browser
	swift build --build-tests
	swift test --skip-build --skip ExperimentsTests --skip WidgetsTests --skip PlottingTests $(SWIFT_TEST_FLAGS)
	# Widgets install the process-wide comm sink and display destination: in a process of their own.
	swift test --skip-build --filter WidgetsTests $(SWIFT_TEST_FLAGS)
	# Experiments fork runs: in a process of their own, one test at a time, since a fork while
	# another test thread holds a lock (OpenBLAS's threads, the Swift runtime's metadata
	# caches) can leave the child waiting for it forever.
	swift test --skip-build --no-parallel --filter ExperimentsTests $(SWIFT_TEST_FLAGS)
	# Figures of experiments' results run experiments (forks) too: the same, for the same reason.
	swift test --skip-build --no-parallel --filter PlottingTests $(SWIFT_TEST_FLAGS)
	SWIFT_MARGIN_EXECUTABLE=$(CURDIR)/.build/debug/swift-margin $(VENV)/bin/python -m pytest Tests/kernel -q --durations=15 $(PYTEST_FLAGS)
	$(VENV)/bin/python Tests/browser/browser_check.py --executable .build/debug/swift-margin --quick $(BROWSER_CHECK_FLAGS)
	$(VENV)/bin/python Tests/browser/widgets_check.py --executable .build/debug/swift-margin

# Every notebook at its defaults into notebooks/out/, then notebooks/RESULTS.md from their results files.
reproduce: deps build-release
	$(VENV)/bin/python notebooks/reproduce.py --executable .build/release/swift-margin

# The tour notebook run in JupyterLab in headless Chromium; the screenshot of its figure goes to
# notebooks/out/browser-check.png (Tests/browser/browser_check.py --help for the options).
browser-check: deps apt-browser build-release
	$(VENV)/bin/python Tests/browser/browser_check.py --executable .build/release/swift-margin $(BROWSER_CHECK_FLAGS)

deps: apt venv

# Installs the Debian packages of $(1) that are missing (nothing when all are there).
define install-missing-debian-packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

apt:
	$(call install-missing-debian-packages,$(APT_PACKAGES))

apt-browser:
	$(call install-missing-debian-packages,$(BROWSER_APT_PACKAGES))

# The Python Jupyter clients the project is tested with, in a venv inside the repo.
venv: $(VENV)/.installed

# Its JupyterLab shows the completer's documentation panel (the highlighted match's signature
# and documentation, from the kernel's inspection): kernelspec/jupyterlab-overrides.json.
$(VENV)/.installed: requirements-dev.txt kernelspec/jupyterlab-overrides.json
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp kernelspec/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

build:
	swift build

build-release:
	swift build -c release

# Figures for docs/performance.md (never asserted).
bench: deps build-release
	.build/release/margin-bench all
	$(VENV)/bin/python Benchmarks/kernel_bench.py --executable .build/release/swift-margin

# Slider move to new figure in JupyterLab (headless Chromium), drawing only and retraining:
# docs/performance.md#widgets.
bench-widgets: deps apt-browser build-release
	$(VENV)/bin/python Tests/browser/widgets_check.py --executable .build/release/swift-margin --bench

# The PyTorch peer (a large download: the torch wheel pulls CUDA libraries; runs on the CPU).
peers:
	$(PYTHON) -m venv .venv-peers
	.venv-peers/bin/pip install --quiet torch numpy
	Benchmarks/compare-toy-step.sh

clean:
	rm -rf .build $(VENV)
