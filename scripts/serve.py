"""The preview behind `make site` (and the form's local backend behind `make form`).

    python scripts/serve.py                # mkdocs serve --dirty on http://127.0.0.1:8000/
    python scripts/serve.py --port 8001    # another port (make site PORT=8001)
    python scripts/serve.py --form         # and the browser form's local backend (decap-server, tools/cms)

What it adds to `mkdocs serve` (xiaobao/site/preview.py says why):
- a port already in use is said in Chinese with the fix, before the first build, never as a traceback;
- only requests addressed to 127.0.0.1 or localhost are answered (no DNS rebinding);
- the form's page (/admin/) gets no reload-after-rebuild script: a save must not restart the form;
- a save is noticed when the file is written (inotify, xiaobao/site/preview.py: change_observer), not
  by MkDocs' polling every 0.5 s, which also stats every campaign and theme file twice a second;
- the installed theme's files are listed once per process (keep_theme_files), not on every save;
- a file of the served site a save would write with the same bytes is left alone (keep_unchanged_files);
- a save's leftovers are collected after the browser was told to reload, not during the save (collect_after);
- with --form, decap-server (pinned in tools/cms/package-lock.json) runs on a free port of 127.0.0.1
  and the preview passes the form's /api/v1 requests to it, so the form writes the files of this
  repository and nothing else on the network can.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import signal
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from xiaobao.site.preview import (CHANGES, REFUSED, allowed_host, change_observer, port_message,  # noqa: E402
                                  port_taken, publish_rebuild, reloads)

DECAP_SERVER = REPO / "tools" / "cms" / "node_modules" / ".bin" / "decap-server"
API = "/api/v1"  # where the form looks for its local backend (xiaobao/outputs/cms.py local_backend)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_backend() -> tuple[subprocess.Popen, int]:
    """decap-server on a free port of 127.0.0.1, writing into this repository (MODE=fs)."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(REPO),
           "LOG_LEVEL": "warn"}
    proc = subprocess.Popen([str(DECAP_SERVER)], cwd=REPO, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None and not port_taken(port):
        time.sleep(0.2)
    return proc, port


def _cors(environ, port: int) -> list[tuple[str, str]]:
    """The form opened as http://localhost:PORT calls http://127.0.0.1:PORT/api/v1: allow exactly those two pages."""
    origin = environ.get("HTTP_ORIGIN", "")
    if origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        return [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Methods", "POST"),
                ("Access-Control-Allow-Headers", "Content-Type"), ("Vary", "Origin")]
    return []


def _proxy(environ, start_response, backend: int, port: int):
    """Pass one form request to decap-server and its answer back."""
    if environ["REQUEST_METHOD"] == "OPTIONS":
        start_response("204 No Content", _cors(environ, port))
        return [b""]
    if environ.get("HTTP_ORIGIN") and not _cors(environ, port) or environ.get("CONTENT_TYPE", "").split(";")[0] != "application/json":
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])  # another site's page: no writes
        return ["表单的本机后台只接受本机预览里的表单。".encode("utf-8")]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else None
    request = urllib.request.Request(f"http://127.0.0.1:{backend}{API}", data=body, method=environ["REQUEST_METHOD"],
                                     headers={"Content-Type": environ.get("CONTENT_TYPE") or "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            status, data, kind = f"{answer.status} {answer.reason}", answer.read(), answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        status, data, kind = f"{err.code} {err.reason}", err.read(), err.headers.get("Content-Type", "")
    except OSError:
        status, data, kind = "502 Bad Gateway", "表单的本机后台没有回答，请重新运行 make form。".encode(), "text/plain; charset=utf-8"
    start_response(status, [("Content-Type", kind or "application/json"), ("Cache-Control", "no-store"), *_cors(environ, port)])
    return [data]


def guard(port: int, backend: int | None) -> None:
    """Every request the preview server answers passes here first (patched in before it starts)."""
    from mkdocs.livereload import LiveReloadServer

    serve_request = LiveReloadServer.serve_request
    inject = LiveReloadServer._inject_js_into_html
    init = LiveReloadServer.__init__
    request = threading.local()  # the path being answered (each request has its own thread)

    def guarded(self, environ, start_response):
        if not allowed_host(environ.get("HTTP_HOST"), port):
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [REFUSED.encode("utf-8")]
        if backend and environ.get("PATH_INFO") == API:
            return _proxy(environ, start_response, backend, port)
        request.path = environ.get("PATH_INFO", "")
        return serve_request(self, environ, start_response)

    def injected(self, content, epoch):
        if not reloads(getattr(request, "path", "")):
            return content
        return with_error(inject(self, content, epoch), getattr(self, "xiaobao_banner", b""))

    def observed(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.observer = change_observer(self.observer)  # nothing is scheduled on it yet
        self.builder = collect_after(self, self.builder)
        self.build_delay = BUILD_DELAY
        recheck_while_idle(self)

    LiveReloadServer.serve_request = guarded  # type: ignore[method-assign]
    LiveReloadServer.__init__ = observed  # type: ignore[method-assign]
    LiveReloadServer._inject_js_into_html = injected  # type: ignore[method-assign]


def collect_after(server, builder):
    """The server's rebuild with Python's cyclic collector off while it runs; once it succeeded, the
    browsers are told to reload (as MkDocs does right after) and only then is the save's garbage collected.

    Why: a save at 10,000 campaigns makes a million short-lived objects; the collector paused it
    several times for 0.2-0.8 s in all (measure_save.py's saves_gc_s). Only saves come here (MkDocs
    calls its own builder for the first build), and the first build froze what it keeps
    (xiaobao.pipeline.state.Session.settle), so this collection walks only what saves made."""

    def build(*args, **kwargs):
        was_on = gc.isenabled()
        gc.disable()
        try:
            with BUILDING:
                CHANGES.take()  # first: what changed from here on is the next build's (xiaobao.site.preview.Changes)
                builder(*args, **kwargs)
        except BaseException as error:
            CHANGES.lose()  # what this build took may be half used: the next one checks every file
            if was_on:
                gc.enable()
            if isinstance(error, Exception):
                show_error(server, error)
            raise
        publish_rebuild(server)  # what MkDocs' build loop does next (mkdocs.livereload: _build_loop)
        if was_on:
            gc.enable()
            gc.collect()
        RECHECK_NOW.set()  # the check for missed changes, in its own thread (recheck_while_idle)

    return build


def show_error(server, error: Exception) -> None:
    """A save's build failed: every page the preview answers says so at its top, and the browsers
    reload to show it. Before, such an error was in the terminal only: raised after the reload
    (feed, link check, sitemap) the browser showed the new pages as if all was well; raised
    before it, the preview answered nothing until a save built (MkDocs: 'the server will appear
    stuck'), so its pages are answered again, as the last build left them."""
    import html

    published = server._visible_epoch == server._wanted_epoch  # the pages were written and shown (steps/reload.py)
    from mkdocs.exceptions import MkDocsException

    cause = error
    while isinstance(cause, MkDocsException) and cause.__context__ is not None and "Aborted" in str(cause):
        cause = cause.__context__  # MkDocs' "Aborted with a BuildError!" stands for the step's own message
    what = str(cause) if isinstance(cause, MkDocsException) else f"{type(cause).__name__}: {cause}"
    head = ("页面已经更新，但这次保存之后的步骤出错了" if published else
            "这次保存没有生成成功，下面还是上一次生成的页面")
    text = f"{head}（终端里有详细信息）。改好文件保存后会自己刷新。\n{what.strip()[:2000]}"
    server.xiaobao_banner = (f'<div role="alert" class="xb-preview-error" style="position:sticky;top:0;z-index:1000;'
                       f'background:#b71c1c;color:#fff;padding:.75em 1em;font-size:1rem;line-height:1.5;'
                       f'white-space:pre-wrap">{html.escape(text)}</div>').encode("utf-8")  # one assignment: request threads read it whole
    with server._epoch_cond:
        server._wanted_epoch = server._visible_epoch = max(server._visible_epoch + 1, time.monotonic_ns() // 1_000_000)
        server._epoch_cond.notify_all()


def with_error(content: bytes, banner: bytes) -> bytes:
    """The page with the last save's error (show_error's banner) at the top of its body, or as it is."""
    if not banner:
        return content
    found = re.search(rb"<body[^>]*>", content)
    at = found.end() if found else 0
    return content[:at] + banner + content[at:]


BUILD_DELAY = 0.03  # seconds without another event before a save's build starts (MkDocs waits 0.1)
BUILDING = threading.Lock()  # held while a build runs: the idle check waits its turn
RECHECK_NOW = threading.Event()  # a save's build is done: check for missed changes now
RECHECK_SECONDS = float(os.environ.get("XIAOBAO_PREVIEW_RECHECK") or 10)


def recheck(server) -> bool:
    """Compare every campaign file with what the last build read; when one differs (its change
    came with no event: a hard link from outside the watched folder, a lost event), note it and
    build again. After each save's reload and every RECHECK_SECONDS while idle."""
    from xiaobao.campaigns.catalog import folder_entries

    stale = CHANGES.stale(folder_entries, stop=lambda: server._want_rebuild)  # a save does not wait for the check
    noted = CHANGES.pending()  # saved since the last build began: their events came, their build is due
    stale -= noted or set()
    if not stale:
        return False
    print(f"预览：{len(stale)} 个文件的改动没有收到通知（例如 {sorted(stale)[0]}），重新生成", file=sys.stderr, flush=True)
    CHANGES.note(*stale)
    rebuild(server)
    return True


def rebuild(server) -> None:
    """Ask MkDocs' build loop for a build, as a file event does."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def recheck_while_idle(server) -> None:
    """The check of recheck() after each save's build and at an interval, in a thread of its own
    (a save's build does not wait for it), never during a build."""
    def loop() -> None:
        while not server._shutdown:
            RECHECK_NOW.wait(RECHECK_SECONDS)
            RECHECK_NOW.clear()
            if server._want_rebuild or not BUILDING.acquire(blocking=False):
                continue
            if CHANGES.dropped:  # the kernel dropped events (nothing else may come): build, checking every file
                CHANGES.dropped = False
                BUILDING.release()
                rebuild(server)
                continue
            try:
                recheck(server)
            except Exception as error:  # a folder removed under the check: the next build says what is wrong
                print(f"预览：检查文件时出错（{error}）", file=sys.stderr, flush=True)
            finally:
                BUILDING.release()

    threading.Thread(target=loop, name="xiaobao-recheck", daemon=True).start()


def keep_theme_files() -> None:
    """MkDocs lists every file of every theme folder on each build (Files.add_files_from_theme):
    Material's 14,000 icons are walked, matched against ten patterns and stat'ed on every save, a
    second of a save at 10,000 campaigns on a loaded machine. The preview lists an installed
    theme's folder once per process (it changes only when the packages do, and `make site`
    restarts then); a folder of this repository (overrides/) is listed again on every build. The
    same files in the same order as MkDocs' own listing (tests/test_preview_serve.py)."""
    import fnmatch

    import jinja2
    from mkdocs import utils
    from mkdocs.structure.files import File, Files

    original = Files.add_files_from_theme
    # Compared as real paths on both sides: a .venv that is a symbolic link to a shared environment
    # gave theme folders whose real path never began with the link's path, so they were listed on every save.
    installed = tuple({os.path.join(os.path.realpath(sysconfig.get_paths()[k]), "") for k in ("purelib", "platlib")})
    listed: dict[tuple, list[str]] = {}

    def folder(path: str, skip: tuple[str, ...]) -> list[str]:
        """The folder's files MkDocs would take, relative, as jinja's loader lists them."""
        def wanted(name: str) -> bool:
            return not any(fnmatch.fnmatch(name.lower(), pattern) for pattern in skip)
        key = (path, skip)
        if key in listed:
            return listed[key]
        names = [n for n in jinja2.FileSystemLoader(path).list_templates() if wanted(n)]
        if os.path.join(os.path.realpath(path), "").startswith(installed):
            listed[key] = names
        return names

    def add_files_from_theme(self, env, config) -> None:
        dirs = list(config.theme.dirs)
        loader = env.loader
        if not (type(loader) is jinja2.FileSystemLoader and list(loader.searchpath) == dirs):
            return original(self, env, config)
        skip = ('.*', '*/.*', '*.py', '*.pyc', '*.html', '*readme*', 'mkdocs_theme.yml', "locales/*",
                *(f'*{x}' for x in utils.markdown_extensions), *config.theme.static_templates)
        first: dict[str, str] = {}
        for path in dirs:
            for name in folder(path, skip):
                first.setdefault(name, path)
        for name in sorted(first):
            if self.get_file_from_path(name) is None:  # theme files do not override docs_dir files
                self.append(File(name, first[name], config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


def keep_unchanged_files() -> None:
    """A save's build leaves a file of the served site alone when it would write the same bytes
    again: MkDocs writes every menu page it renders (about 30, most of them as before: steps/themed.py
    keeps their output) and every file whose content it holds (the pruned stylesheets, the form's
    configuration) on every build. Opening an existing file for writing truncates it first, and on a
    busy disk that cost 5-10 ms a file, 0.2-0.3 s of a save at 10,000 campaigns. Reading and
    comparing first costs a fraction of that; a file whose bytes differ is written as MkDocs does.
    The served site is a folder of its own that MkDocs makes for the preview, so no other writer
    can have changed a file behind this comparison."""
    from mkdocs import utils
    from mkdocs.structure.files import File

    write = utils.write_file
    copy = File.copy_file

    def same(content: bytes, path: str) -> bool:
        try:
            if os.stat(path).st_size != len(content):
                return False
            with open(path, "rb") as f:
                return f.read() == content
        except OSError:
            return False

    def write_file(content: bytes, output_path: str) -> None:
        if not same(content, output_path):
            write(content, output_path)

    def copy_file(self, dirty: bool = False) -> None:
        content = getattr(self, "_content", None)
        if dirty and content is not None and not os.path.isdir(self.abs_dest_path):
            data = content.encode("utf-8") if isinstance(content, str) else content
            if isinstance(data, bytes) and same(data, self.abs_dest_path):
                return
        copy(self, dirty)

    utils.write_file = write_file
    File.copy_file = copy_file  # type: ignore[method-assign]


def config_stamps(path: str | None) -> tuple:
    """What a loaded configuration was made from, as the file system has it: mkdocs.yml and the
    files it inherits from (INHERIT), each (path, mtime_ns, ctime_ns, size, inode)."""
    stamps = []
    seen: set[str] = set()
    while path and path not in seen and len(seen) < 10:
        seen.add(path)
        try:
            info = os.stat(path)
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            stamps.append((path, None))
            break
        stamps.append((path, info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))
        parent = re.search(r"(?m)^INHERIT:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", text)
        path = os.path.normpath(os.path.join(os.path.dirname(path), parent.group(1))) if parent else None
    return tuple(stamps)


def keep_config() -> None:
    """A save's build uses the configuration loaded before when mkdocs.yml and the files it inherits
    from are unchanged (their stamps, and no event of the watcher names them), instead of MkDocs
    loading and validating it again on every save (0.13-0.23 s at 10,000 campaigns: YAML, the
    theme, the Markdown extensions). A build changes one value of it, site_url, which MkDocs' serve
    sets again before each build; `watch` is put back as loaded."""
    from mkdocs.commands import serve as command

    load = command.load_config
    kept: dict[tuple, tuple] = {}

    def load_config(config_file=None, **kwargs):
        key = (config_file if isinstance(config_file, (str, type(None))) else id(config_file), repr(sorted(kwargs.items())))
        found = kept.get(key)
        if found is not None:
            config, stamps, watch = found
            if stamps == config_stamps(os.path.abspath(config.config_file_path)) and not CHANGES.touched({s[0] for s in stamps}):
                config.watch[:] = watch
                return config
        kept.clear()
        path = config_file if isinstance(config_file, str) else ("mkdocs.yml" if config_file is None else None)
        stamps = config_stamps(os.path.abspath(path)) if path else ()
        config = load(config_file=config_file, **kwargs)
        if stamps and stamps[0][0] == os.path.abspath(config.config_file_path):
            kept[key] = (config, stamps, list(config.watch))
        return config

    command.load_config = load_config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", default=os.environ.get("PORT") or "8000")
    parser.add_argument("--form", action="store_true", help="also start the browser form's local backend")
    args = parser.parse_args()
    command = "make form" if args.form else "make site"
    if not (args.port.isascii() and args.port.isdigit() and 1 <= int(args.port) <= 65535):
        print(f"端口要写 1 到 65535 之间的数字，例如 {command} PORT=8001", file=sys.stderr)
        return 2
    args.port = int(args.port)
    if port_taken(args.port):
        print(port_message(args.port, command=command), file=sys.stderr)
        return 1
    backend = None
    if args.form:
        if not DECAP_SERVER.exists():
            print("表单的本机后台还没有安装：请先运行 npm ci --prefix tools/cms（make form 会自动运行）", file=sys.stderr)
            return 1
        backend_proc, backend = start_backend()
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a stopped preview stops its backend too (finally)
        print(f"表单：打开 http://127.0.0.1:{args.port}/admin/ ，点“登录”，改动直接写进本机的 campaigns/ 文件夹", flush=True)
    guard(args.port, backend)
    keep_theme_files()
    keep_config()
    keep_unchanged_files()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    from mkdocs.__main__ import cli

    try:
        cli.main(args=["serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{args.port}"], prog_name="mkdocs",
                 standalone_mode=False)
    except OSError as err:  # the port was taken while the site was being built
        if err.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        print(port_message(args.port, command=command), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        if backend:
            backend_proc.terminate()
            backend_proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
