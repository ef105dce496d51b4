"""Editors fill in a form: a new campaign and an edited one saved through Decap CMS and decap-server.

decap-server (tools/cms, installed by .ci/run with `npm ci`) writes the files into a copy of the
repository, exactly as the git host's backend would commit them; the copy must then build --strict.
"""

from __future__ import annotations

import datetime
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import serve
from sitebuild import build, make_tree
from xiaobao.campaigns.frontmatter import parse
from xiaobao.outputs.cms import cms_config

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
DECAP_SERVER = REPO / "tools" / "cms" / "node_modules" / ".bin" / "decap-server"
YEAR = str(datetime.date.today().year)
BODY = "本行组织各网点开展宣传，共发放宣传折页1200余份，\n现场解答群众咨询86人次。"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cms(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """(repository copy that decap-server writes to, URL of its built site's /admin/)."""
    if not DECAP_SERVER.exists():
        if os.environ.get("CI"):
            pytest.fail("decap-server is missing: .ci/run installs it with npm ci --prefix tools/cms")
        pytest.skip("decap-server not installed (npm ci --prefix tools/cms)")
    root = make_tree(tmp_path_factory.mktemp("cms"), {}, with_repo_campaigns=True)
    result = build(root)
    assert result.returncode == 0, result.output
    port = _free_port()
    folders = sorted({p.name for p in (root / "campaigns").iterdir() if p.name.isdigit()} | {YEAR}, reverse=True)
    (result.site / "admin" / "config.yml").write_text(
        cms_config([*folders, "undated"], "https://xiaobao.example.cn/", None, {"url": f"http://127.0.0.1:{port}/api/v1"}),
        encoding="utf-8")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(root)}
    proc = subprocess.Popen([str(DECAP_SERVER)], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    server, url = serve(result.site)
    try:
        yield root, f"{url}admin/"
    finally:
        server.shutdown()
        server.server_close()
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def editor(browser, cms):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(cms[1])
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_function("location.hash.startsWith('#/collections/')")
    yield tab
    context.close()
    foreign = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
                      and urlsplit(u).hostname != "127.0.0.1"})
    assert not foreign, f"the form made requests to other hosts: {foreign}"


def _publish(tab) -> None:
    tab.locator("button, [role=button]").filter(has_text="发布").first.click()
    tab.get_by_text("立即发布").first.click()
    tab.get_by_text("修改已保存").first.wait_for(timeout=20_000)


def _choose(tab, field_id_prefix: str, label: str) -> None:
    tab.locator(f"[id^={field_id_prefix}-field]").first.click()
    tab.get_by_text(label, exact=True).last.click()


def _meta(path: Path) -> tuple[dict, str]:
    doc = parse(path.read_text(encoding="utf-8"))
    return doc.meta, doc.body


def test_new_campaign_through_the_form_builds_strict(editor, cms, tmp_path):
    root, _ = cms
    editor.goto(f"{cms[1]}#/collections/campaigns-{YEAR}/new")
    editor.get_by_label("标题").fill("某银行“3·15”消费者权益日宣传")
    editor.get_by_label("组织单位").fill("某银行某县支行")
    _choose(editor, "org_type", "银行")
    editor.get_by_label("地区 (可选)").fill("江苏省某县")
    editor.get_by_label("开始日期 (可选)").fill(f"{YEAR}-03")
    _choose(editor, "topics", "反假货币")
    _choose(editor, "topics", "个人征信")
    editor.get_by_label("一句话概述").fill("某县支行各网点开展宣传，发放宣传折页1200余份。")
    editor.get_by_label("网址名（也是文件名）").fill("mouxian-315")
    materials = editor.locator("[id^=materials-field]").first
    materials.locator("[data-testid=expand-button]").first.click()  # each figure is folded until opened
    materials.locator("[id^=value-field]").fill("1200余")
    materials.locator("[id^=quote-field]").fill("共发放宣传折页1200余份")
    materials.locator("[id^=note-field]").fill("活动期间总数")
    editor.get_by_label("总结正文").fill(BODY)
    editor.screenshot(path=str(tmp_path / "form-new.png"), full_page=True)
    _publish(editor)
    path = root / "campaigns" / YEAR / "mouxian-315.md"
    meta, body = _meta(path)
    assert meta["title"] == "某银行“3·15”消费者权益日宣传" and meta["org_type"] == "bank"
    assert meta["topics"] == ["anti-counterfeit", "credit-reporting"]
    assert str(meta["start"]) == f"{YEAR}-03"  # a partial date stays text
    assert meta["stats"]["materials"] == {"value": "1200余", "quote": "共发放宣传折页1200余份", "note": "活动期间总数"}
    assert body.strip() == BODY
    assert meta["status"] == "draft"  # a form save is a draft until it is reviewed, like an import
    out = tmp_path / "site"  # not root/site: that is the site the form is being served from
    result = build(root, options=("-d", str(out)))
    assert result.returncode == 0, result.output
    assert not (out / "campaigns" / "mouxian-315").exists()  # drafts are never published
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: draft\n", ""), encoding="utf-8")  # the reviewer's one edit
    result = build(root, options=("-d", str(out)))
    assert result.returncode == 0, result.output
    assert 'id="ev-materials"' in (out / "campaigns" / "mouxian-315" / "index.html").read_text(encoding="utf-8")


def _filled(meta: dict) -> dict:
    """What a file says: an empty field (null, [] or {}) says the same whether written or left out."""
    return {k: v for k, v in meta.items() if v not in (None, [], {})}


SEED = sorted(p.stem for p in (REPO / "campaigns").rglob("*.md"))


@pytest.mark.parametrize("slug", SEED)
def test_editing_a_seed_campaign_loses_nothing(editor, cms, slug):
    root, url = cms
    path = next((root / "campaigns").rglob(f"{slug}.md"))
    before, body_before = _meta(path)
    editor.goto(f"{url}#/collections/campaigns-{path.parent.name}/entries/{slug}")
    title = editor.get_by_label("标题")
    title.click()
    title.press("End")
    title.type("（修订）")
    _publish(editor)
    after, body_after = _meta(path)
    assert after.pop("title") == before.pop("title") + "（修订）"
    assert _filled(after) == _filled(before)  # every field, value, quote and note
    assert body_after.strip() == body_before.strip()
