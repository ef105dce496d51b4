"""make site (scripts/serve.py): a taken port said in Chinese with the fix, only 127.0.0.1/localhost answered
(DNS rebinding), and the broken file's own page showing its problems while the editor has it open."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitebuild import get, make_tree
from test_build import CAMPAIGN
from xiaobao.site.preview import allowed_host, broken_pages, port_taken, reloads, slug_of_file

REPO = Path(__file__).resolve().parent.parent
SERVE = REPO / "scripts" / "serve.py"


def test_only_local_names_are_answered():
    for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "127.0.0.1"]:
        assert allowed_host(host, 8000), host
    for host in ["evil.example:8000", "127.0.0.1.evil.example:8000", "localhost:8001", "", None, "[::1]:8000",
                 "localhost:8000@evil", "192.168.1.5:8000", "localhost.:8000"]:
        assert not allowed_host(host, 8000), host


def test_the_form_is_not_reloaded_by_a_rebuild():
    assert reloads("/campaigns/icbc-315/") and reloads("/") and reloads("/administration/")
    assert not reloads("/admin/") and not reloads("/admin/index.html") and not reloads("/admin")


def test_broken_file_keeps_its_address():
    read = {"campaigns/2024/a.md": "---\nslug: icbc-315\norg_type：bank\n", "campaigns/2024/b-c.md": "---\ntitle: [\n"}.get
    pages = broken_pages({"campaigns/2024/a.md", "campaigns/2024/b-c.md", "campaigns/2024/known.md", "docs/x.md"},
                         {"campaigns/2024/known.md": "was-here"}, read)
    assert pages == {"campaigns/icbc-315.md": "campaigns/2024/a.md", "campaigns/b-c.md": "campaigns/2024/b-c.md",
                     "campaigns/was-here.md": "campaigns/2024/known.md"}
    assert slug_of_file("slug: 'Bad Slug'\n", "stem") == "stem"


def test_taken_port_is_said_in_chinese_with_the_fix():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert port_taken(port)
        done = subprocess.run([sys.executable, str(SERVE), "--port", str(port)], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "true"})
    assert done.returncode == 1
    assert f"端口 {port} 已经被别的程序占用" in done.stderr and f"make site PORT={port + 1}" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_make_site_on_a_taken_port_and_a_wrong_port(tmp_path):
    """The real command: `make site PORT=…` reaches scripts/serve.py, which answers before any build."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "PORT")}
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(["make", "-s", "site", f"PORT={port}"], cwd=REPO, capture_output=True, text=True,
                              timeout=120, env=env)
    assert done.returncode != 0 and f"端口 {port} 已经被别的程序占用" in done.stderr, done.stdout + done.stderr
    assert f"make site PORT={port + 1}" in done.stderr and "Traceback" not in done.stdout + done.stderr
    if not (REPO / "tools" / "cms" / "node_modules" / ".bin" / "decap-server").exists():
        return  # make form would install it first (npm ci): not here
    done = subprocess.run(["make", "-s", "form", "PORT=8o8o"], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode != 0 and "make form PORT=8001" in done.stderr and "Traceback" not in done.stderr, done.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(url: str, host: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _until(url: str, expect: str, log: Path, seconds: float = 90) -> str:
    deadline = time.time() + seconds
    while expect not in (text := get(url)):
        assert time.time() < deadline, f"{expect!r} never appeared at {url}:\n{log.read_text(encoding='utf-8')[-3000:]}"
        time.sleep(0.3)
    return text


@pytest.mark.build
def test_preview_answers_localhost_only_and_shows_the_broken_page(tmp_path):
    root = make_tree(tmp_path, {"campaigns/2024/icbc-nantong-315.md": CAMPAIGN})
    (root / "scripts").mkdir()
    shutil.copy(SERVE, root / "scripts" / "serve.py")
    port = _free_port()
    log_path = root / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port)], cwd=root, stdout=log,
                            stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)})
    base = f"http://127.0.0.1:{port}/"
    page = base + "campaigns/icbc-nantong-315/"
    try:
        _until(page, "工商银行南通分行", log_path, 600)
        assert _ask(page, f"localhost:{port}")[0] == 200
        status, text = _ask(page, f"rebind.example:{port}")  # a page elsewhere whose name now points here
        assert status == 403 and "只回答本机地址" in text and "工商银行" not in text
        path = root / "campaigns/2024/icbc-nantong-315.md"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("org_type: bank", "org_type：bank"), encoding="utf-8")  # a typo in the front matter
        text = _until(page, "你打开的这一篇（campaigns/2024/icbc-nantong-315.md）", log_path)
        assert "中文冒号" in text and "工商银行南通分行“3·15”宣传</h1>" not in text
        path.write_text(good.replace("summary: ", "summary: 改好了，", 1), encoding="utf-8")
        _until(page, "改好了", log_path)
        # A link to a page that does not exist: the page is shown as soon as it is written (steps/reload.py),
        # then the link check lists the broken link on every page and the browsers reload again.
        path.write_text(good.rstrip("\n") + "\n\n另见[没有的页面](../no-such-page/)。\n", encoding="utf-8")
        text = _until(page, "个链接指向不存在的页面或文件", log_path)
        epoch = re.search(r"livereload\((\d+),", text).group(1)
        status, newest = _ask(f"{base}livereload/0/1", f"127.0.0.1:{port}")
        assert status == 200 and newest == epoch  # the list is what the last reload shows
        path.write_text(good, encoding="utf-8")
        _until(page, "工商银行南通分行“3·15”宣传</h1>", log_path)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


def _serve_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("serve_under_test", SERVE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_theme_files_listed_once_are_the_files_mkdocs_lists(tmp_path, monkeypatch):
    """keep_theme_files (scripts/serve.py) gives the same theme files, from the same folders, in the
    same order as MkDocs' own listing, on the first build and from its memory on the next; a file
    added to overrides/ between two builds is found, as MkDocs would find it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, get_files

    root = make_tree(tmp_path, {})
    monkeypatch.chdir(root)
    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)  # restored after the test

    def listed() -> list[tuple[str, str]]:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
        return [(f.src_uri, f.abs_src_path) for f in files]

    mkdocs_own = listed()
    assert sum("/material/" in path for _, path in mkdocs_own) > 20, mkdocs_own
    _serve_module().keep_theme_files()
    assert listed() == mkdocs_own
    assert listed() == mkdocs_own  # from memory
    (root / "overrides" / "assets").mkdir(parents=True, exist_ok=True)
    (root / "overrides" / "assets" / "added-by-a-developer.js").write_text("// new\n", encoding="utf-8")
    again = listed()
    assert ("assets/added-by-a-developer.js", str(root / "overrides" / "assets" / "added-by-a-developer.js")) in again
    assert len(again) == len(mkdocs_own) + 1


def test_the_installed_theme_is_listed_once_through_a_linked_environment(tmp_path, monkeypatch):
    """keep_theme_files remembers the installed theme's folders also when the environment's path is a
    symbolic link (a .venv linked to a shared one): before, their real path never began with the
    link's path and the 14,000 files were listed again on every save."""
    import jinja2
    import sysconfig

    real = tmp_path / "real-env"
    theme = real / "site-packages" / "sometheme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "one.js").write_text("//\n", encoding="utf-8")
    link = tmp_path / "linked-env"
    link.symlink_to(real)
    theme = link / "site-packages" / "sometheme"  # as MkDocs finds it: through the link
    paths = {"purelib": str(link / "site-packages"), "platlib": str(link / "site-packages")}
    monkeypatch.setattr(sysconfig, "get_paths", lambda *a, **k: paths)
    from mkdocs.structure.files import Files

    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)  # restored after the test
    calls = []
    listing = jinja2.FileSystemLoader.list_templates
    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", lambda self: calls.append(1) or listing(self))
    _serve_module().keep_theme_files()

    class Theme:
        dirs = [str(theme)]
        static_templates: list[str] = []

    class Config:
        theme = Theme()
        site_dir = str(tmp_path / "site")
        use_directory_urls = True

    for _ in range(3):
        files = Files([])
        files.add_files_from_theme(jinja2.Environment(loader=jinja2.FileSystemLoader([str(theme)])), Config())
        assert [f.src_uri for f in files] == ["assets/one.js"]
    assert len(calls) == 1  # listed on the first build only


def test_a_file_with_the_same_bytes_is_not_written_again(tmp_path, monkeypatch):
    """keep_unchanged_files: MkDocs' write of a page and its copy of a file it holds as text leave a
    file with the same bytes alone (same inode, same modification time) and write a changed one."""
    from mkdocs import utils
    from mkdocs.structure.files import File

    monkeypatch.setattr(utils, "write_file", utils.write_file)  # restored after the test
    monkeypatch.setattr(File, "copy_file", File.copy_file)
    _serve_module().keep_unchanged_files()
    page = tmp_path / "site" / "a" / "index.html"
    utils.write_file("<p>一</p>".encode(), str(page))
    assert page.read_text(encoding="utf-8") == "<p>一</p>"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    utils.write_file("<p>一</p>".encode(), str(page))
    assert page.stat().st_mtime_ns == 1_000_000_000
    utils.write_file("<p>二</p>".encode(), str(page))
    assert page.read_text(encoding="utf-8") == "<p>二</p>" and page.stat().st_mtime_ns != 1_000_000_000
    utils.write_file("<p>二三</p>".encode(), str(page))  # longer: written
    assert page.read_text(encoding="utf-8") == "<p>二三</p>"

    class Plugins:
        _current_plugin = None

    class Config:
        site_dir = str(tmp_path / "site")
        use_directory_urls = True
        plugins = Plugins()

    css = File.generated(Config(), "assets/x.css", content="a{color:red}")
    css.copy_file(dirty=True)
    target = Path(css.abs_dest_path)
    assert target.read_text(encoding="utf-8") == "a{color:red}"
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    File.generated(Config(), "assets/x.css", content="a{color:red}").copy_file(dirty=True)
    assert target.stat().st_mtime_ns == 1_000_000_000
    File.generated(Config(), "assets/x.css", content="a{color:blue}").copy_file(dirty=True)
    assert target.read_text(encoding="utf-8") == "a{color:blue}"
