# Two commands for a newcomer: `make site` and `make test`. Everything else is for developers.
PY := .venv/bin/python
STAMP := .venv/.installed-$(shell cat requirements.txt requirements.lock | cksum | cut -d' ' -f1)
N ?=

.PHONY: site form build publish test eval import bench bench-import clean portal-demo bench-portal

$(STAMP): requirements.txt requirements.lock
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt -c requirements.lock
	rm -f .venv/.installed-*
	touch $(STAMP)

# PORT=8001 for another port; the preview answers only 127.0.0.1/localhost (scripts/serve.py says why).
site: $(STAMP)
	@echo "启动本机预览（make site）……"
	@NO_MKDOCS_2_WARNING=true $(PY) scripts/serve.py $(if $(PORT),--port "$$PORT")

# The browser form on this machine: the preview plus the form's local backend (docs/cms.md).
form: $(STAMP)
	@test -x tools/cms/node_modules/.bin/decap-server || npm ci --prefix tools/cms --silent --no-audit --no-fund
	@echo "启动本机预览和表单（make form）……"
	@NO_MKDOCS_2_WARNING=true $(PY) scripts/serve.py --form $(if $(PORT),--port "$$PORT")

build: $(STAMP)
	NO_MKDOCS_2_WARNING=true XIAOBAO_PUBLISH=1 $(PY) -m mkdocs build --strict

# The deployable directory: site with .gz/.br, nginx and Caddy configuration (docs/operators.md).
# OUT (where to write it) and ROOT (where it will live on the server, default /srv/xiaobao/current),
# like FILES below, reach the script through the environment only, as typed.
unexport OUT ROOT
export XIAOBAO_PUBLISH_OUT := $(value OUT)
export XIAOBAO_PUBLISH_ROOT := $(value ROOT)
publish: $(STAMP)
	NO_MKDOCS_2_WARNING=true $(PY) scripts/publish.py

# Both cores (pytest-xdist): one worker per core, at most 4 (each worker holds builds and a Chromium).
# loadgroup keeps a module's tests on one worker when the module builds something once (tests/conftest.py).
# JOBS=0 runs the tests in this process, one after another.
JOBS ?= auto
test: $(STAMP)
	NO_MKDOCS_2_WARNING=true $(PY) -m pytest -q -n $(JOBS) --maxprocesses 4 --dist loadgroup

eval: $(STAMP)
	$(PY) scripts/eval_import.py

# make import FILES="3·15 总结.docx other.docx" (or a folder): the names reach the script through the
# environment only, exactly as typed. FILES itself is never expanded or exported (make would run a
# $(shell …) inside a name while exporting it); $(value …) copies the text as it is, so $, ( and
# spaces in names are ordinary characters and no shell ever reads them.
unexport FILES
export XIAOBAO_IMPORT_FILES := $(value FILES)
import: $(STAMP)
	$(PY) scripts/import_summary.py --names-from-env XIAOBAO_IMPORT_FILES --out campaigns/

bench: $(STAMP)
	$(PY) scripts/bench.py $(if $(N),--n $(N),--write docs/performance.md) $(if $(BASE),--base $(BASE))

bench-import: $(STAMP)
	$(PY) scripts/bench_import.py

clean:
	rm -rf site .pytest_cache

# A portal over member sites (docs/portal.md): three sample members and a portal into portal-demo/.
portal-demo: $(STAMP)
	NO_MKDOCS_2_WARNING=true $(PY) scripts/portal_demo.py --out portal-demo

# make bench-portal N=1000: a simulated portal over N members x 1,000 campaigns from local folders.
bench-portal: $(STAMP)
	nice -n 10 $(PY) scripts/bench_portal.py --members $(or $(N),1000)
