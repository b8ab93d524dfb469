# Council Timeline: set-up, tests and the bundle.
# A fresh Debian/Ubuntu machine with Python 3.11+ needs only `make run` and `make test`:
# both create .venv, install exactly the locked versions (requirements/lock-pyX.Y.txt, with hashes)
# and the project, and the system packages Qt and the tests need (installed when run as root,
# otherwise the exact apt-get line is printed). `make lock` refreshes the lock on purpose;
# `make test-latest` tries the newest versions pyproject.toml allows in a throw-away venv.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARGS  ?=
PYTEST_ARGS ?=

# The first of these that is Python 3.11 or newer builds the venv (override: make PYTHON=/path/to/python3.12).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { command -v $$p; break; }; done)

PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
# One lock per Python version the README promises (3.11 to 3.13), for Linux x86_64 (what make and CI run).
LOCK_PYTHONS := 3.11 3.12 3.13
LOCK := requirements/lock-py$(PYVER).txt
# A second PyYAML, beside the locked one, for the test that deep nesting reads the same with both.
OTHER_PYYAML := requirements/pyyaml-6.0.3.txt
# The lock is made by uv (one tool from PyPI, pinned here; only `make lock` needs it).
UV_VERSION := 0.13.9
PIP_LOCKED := --quiet --require-hashes --only-binary :all:

# Debian/Ubuntu packages. Qt itself (offscreen rendering, fonts, the xcb platform for a real display):
APT_RUN := libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0 \
	fonts-dejavu-core libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 \
	libxkbcommon-x11-0
# ...and for the tests: a virtual X server for the smoke test on the real xcb platform, pdftotext and
# pdftoppm for reading exported PDFs, setpriv (util-linux) for the cases that must run as a normal user.
APT_TEST := $(APT_RUN) xvfb xauth poppler-utils util-linux

.PHONY: help run test test-latest lock bench dist install-desktop icons screenshots clean distclean sysdeps-run sysdeps-test

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

run: $(STAMP) sysdeps-run  ## open the app on the bundled Tameside timeline (extra options: ARGS="...")
	$(PY) -m desktop $(ARGS)

test: $(STAMP) sysdeps-test  ## the whole suite, headless (QT_QPA_PLATFORM=offscreen; bundle smoke test also under Xvfb)
	@$(call run_tests,$(PY))

# The whole suite with the newest versions pyproject.toml allows, in a throw-away venv (build/latest/),
# so an upstream release that breaks us is seen before `make lock` takes it. Its bundle goes to build/latest/dist.
LATEST := build/latest
test-latest: sysdeps-test  ## the whole suite in a throw-away venv with the newest allowed versions (not the lock)
	@$(call check_python)
	rm -rf $(LATEST)/venv && $(PYTHON) -m venv $(LATEST)/venv
	$(LATEST)/venv/bin/python -m pip install --quiet --upgrade -e '.[test,dist]'
	$(LATEST)/venv/bin/python -m pip install $(PIP_LOCKED) --no-deps --upgrade --target $(LATEST)/venv/pyyaml-6.0.3 -r $(OTHER_PYYAML)
	@$(LATEST)/venv/bin/python -m pip list --format freeze | grep -iE '^(pyside6|shiboken6|pyqtgraph|pyyaml|numpy|pytest|pyinstaller)' | tr '\n' ' '; echo
	@export COUNCIL_TIMELINE_DIST_DIR=$(CURDIR)/$(LATEST)/dist; $(call run_tests,$(LATEST)/venv/bin/python)

lock:  ## refresh requirements/ to the newest versions pyproject.toml allows (then make test, and commit them)
	@$(call check_python)
	@[ -x build/uv/bin/uv ] || { $(PYTHON) -m venv build/uv && build/uv/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	for v in $(LOCK_PYTHONS); do rm -f requirements/lock-py$$v.txt; \
		build/uv/bin/uv pip compile pyproject.toml requirements/build.in --extra test --extra dist \
			--generate-hashes --python-version $$v --python-platform x86_64-manylinux_2_34 \
			--custom-compile-command "make lock" --quiet -o requirements/lock-py$$v.txt; done
	rm -f $(OTHER_PYYAML) && build/uv/bin/uv pip compile requirements/pyyaml-6.0.3.in --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_34 --custom-compile-command "make lock" --quiet -o $(OTHER_PYYAML)
	@git diff --stat -- requirements/ 2>/dev/null || true

bench: $(STAMP)  ## run every tests/benchmarks/bench_*.py in turn
	@set -- tests/benchmarks/bench_*.py; \
	if [ ! -e "$$1" ]; then echo "make bench: no tests/benchmarks/bench_*.py found" >&2; exit 1; fi; \
	for f in "$$@"; do echo "== $$f"; QT_QPA_PLATFORM=offscreen $(PY) "$$f"; done

dist: $(STAMP)  ## build dist/council-timeline (one file), dist/folder/council-timeline/ (one folder) and its .tar.gz
	$(PY) -m PyInstaller --noconfirm --log-level WARN build.spec
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist/folder --workpath build/folder build.spec -- --onedir
	tar -C dist/folder -czf dist/council-timeline-linux.tar.gz council-timeline
	@du -sh dist/council-timeline dist/folder/council-timeline dist/council-timeline-linux.tar.gz

PREFIX ?= $(HOME)/.local
install-desktop:  ## put the built one-folder program, its menu entry and icons under PREFIX (~/.local)
	@[ -x dist/folder/council-timeline/council-timeline ] || { echo "make: run make dist first" >&2; exit 1; }
	rm -rf $(PREFIX)/lib/council-timeline && mkdir -p $(PREFIX)/lib
	cp -a dist/folder/council-timeline $(PREFIX)/lib/council-timeline
	sed 's|^Exec=council-timeline|Exec=$(PREFIX)/lib/council-timeline/council-timeline|' resources/council-timeline.desktop \
		| install -D -m644 /dev/stdin $(PREFIX)/share/applications/council-timeline.desktop
	for s in 16 22 24 32 48 64 128 256; do install -D -m644 resources/icons/council-timeline-$$s.png \
		$(PREFIX)/share/icons/hicolor/$${s}x$${s}/apps/council-timeline.png; done
	install -D -m644 resources/icons/council-timeline.svg $(PREFIX)/share/icons/hicolor/scalable/apps/council-timeline.svg
	-update-desktop-database $(PREFIX)/share/applications 2>/dev/null
	@echo "Installed: Council Timeline is in the applications menu (Office)."

icons: $(STAMP)  ## re-render resources/icons/*.png from the SVG (after editing it)
	QT_QPA_PLATFORM=offscreen $(PY) resources/icons/render_icons.py

screenshots: $(STAMP)  ## re-make resources/screenshots/*.png (the README's pictures)
	QT_QPA_PLATFORM=offscreen $(PY) resources/screenshots/refresh.py

clean:  ## remove build output, the test-latest venv and caches (keeps .venv)
	rm -rf build dist .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean  ## also remove .venv
	rm -rf $(VENV)

# The venv is brought to the lock again whenever pyproject.toml or the lock changes (the stamp is newer otherwise).
$(STAMP): pyproject.toml $(wildcard $(LOCK)) $(OTHER_PYYAML)
	@$(call check_python)
	@[ -f $(LOCK) ] || { echo "make: there is no lock for Python $(PYVER) ($(LOCK)); the lock covers $(LOCK_PYTHONS):" \
		"choose one with make PYTHON=/path/to/python3.12, or add $(PYVER) to LOCK_PYTHONS and run make lock" >&2; exit 1; }
	@[ -x $(PY) ] || { echo "make: creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"; \
		$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		pkg=python$(PYVER)-venv; \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkg && $(PYTHON) -m venv $(VENV); \
		else echo "make: $(PYTHON) cannot make a venv; run: sudo apt-get install -y $$pkg" >&2; exit 1; fi; }; }
	$(PY) -m pip install $(PIP_LOCKED) -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip install $(PIP_LOCKED) --no-deps --upgrade --target $(VENV)/pyyaml-6.0.3 -r $(OTHER_PYYAML)
	@touch $@

sysdeps-run:
	@$(call apt_ensure,$(APT_RUN))

sysdeps-test:
	@$(call apt_ensure,$(APT_TEST))

define check_python
if [ -z "$(PYTHON)" ] || ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then \
	echo "make: Python 3.11 or newer is needed; $(if $(PYTHON),$(PYTHON) is $$($(PYTHON) --version 2>&1),none of python3 python3.13 python3.12 python3.11 is)." >&2; \
	echo "make: on Debian/Ubuntu: apt-get install -y python3 python3-venv; or make PYTHON=/path/to/python3.11" >&2; \
	exit 1; fi
endef

# The suite with the Python $(1), headless; tests that need a tool make installs fail instead of skipping
# (COUNCIL_TIMELINE_MAKE), and the bundle smoke test runs. pytest's "no tests collected" is a failure.
define run_tests
rc=0; export COUNCIL_TIMELINE_MAKE=1 COUNCIL_TIMELINE_BUNDLE_TEST=$${COUNCIL_TIMELINE_BUNDLE_TEST:-1}; \
QT_QPA_PLATFORM=offscreen $(1) -m pytest $(PYTEST_ARGS) || rc=$$?; \
if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests: that is a failure" >&2; fi; \
exit $$rc
endef

# Install the missing packages of $(1) as root (apt-get update once), else print the exact command.
define apt_ensure
if ! command -v dpkg-query >/dev/null 2>&1; then \
	echo "make: not Debian/Ubuntu: install Qt's xcb libraries and Xvfb with your package manager if Qt fails to start"; \
	exit 0; fi; \
missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q ' installed$$' || echo $$p; done | xargs); \
if [ -z "$$missing" ]; then exit 0; fi; \
if [ "$$(id -u)" = 0 ]; then \
	echo "make: installing system packages Qt needs: $$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
else \
	echo "make: Qt needs system packages that are missing; run:"; \
	echo "    sudo apt-get install -y --no-install-recommends $$missing"; \
fi
endef
