"""Build a throw-away copy of the site with chosen campaign files, the way an editor would.

`build` runs `mkdocs build --strict` in this process, as MkDocs' own CLI does it (load the config,
startup, build, shutdown), with the CLI's log lines captured: no new interpreter, no imports
again, a few seconds less per build. `build_in_subprocess` runs the real command, for what only a
process shows: the exit code and the terminal, a build killed half-way, a fresh hash seed.
Builds in this process share what does not change the site: compiled templates, results of pure
functions, and the background work runs in place (build's helpers below say why).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ["mkdocs.yml", "docs", "hooks", "overrides", "xiaobao", "vendor", "privacy-allowlist.yml", "synonyms.yml"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        return (self.site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def make_tree(root: Path, files: dict[str, str | bytes], with_repo_campaigns: bool = False) -> Path:
    """Copy the site sources into root, then write `files` (paths relative to root)."""
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy(src, root / name)
    if with_repo_campaigns:
        shutil.copytree(REPO / "campaigns", root / "campaigns")
    (root / "campaigns").mkdir(exist_ok=True)
    if any(rel.startswith("docs/") for rel in files) and "synonyms.yml" not in files:
        (root / "synonyms.yml").unlink(missing_ok=True)  # its words are checked against the real pages replaced here
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def _options(options: tuple[str, ...]) -> dict[str, object] | None:
    """The few `mkdocs build` options the tests use, as load_config arguments; None for any other."""
    found: dict[str, object] = {"dirty": False, "strict": True}
    items = list(options)
    while items:
        option = items.pop(0)
        if option in ("-d", "--site-dir") and items:
            found["site_dir"] = items.pop(0)
        elif option == "--dirty":
            found["dirty"] = True
        elif option == "--clean":
            found["dirty"] = False
        elif option in ("--strict", "--no-strict"):
            found["strict"] = option == "--strict"
        else:
            return None
    return found


@contextlib.contextmanager
def _mkdocs_log(quiet: bool) -> Iterator[io.StringIO]:
    """MkDocs' log as its CLI shows it (level, message), captured; -q shows errors only."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate, list(logger.handlers)
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    formatter = ColorFormatter()
    formatter.text_wrapper = textwrap.TextWrapper(width=0)  # one line per message, whatever the terminal's width
    handler.setFormatter(formatter)
    for old in saved[2]:
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR if quiet else logging.INFO)
    logger.propagate = False
    try:
        yield out
    finally:
        logger.removeHandler(handler)
        for old in saved[2]:
            logger.addHandler(old)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


@contextlib.contextmanager
def _inside(root: Path, env: dict[str, str]) -> Iterator[None]:
    """The working directory and environment `mkdocs build` gets when run in root."""
    before, saved = Path.cwd(), {name: os.environ.get(name) for name in env}
    os.chdir(root)
    os.environ.update(env)
    try:
        yield
    finally:
        os.chdir(before)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build(root: Path, timeout: int = 240, options: tuple[str, ...] = (), quiet: bool = True,
          env: dict[str, str] | None = None, fork: bool = False) -> BuildResult:
    """`mkdocs build --strict` in root, in this process. quiet=False keeps warnings: under -q MkDocs
    never sees them, so --strict cannot count them. env: variables set for this build only.
    `timeout` is kept for callers; a build in this process is not interrupted (build_in_subprocess is).
    fork=True forks the background child as the command does; by default its work runs here (_in_place)."""
    parsed = _options(options)
    if parsed is None:
        return build_in_subprocess(root, timeout, options, quiet, env)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = Path(str(parsed.get("site_dir", root / "site")))
    code = 0
    with _inside(root, {"NO_MKDOCS_2_WARNING": "true", **(env or {})}), _mkdocs_log(quiet) as log, _in_place(fork):
        try:
            config = load_config(str(root / "mkdocs.yml"), strict=bool(parsed["strict"]), site_dir=str(site))
            _keep_templates(config)
            with _remembered():
                config.plugins.on_startup(command="build", dirty=bool(parsed["dirty"]))
                try:
                    mkdocs_build(config, dirty=bool(parsed["dirty"]))
                finally:
                    config.plugins.on_shutdown()
        except Abort as abort:
            code = 1
            log.write(f"\n{abort.format_message()}\n")
        except Exception:  # what the CLI would print as a traceback
            code = 1
            log.write(traceback.format_exc())
    return BuildResult(code, log.getvalue(), site)


@contextlib.contextmanager
def _in_place(fork: bool) -> Iterator[None]:
    """The build's background work (search index, QR codes, open data) run in this process at the
    build's end, as where fork does not exist (xiaobao/pipeline/background.py), unless fork=True.
    Why: forking a test worker's large heap cost more CPU than the work itself (about a second a
    build), and under pytest-xdist every core is busy anyway. test_background.py proves the child
    writes the same files as the work run in place; every build_in_subprocess forks it for real."""
    from xiaobao.pipeline import background

    saved = background.CAN_FORK
    background.CAN_FORK = saved and fork
    try:
        yield
    finally:
        background.CAN_FORK = saved


# Pure functions a build calls with the same arguments build after build: (module, name, function) ->
# results by arguments, kept for every build this process runs. Each returns text made only from its
# arguments and the repository's code (which in-process builds run), so the site is the same; the
# functions' own tests call them unremembered. Seconds a build: the CMS config.yml (0.3 s), the QR
# codes (40 ms each), the pruned theme stylesheets, the minified scripts, and jieba's cut of each text
# the search dictionary reads (about a quarter of a small build: the docs pages are the same build after
# build; a set of words made only from the text, see xiaobao/search/dictionary.py).
_PURE = [("xiaobao.outputs.qrfiles", "qr_svg"), ("steps.assets", "cms_config"), ("steps.assets", "prune"),
         ("steps.assets", "drop_unused_icons"), ("steps.assets", "minified"), ("xiaobao.search.dictionary", "_words")]
_MEMOS: dict[tuple[str, str, object], dict[object, object]] = {}


@contextlib.contextmanager
def _remembered() -> Iterator[None]:
    """The _PURE functions answer from _MEMOS while this build runs (the hooks are loaded by now)."""
    saved = []
    for module_name, name in _PURE:
        module = sys.modules.get(module_name)
        if module is None or not hasattr(module, name):
            continue
        function = getattr(module, name)  # a test's stand-in for it gets a memo of its own
        saved.append((module, name, function))
        setattr(module, name, _remember(function, _MEMOS.setdefault((module_name, name, function), {})))
    try:
        yield
    finally:
        for module, name, function in saved:
            setattr(module, name, function)


def _exact(value: object) -> object:
    """value as a key that tells apart any two different arguments (a pattern's repr is cut at 200 characters)."""
    if isinstance(value, re.Pattern):
        return ("pattern", value.pattern, value.flags)
    if value is None or isinstance(value, (str, bytes, bool, int, float)):
        return value
    return ("repr", type(value).__qualname__, repr(value))


def _remember(function, memo: dict[object, object]):
    def remembered(*args, **kwargs):
        key = (tuple(_exact(a) for a in args), tuple((k, _exact(v)) for k, v in sorted(kwargs.items())))
        if key not in memo:
            memo[key] = function(*args, **kwargs)
        found = memo[key]
        return set(found) if isinstance(found, set) else found  # a caller may change the set it gets
    return remembered


_TEMPLATES: list = []  # one KeptTemplates for every build this process runs


def _keep_templates(config) -> None:
    """The theme's compiled templates kept from one build in this process to the next, as `mkdocs
    serve` keeps them from one save to the next (xiaobao/pipeline/templates.py): Jinja checks each
    against its source, so the pages are the same; only the compiling (about 40 templates) is saved."""
    from xiaobao.pipeline.templates import KeptTemplates

    if not _TEMPLATES:
        _TEMPLATES.append(KeptTemplates())
    theme, make_env = config.theme, config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = env.bytecode_cache or _TEMPLATES[0]
        return env

    theme.get_env = get_env


def build_in_subprocess(root: Path, timeout: int = 240, options: tuple[str, ...] = (), quiet: bool = True,
                        env: dict[str, str] | None = None) -> BuildResult:
    """The real `mkdocs build --strict` command in root, in a new interpreter."""
    return start_in_subprocess(root, options, quiet, env).result(timeout)


class Running:
    """A build command started in the background, so a test can build in this process meanwhile."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str], site: Path) -> None:
        self.site, self._log = site, tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT, text=True)

    def result(self, timeout: int = 600) -> BuildResult:
        try:
            code = self._proc.wait(timeout=timeout)
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
        self._log.seek(0)
        output = self._log.read()
        self._log.close()
        return BuildResult(code, output, self.site)


def start_in_subprocess(root: Path, options: tuple[str, ...] = (), quiet: bool = True, env: dict[str, str] | None = None,
                        command: tuple[str, ...] = ("mkdocs",), pythonpath: Path | None = None) -> Running:
    """`<command> build --strict` in root in a new interpreter (a random hash seed), started now."""
    variables = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(pythonpath or root),
                 "PYTHONHASHSEED": "random", **(env or {})}
    strict = [] if "--no-strict" in options else ["--strict"]
    parsed = _options(options) or {}
    site = Path(str(parsed.get("site_dir", root / "site")))
    args = [sys.executable, "-m", *command, "build", *strict, *(["-q"] if quiet else []), *options]
    return Running(args, root, variables, site)


def get(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


@contextmanager
def serving(root: Path, page: str, expect: str = "", seconds: float = 900, script: Path | None = None) -> Iterator[str]:
    """`make site` on root (mkdocs serve --dirty) on a free port: yields the page's URL once the
    page answers (and holds `expect`). The server's output goes to root/serve.log, which a failure names.
    script: a scripts/serve.py to run it with, as `make site` does (its own file watching included)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (root / "serve.log").open("w")  # a pipe nobody reads would fill up and stall the server
    command = ([sys.executable, str(script), "--port", str(port)] if script else
               [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"])
    proc = subprocess.Popen(command,
                            cwd=root, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)})
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.time() + seconds
        while not (text := get(url)) or expect not in text:
            if time.time() > deadline:
                raise TimeoutError(f"mkdocs serve did not show {url}:\n{(root / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
