# Jukebox: `make run` serves the app on http://127.0.0.1:8080; `make test` runs every check.
# Both install what is missing first (scripts/setup.sh; skips what is there).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# npm's wasm-opt 132 must shadow any other (Debian's v108 silently breaks the module).
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never
WASM := --target wasm32-unknown-unknown
# Where Cargo puts host builds (`.ci/run` sets CARGO_TARGET_DIR to a cache outside the clone).
HOST_TARGET := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
ADDRESS ?= 127.0.0.1
PORT ?= 8080
# Base URL of dist/: relative by default (works at the root and under any sub-path);
# an absolute one such as `make dist PUBLIC_URL=/jukebox/` if a host needs it.
PUBLIC_URL ?= ./

.PHONY: size release-start release-wait run dist test setup setup-build python-env fmt lint deps-check test-native test-onnx test-serving test-registry test-pipeline test-alerts test-wasm build-release e2e bench-startup bench bench-train bench-monitor bench-cli

## run: build the release app and serve it on http://$(ADDRESS):$(PORT) (rebuilt when a source changes)
run: setup-build
	@echo "Jukebox: building the release app, then serving it at http://$(ADDRESS):$(PORT)/"
	node scripts/build-web.mjs
	node scripts/serve.mjs --address $(ADDRESS) --port $(PORT) --watch dist

## dist: a dist/ folder for any static host, at its root or under a sub-path
dist: setup-build
	node scripts/build-web.mjs --public-url $(PUBLIC_URL)
	@scripts/wasm-size.sh

## test: formatting, clippy (host and wasm32), native tests, browser tests, release build, end-to-end
## (the end-to-end and registry tests start real MLflow, MLServer and Prism servers on 127.0.0.1)
test: export RUSTC_WORKSPACE_WRAPPER = $(LINTING_DRIVER)
test: export CLIPPY_ARGS = $(LINTING_ARGS)
test: setup fmt deps-check test-native release-start test-onnx test-registry test-serving test-pipeline test-alerts test-wasm release-wait e2e

# `make test` lints while it builds, as `cargo clippy` itself does: clippy's driver compiles
# the workspace's own crates (RUSTC_WORKSPACE_WRAPPER; `[workspace.lints]` and each crate's
# clippy.toml apply, warnings denied) and plain rustc their dependencies, which every step
# then shares. A separate `cargo clippy` type-checks polars once more on its own (9½ of a cold
# run's minutes). Each crate is linted for the targets it is built for: the core (with its
# engine), plot and the CLI on the host with every test and example (test-native), the app
# and the core as the UI takes it on wasm32 with the app's tests (test-wasm), the worker and
# the core with its engine on wasm32 (the release build). While editing, `make lint` is quicker.
LINTING_DRIVER := clippy-driver
LINTING_ARGS := -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

setup:
	scripts/setup.sh

setup-build:
	scripts/setup.sh build

fmt:
	cargo fmt --all --check

# Host: every crate (the app and the worker compile natively too, so polars is checked for
# the host only), and the core as the UI takes it (without its `engine` feature). wasm32: the
# app, which has no polars; the worker's wasm32 build is the release build's. (`make test`
# lints the same crates while it builds them; see LINTING_DRIVER.)
lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p jukebox-core --no-default-features --lib --locked -- -D warnings
	cargo clippy -p jukebox-app --all-targets --locked $(WASM) -- -D warnings

deps-check:
	scripts/check-core-deps.sh

# The CLI binary the later steps run (`$(HOST_TARGET)/debug/jukebox`) is the one these tests
# build: `cargo test --no-run` there reuses it. (`cargo build --bin jukebox` would compile the
# core and its dependencies once more: without the dev-dependencies, cargo unifies other
# features.)
test-native:
	cargo test --workspace --exclude jukebox-app --exclude jukebox-worker --locked

# Every exported ONNX variant of small demo models, loaded by onnx's full checker and run by
# onnxruntime (PyPI, in .venv): probabilities equal the app's within 1e-5.
# Built with the same package selection as `test-native` (so the same features: cargo unifies
# them per invocation): `-p jukebox-core` alone would compile polars a second time for the host.
test-onnx:
	scripts/python-env.sh
	rm -rf target/onnx-check
	cargo build --workspace --exclude jukebox-app --exclude jukebox-worker --example onnx_fixtures --locked
	$(HOST_TARGET)/debug/examples/onnx_fixtures target/onnx-check
	.venv/bin/python scripts/onnx_check.py target/onnx-check

## test-registry: registry pushes against a real MLflow server and Prism mocking Kubeflow's spec
test-registry:
	scripts/registry-servers.sh cargo test --workspace --exclude jukebox-app --exclude jukebox-worker --test registry_live --test push_live --locked -- --ignored

# A real Open Inference Protocol server (MLServer + onnxruntime) serving exported ONNX files.
test-serving:
	scripts/python-env.sh
	cargo build --workspace --exclude jukebox-app --exclude jukebox-worker --example onnx_fixtures --locked
	JUKEBOX_ONNX_FIXTURES=$(HOST_TARGET)/debug/examples/onnx_fixtures .venv/bin/python tests/serving/test_serve_onnx.py

## test-pipeline: the Kubeflow pipeline compiled with kfp and run locally (kfp.local) with the CLI
test-pipeline:
	scripts/pipeline-env.sh
	cargo test --workspace --exclude jukebox-app --exclude jukebox-worker --no-run --locked
	JUKEBOX_BIN=$(HOST_TARGET)/debug/jukebox .venv-kfp/bin/python pipelines/test_pipeline.py

## test-alerts: jukebox monitor's metrics through a real node-exporter and Prometheus (Debian's,
## installed if missing): pipelines/alerts.yaml checked by promtool, then fired and resolved
test-alerts:
	scripts/python-env.sh
	scripts/alerts-servers.sh ensure
	cargo test --workspace --exclude jukebox-app --exclude jukebox-worker --no-run --locked
	JUKEBOX_BIN=$(HOST_TARGET)/debug/jukebox .venv/bin/python tests/alerts/test_alerts.py

# The test runner's Chromium (through chromedriver) leaves a 150 MB profile in the temporary
# folder after each test binary: they go to one folder of this run, removed afterwards.
# wasm-bindgen-test-runner gives the whole binary 20 s by default (WASM_BINDGEN_TEST_TIMEOUT):
# the 121 tests take 12 s on a quiet machine, but in `make test` the release build shares the
# cores and a cold run hit the limit at test 95 ("Failed to detect test as having been run").
# The wasm-test profile (Cargo.toml) builds the dependencies unoptimised, for a shorter build.
test-wasm:
	scripts/rust-tools.sh
	scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; TMPDIR=$$scratch \
	WASM_BINDGEN_TEST_TIMEOUT=$${WASM_BINDGEN_TEST_TIMEOUT:-300} \
	cargo test -p jukebox-app --test browser --profile wasm-test --locked $(WASM)

# scripts/build-web.mjs: the UI and the worker side by side (each in its own target directory
# under $(HOST_TARGET)/web), wasm-bindgen, wasm-opt, hashed assets; it fails on a page that
# has an inline script or a policy allowing one.
build-release:
	scripts/rust-tools.sh
	node scripts/build-web.mjs
	@scripts/wasm-size.sh

# In `make test` the release build runs in the background from the end of the native tests
# until the end-to-end tests need dist/: the ONNX, registry, serving, pipeline and alert steps
# mostly wait on Python, and the wasm tests' debug build leaves a core free at its serial
# tail. (Started before the native tests instead, a cold run took 4,386 s against 3,621 s:
# on two cores, three builds at once are slower than the same builds in turn.) Its target
# directories ($(HOST_TARGET)/web/<binary>) are its own, so Cargo's lock on one directory
# does not queue it behind the other builds (they share no compiled crate anyway: release
# vs debug). `release-wait` waits for it, shows its log's end (all of it on failure) and
# reports the module sizes as build-release does.
RELEASE_LOG := $(HOST_TARGET)/web-release.log

release-start:
	@mkdir -p $(HOST_TARGET)
	@rm -f $(RELEASE_LOG).status
	@echo "release build started in the background (log: $(RELEASE_LOG))"
	@( scripts/rust-tools.sh && node scripts/build-web.mjs && status=0 || status=$$?; \
	   echo $$status > $(RELEASE_LOG).status ) \
	  > $(RELEASE_LOG) 2>&1 < /dev/null & echo $$! > $(RELEASE_LOG).pid

release-wait:
	@test -f $(RELEASE_LOG).pid || { echo "no background release build: run make release-start first"; exit 2; }
	@while kill -0 $$(cat $(RELEASE_LOG).pid) 2>/dev/null; do sleep 2; done
	@status=$$(cat $(RELEASE_LOG).status 2>/dev/null || echo lost); \
	if [ "$$status" != 0 ]; then \
	  cat $(RELEASE_LOG); echo "release build failed (status $$status); log above, also in $(RELEASE_LOG)"; exit 1; \
	fi; tail -n 5 $(RELEASE_LOG)
	@rm -f $(RELEASE_LOG).pid
	@scripts/wasm-size.sh

# The real servers the end-to-end tests start (MLflow, MLServer) live in .venv.
python-env:
	scripts/python-env.sh

e2e: python-env
	cargo test --workspace --exclude jukebox-app --exclude jukebox-worker --no-run --locked
	cd tests && JUKEBOX_BIN=$(HOST_TARGET)/debug/jukebox npm test

## size: where each wasm module's bytes go, by crate and by function (twiggy), after build-release
size:
	@command -v twiggy >/dev/null && twiggy --version | grep -q " 0.8.0$$" || cargo install twiggy --version 0.8.0 --locked
	node scripts/size-report.mjs

## bench-startup: time to first paint, shell and demo data for dist/ (after build-release)
bench-startup:
	cd tests && node bench/startup.mjs ../dist

## bench: the course exploration in the browser vs pandas on ../shared/data (reports, never fails on speed)
bench: build-release
	bash bench/setup-venv.sh
	cd tests && node bench/pipeline.mjs

## bench-train: each model trained in the browser vs scikit-learn on ../shared/data (reports, never fails on speed)
bench-train: build-release
	bash bench/setup-venv.sh
	cd tests && node bench/train.mjs

## bench-monitor: the Drift, Fairness and Explain cells in the browser vs scipy, Evidently and numpy on ../shared/data (reports, never fails on speed)
bench-monitor: build-release
	bash bench/setup-venv.sh
	cd tests && node bench/monitor.mjs

## bench-cli: the course notebook on ../shared/data in the jukebox CLI (release) vs pandas + scikit-learn + Keras (reports, never fails on speed)
bench-cli:
	cargo build --release -p jukebox-cli --locked
	bash bench/setup-venv.sh keras
	bench/.venv/bin/python bench/cli_bench.py --bin $(HOST_TARGET)/release/jukebox
