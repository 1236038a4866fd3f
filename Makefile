# Jukebox: `make run` serves the app on http://127.0.0.1:8080; `make test` runs every check.
# Both install what is missing first (scripts/setup.sh; skips what is there).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# npm's wasm-opt 132 must shadow any other (Debian's v108 silently breaks the module).
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never
WASM := --target wasm32-unknown-unknown
ADDRESS ?= 127.0.0.1
PORT ?= 8080
# Sub-path the dist/ folder will be served under, e.g. `make dist PUBLIC_URL=/jukebox/`.
PUBLIC_URL ?= /

.PHONY: run dist test setup setup-build fmt lint deps-check test-native test-wasm build-release e2e size

## run: build the release app and serve it on http://$(ADDRESS):$(PORT)
run: setup-build
	@echo "Jukebox: building the release app, then serving it at http://$(ADDRESS):$(PORT)/"
	trunk serve --release --address $(ADDRESS) --port $(PORT)

## dist: a dist/ folder for any static host (PUBLIC_URL=/sub/path/ for a sub-path)
dist: setup-build
	trunk build --release --public-url $(PUBLIC_URL)
	@scripts/wasm-size.sh

## test: formatting, clippy (host and wasm32), native tests, browser tests, release build, end-to-end
test: setup fmt lint deps-check test-native test-wasm build-release e2e

setup:
	scripts/setup.sh

setup-build:
	scripts/setup.sh build

fmt:
	cargo fmt --all --check

lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --workspace --all-targets --locked $(WASM) -- -D warnings

deps-check:
	scripts/check-core-deps.sh
	cargo check -p jukebox-core --locked $(WASM)

test-native:
	cargo test --workspace --exclude jukebox-app --locked

test-wasm:
	cargo test -p jukebox-app --test web --locked $(WASM)

build-release:
	trunk build --release --public-url /
	@scripts/wasm-size.sh

e2e:
	cd tests && npm test
