"""`make form` as an editor with only the form runs it: scripts/serve.py --form starts the preview and the
pinned decap-server behind the preview's /api/v1; Chromium opens http://127.0.0.1:PORT/admin/, creates a
campaign, sends it for review; the reviewer finds its address on the preview's review page and publishes
it; the preview shows the page and a --strict build has it. Every save goes through the preview's proxy,
the form is not reloaded under the editor's hands by the preview's rebuilds, and nothing but the preview
may write through the proxy.

tests/browser/test_cms_form.py drives the form against decap-server directly, for every field and seed file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import build, get, make_tree
from test_build import CAMPAIGN
from test_cms_form import PAST, _choose, _meta, _retype, _save, _shot
from xiaobao.campaigns.addresses import derived_slug

pytestmark = [pytest.mark.browser, pytest.mark.build]
REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "tools" / "cms" / "node_modules"
ORG = "农业银行某县支行"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _until(url: str, expect: str, log: Path, seconds: float) -> str:
    deadline = time.time() + seconds
    while expect not in (text := get(url)):
        assert time.time() < deadline, f"{expect!r} never appeared at {url}:\n{log.read_text(encoding='utf-8')[-3000:]}"
        time.sleep(0.5)
    return text


def _post(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=json.dumps({"action": "info", "params": {}}).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.fixture(scope="module")
def make_form(tmp_path_factory) -> Iterator[tuple[Path, str, Path]]:
    """(repository copy, preview URL, log) of `make form` running on a free port."""
    if not (NODE_MODULES / ".bin" / "decap-server").exists():
        if os.environ.get("CI"):
            pytest.fail("decap-server is missing: .ci/run installs it with npm ci --prefix tools/cms")
        pytest.skip("decap-server not installed (npm ci --prefix tools/cms)")
    root = make_tree(tmp_path_factory.mktemp("make-form"), {"campaigns/2024/icbc-nantong-315.md": CAMPAIGN})
    (root / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "serve.py", root / "scripts" / "serve.py")
    (root / "tools" / "cms").mkdir(parents=True)
    (root / "tools" / "cms" / "node_modules").symlink_to(NODE_MODULES)
    port = _free_port()
    log_path = root / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--form", "--port", str(port)], cwd=root, stdout=log,
                            stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)})
    url = f"http://127.0.0.1:{port}/"
    try:
        _until(url + "admin/config.yml", f"http://127.0.0.1:{port}/api/v1", log_path, 600)
        yield root, url, log_path
    finally:
        backend = _children(proc.pid)
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
    assert backend, "make form started no decap-server"
    time.sleep(1)
    assert not [pid for pid in backend if Path(f"/proc/{pid}").exists()], "decap-server outlived the preview"


def _children(pid: int) -> list[int]:
    """Processes whose parent is pid (decap-server is the preview's child): read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_only_the_preview_pages_may_write_through_the_proxy(make_form):
    _, url, _ = make_form
    api = url + "api/v1"
    port = urlsplit(url).port
    assert _post(api, {"Origin": url.rstrip("/")}) == 200
    assert _post(api, {"Origin": f"http://localhost:{port}"}) == 200
    assert _post(api, {"Origin": "http://evil.example"}) == 403  # another site's page in the editor's browser
    assert _post(api, {"Host": f"evil.example:{port}"}) == 403  # a name rebound to 127.0.0.1
    request = urllib.request.Request(api, data=b"action=info", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:  # a plain HTML form elsewhere cannot send JSON
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_an_editor_with_only_the_form_publishes_a_campaign(browser, make_form):
    root, url, log = make_form
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    try:
        tab.goto(url + "admin/")
        tab.get_by_role("button", name="登录").click()
        tab.wait_for_function("location.hash.startsWith('#/collections/')")
        tab.evaluate("window.xiaobaoSameForm = true")  # gone if the preview's rebuild reloads the form
        tab.goto(f"{url}admin/#/collections/campaigns-{PAST}/new")
        tab.get_by_label("标题").wait_for()
        tab.get_by_label("标题").fill("某县支行“3·15”消费者权益日宣传")
        tab.get_by_label("组织单位").fill(ORG)
        _choose(tab, "org_type", "银行")
        tab.get_by_label("开始日期 (可选)").fill(f"{PAST}-03-15")
        _choose(tab, "topics", "防范电信网络诈骗")
        tab.get_by_label("一句话概述").fill("某县支行在网点开展宣传，发放宣传折页500份。")
        tab.get_by_label("总结正文").fill("某县支行在网点开展宣传，共发放宣传折页500份。")
        box = tab.locator("[id^=materials-field]").first
        box.locator("[data-testid=expand-button]").first.click()
        box.locator("[id^=value-field]").fill("500")
        box.locator("[id^=quote-field]").fill("共发放宣传折页500份")
        _save(tab)
        path = root / "campaigns" / PAST / "draft.md"
        assert _meta(path)[0]["status"] == "draft"
        _choose(tab, "status", "送审（写完了，请审核人核对）")
        _save(tab)
        assert _meta(path)[0]["status"] == "submitted"

        slug = derived_slug(ORG, f"{PAST}-03-15")
        review = _until(url + "review/", f"campaigns/{slug}/", log, 300)  # the preview rebuilt with the new file
        assert ORG in review
        time.sleep(2)  # a reload would follow the rebuild at once
        assert tab.evaluate("window.xiaobaoSameForm === true"), "the preview's rebuild reloaded the form"
        _shot(tab, "make-form-submitted")

        _choose(tab, "status", "已核对，可以发布")  # the reviewer, with the address the review page gave
        _retype(tab.get_by_label("网址名 (可选)"), slug)
        _save(tab)
        assert _meta(path)[0] == {**_meta(path)[0], "status": "published", "slug": slug}
        page = _until(f"{url}campaigns/{slug}/", "某县支行“3·15”消费者权益日宣传", log, 300)
        assert "500 份" in page
        assert tab.evaluate("window.xiaobaoSameForm === true")
    finally:
        context.close()
    foreign = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
                      and urlsplit(u).hostname != "127.0.0.1"})
    assert not foreign, f"the form made requests to other hosts: {foreign}"
    assert any(u == url + "api/v1" for u in requests), "the form did not save through the preview's proxy"
    out = root.parent / "strict"
    result = build(root, options=("-d", str(out)))
    assert result.returncode == 0, result.output
    assert (out / "campaigns" / slug / "index.html").exists()
