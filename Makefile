# kehoach: set up, build, serve and test the plans site.
#
# A fresh machine needs two commands (see README.md):
#   make serve   set up and serve the site on http://127.0.0.1:8000
#   make test    set up and run every check and test
# `make help` lists every target.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kehoach-installed
PLANS := plans
WORKFLOWS := $(sort $(wildcard .github/workflows/*.yml))
LINT_DIRS := $(wildcard plugins tests bench hooks)
# mypy (with pydantic's plugin, settings in pyproject.toml): the package, test support, benchmarks, hooks
TYPED := $(wildcard plugins/kehoach tests/support bench bench/run hooks)
DEBS := calcurse chromium poppler-utils fonts-liberation2 fonts-croscore fonts-noto-core libreoffice-calc-nogui
BROWSER_DIR := tests/browser
BROWSER_STAMP := $(BROWSER_DIR)/node_modules/.kehoach-installed
HOST ?= 127.0.0.1
PORT ?= 8000

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install system-deps node-deps serve build site test check lint workflows unit bench schema clean

help: ## Liệt kê các lệnh / list the targets
	@echo "Cách dùng / usage: make <target>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## Tạo .venv và cài kehoach cùng công cụ kiểm thử / create .venv with kehoach and its test tools

$(STAMP): pyproject.toml
	@echo "==> Cài đặt môi trường Python vào $(VENV) / installing the Python environment"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được $(VENV). Cần Python >= 3.11 có venv (Debian: apt-get install python3-venv)." >&2; \
	  echo "Could not create $(VENV): needs Python >= 3.11 with venv (Debian: apt-get install python3-venv)." >&2; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Checks every Debian package; installs the missing ones when run as root,
# otherwise fails naming the command to run. Node.js is added when the browser
# tests declare npm packages and npm is absent.
define SYSTEM_DEPS
missing=()
for pkg in "$$@"; do
  dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$$pkg")
done
if [ -f "$(BROWSER_DIR)/package.json" ] && ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ $${#missing[@]} -eq 0 ]; then echo "==> Gói hệ thống đã đủ / system packages present: $$*"; exit 0; fi
echo "==> Thiếu gói hệ thống / missing system packages: $${missing[*]}"
if ! command -v apt-get >/dev/null; then
  echo "Máy này không có apt-get; hãy tự cài: $${missing[*]}" >&2
  echo "No apt-get on this machine; install these yourself: $${missing[*]}" >&2
  exit 1
fi
if [ "$$(id -u)" -ne 0 ]; then
  echo "Cần quyền root để cài. Hãy chạy / needs root, run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "$${missing[@]}"
endef
export SYSTEM_DEPS

system-deps: ## Cài gói Debian cần cho kiểm thử / install the Debian packages the tests need
	@bash -c "$$SYSTEM_DEPS" system-deps $(DEBS)

node-deps: ## Cài gói npm của kiểm thử trình duyệt / install the browser tests' npm packages
	@if [ -f $(BROWSER_DIR)/package.json ]; then \
	  $(MAKE) $(BROWSER_STAMP); \
	else \
	  echo "==> Chưa có $(BROWSER_DIR)/package.json: không cần gói npm / no npm packages declared"; \
	fi

$(BROWSER_STAMP): $(wildcard $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json)
	@command -v npm >/dev/null || { \
	  echo "Cần Node.js và npm (Debian: apt-get install nodejs npm, hoặc make system-deps khi là root)." >&2; \
	  echo "Node.js and npm are required (Debian: apt-get install nodejs npm, or make system-deps as root)." >&2; \
	  exit 1; }
	@echo "==> npm ci --prefix $(BROWSER_DIR)"
	npm ci --prefix $(BROWSER_DIR) --no-audit --no-fund
	@touch $@

# --dirty: after a plan is saved, only the pages, feeds and search entries it touches are rebuilt
# (the kehoach plugin keeps them exact; see DEVELOPING.md, "The edit loop").
serve: install ## Cài đặt, dựng và phục vụ trang tại http://127.0.0.1:8000 / build and serve the site
	@test -f mkdocs.yml || { echo "Chưa có mkdocs.yml / mkdocs.yml is missing" >&2; exit 1; }
	@echo "==> Trang tại / site at http://$(HOST):$(PORT)"
	$(BIN)/mkdocs serve --dirty -a $(HOST):$(PORT)

build: install ## Dựng trang với --strict vào site/ / build the site strictly into site/
	@test -f mkdocs.yml || { echo "Chưa có mkdocs.yml / mkdocs.yml is missing" >&2; exit 1; }
	$(BIN)/mkdocs build --strict -d site

check: install ## Kiểm tra các kế hoạch (cho phép cảnh báo) / check the plans (warnings allowed)
	@echo "==> kehoach check $(PLANS)"
	$(BIN)/kehoach check $(PLANS)

lint: install workflows ## Ruff và mypy trên mã Python, rồi kiểm tra workflow / ruff and mypy on the code, then the workflows
	@echo "==> ruff check $(LINT_DIRS)"
	$(BIN)/ruff check $(LINT_DIRS)
	@echo "==> mypy $(TYPED)"
	$(BIN)/mypy $(TYPED)

workflows: install ## Kiểm tra workflow bằng check-jsonschema và zizmor / validate and audit the workflows
	@test -n "$(WORKFLOWS)" || { echo "Không thấy .github/workflows/*.yml / no workflows found" >&2; exit 1; }
	@echo "==> check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)"
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
	@echo "==> zizmor --offline .github/workflows"
	$(BIN)/zizmor --offline --no-progress .github/workflows

# pytest exits 5 when it collected nothing: say so rather than pass silently.
unit: install ## Chạy toàn bộ pytest (gồm kiểm thử trình duyệt) / run every pytest test, browser tests included
	@echo "==> pytest"
	@$(BIN)/pytest || { status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest không thu được kiểm thử nào / pytest collected no tests" >&2; fi; \
	  exit $$status; }

site: install ## Dựng thử trang --strict vào thư mục tạm / strict trial build into a temporary folder
	@if [ -f mkdocs.yml ]; then \
	  out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	  echo "==> mkdocs build --strict -d $$out"; \
	  $(BIN)/mkdocs build --strict -d "$$out"; \
	else \
	  echo "==> Chưa có mkdocs.yml: chưa dựng trang / no mkdocs.yml yet: site build not run"; \
	fi

# Every step runs even when an earlier one fails, so one run shows every problem;
# pytest runs last so that, when all pass, its summary is the run's closing line.
test: install system-deps node-deps ## Cài đặt và chạy mọi kiểm tra, kiểm thử / set up and run every check and test
	@failed=(); \
	for step in check site lint unit; do $(MAKE) $$step || failed+=("$$step"); done; \
	if [ $${#failed[@]} -gt 0 ]; then \
	  echo "==> Bước hỏng / failed steps: $${failed[*]}" >&2; exit 1; \
	fi

# Every script runs even when an earlier one misses its budget; bench/run (the whole
# pipeline at 100, 1,000 and 3,000 plans, ~20 minutes) writes its table into DEVELOPING.md.
bench: install ## Chạy các bài đo trong bench/, cuối cùng là bench/run / run the benchmarks, bench/run last
	@failed=(); \
	for script in $(sort $(wildcard bench/bench_*.py)) bench/run; do \
	  echo "==> $$script"; $(BIN)/python $$script || failed+=("$$script"); \
	done; \
	if [ $${#failed[@]} -gt 0 ]; then \
	  echo "==> Vượt ngân sách hoặc lỗi / over budget or failed: $${failed[*]}" >&2; exit 1; \
	fi

schema: install ## Sinh lại lược đồ JSON trong schema/ / regenerate schema/
	@echo "==> kehoach schema --out schema"
	$(BIN)/kehoach schema --out schema

clean: ## Xóa môi trường và kết quả dựng / remove the environment and build output
	rm -rf $(VENV) site build dist .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artifacts \
	  $(BROWSER_DIR)/node_modules plugins/*.egg-info
