"""Editors fill in a form: a campaign walked from "new" to a published page, an imported draft edited
with its doubts kept, and every seed campaign re-saved without loss, through Decap CMS and decap-server.

decap-server (tools/cms, installed by .ci/run with `npm ci`) writes the files into a copy of the
repository, exactly as the git host's backend would commit them; the copy must then build --strict.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import serve
from sitebuild import build, make_tree
from xiaobao.campaigns.addresses import derived_slug
from xiaobao.campaigns.catalog import load_catalog
from xiaobao.campaigns.frontmatter import parse
from xiaobao.importer import import_file
from xiaobao.importer.writer import write_all
from xiaobao.outputs.cms import SCRIPT, UNDATED, admin_page, cms_config, cms_script, years
from xiaobao.site.review import review_html

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
DECAP_SERVER = REPO / "tools" / "cms" / "node_modules" / ".bin" / "decap-server"
PAST = str(datetime.date.today().year - 2)  # a year whose folder does not exist yet
BODY_TYPED = "本行组织各网点开展宣传，共发放宣传折页1200余份。\n现场解答群众咨询86人次。"
BODY_SAVED = "本行组织各网点开展宣传，共发放宣传折页1200余份。\n\n现场解答群众咨询86人次。"
IMPORTED = REPO / "tests" / "fixtures" / "import" / "t01_bank_315.txt"
VOCABULARY = """---
title: 某金融监管分局“3·15”宣传
organization: 某金融监管分局
org_type: 金融监管部门
topics: [反假货币, 征信]
summary: 发放资料7600余份。
slug: jianguan-315
stats:
  宣传资料: 7600余
---

发放资料7600余份。
"""
VIEW_SITE = VOCABULARY.replace("slug: jianguan-315", "slug: view-site-315").replace("某金融监管分局", "另一金融监管分局")
SHOTS = Path(os.environ.get("XIAOBAO_SHOTS", "")) if os.environ.get("XIAOBAO_SHOTS") else None


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
    root = make_tree(tmp_path_factory.mktemp("cms"), {"campaigns/undated/jianguan-315.md": VOCABULARY,
                                                      "campaigns/undated/view-site-315.md": VIEW_SITE},
                     with_repo_campaigns=True)
    write_all(import_file(IMPORTED), root / "campaigns")  # an imported draft, as make import writes it
    result = build(root)
    assert result.returncode == 0, result.output
    port = _free_port()
    folders = years([p.name for p in (root / "campaigns").iterdir()]) + [UNDATED]
    admin = result.site / "admin"
    (admin / "config.yml").write_text(
        cms_config(folders, "https://xiaobao.example.cn/", None, {"url": f"http://127.0.0.1:{port}/api/v1"}),
        encoding="utf-8")
    assert (admin / SCRIPT).read_text(encoding="utf-8") == cms_script() and (admin / "index.html").exists()
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


def _editor(browser, cms, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda r: tab.requests.append(r.url))  # type: ignore[attr-defined]
    tab.goto(cms[1])
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_function("location.hash.startsWith('#/collections/')")
    return context, tab


@pytest.fixture
def editor(browser, cms):
    context, tab = _editor(browser, cms)
    yield tab
    context.close()
    foreign = sorted({u for u in tab.requests if urlsplit(u).scheme not in ("data", "blob", "about")  # type: ignore[attr-defined]
                      and urlsplit(u).hostname != "127.0.0.1"})
    assert not foreign, f"the form made requests to other hosts: {foreign}"


def _save(tab) -> None:
    """Decap's save button, which says 保存 here (xiaobao/outputs/cms.py TOOLBAR): saving publishes nothing."""
    tab.locator("button, [role=button]").filter(has_text="保存").first.click()
    tab.get_by_text("立即保存").first.click()
    try:
        tab.get_by_text("修改已保存").first.wait_for(timeout=60_000)  # a loaded CI runner
    except Exception as err:  # noqa: BLE001 - say what the editor saw instead (a CI failure once showed nothing)
        seen = tab.locator("body").inner_text(timeout=5_000)[-1500:]
        raise AssertionError(f"no 修改已保存 after 60 s; the form showed:\n{seen}") from err
    toolbar = tab.locator("button, [role=button]").filter(has_text="已保存").first.inner_text()
    assert "发布" not in toolbar, toolbar


def _choose(tab, field_id_prefix: str, label: str) -> None:
    tab.locator(f"[id^={field_id_prefix}-field]").first.click()
    tab.get_by_text(label, exact=True).last.click()


def _meta(path: Path) -> tuple[dict, str]:
    doc = parse(path.read_text(encoding="utf-8"))
    return doc.meta, doc.body


def _shot(tab, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / f"{name}.png"))


def _retype(box, text: str) -> None:
    """Replace what a field holds, as a person does (Playwright's fill appends to Decap's inputs here)."""
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.type(text)


def _append_to_title(tab, path: Path, suffix: str) -> tuple[dict, str]:
    """Type `suffix` at the end of the open entry's 标题, save, and return what the file then says."""
    title = tab.get_by_label("标题")
    title.click()
    title.press("End")
    title.type(suffix)
    _save(tab)
    return _meta(path)


def _open(tab, url: str) -> None:
    tab.goto(url)
    tab.get_by_label("标题").wait_for()


def test_a_campaign_from_new_to_a_published_page(editor, cms, tmp_path):
    """An editor with only the form: new campaign in a year that has no folder yet, saved as a draft,
    sent for review; the reviewer sets it published with the address the review page gives; a strict
    build then has the page, its paragraphs and its numbers as typed."""
    root, url = cms
    editor.goto(f"{url}#/collections/campaigns-{PAST}/new")
    editor.get_by_label("标题").fill("某银行“3·15”消费者权益日宣传")
    editor.get_by_label("组织单位").fill("工商银行某县支行")
    _choose(editor, "org_type", "银行")
    editor.get_by_label("地区 (可选)").fill("江苏省某县")
    editor.get_by_label("开始日期 (可选)").fill(f"{int(PAST) + 1}-03")  # the wrong year for this folder
    _choose(editor, "topics", "反假货币")
    _choose(editor, "topics", "个人征信")
    editor.get_by_label("一句话概述").fill("某县支行各网点开展宣传，发放宣传折页1200余份。")
    editor.get_by_label("总结正文").fill(BODY_TYPED)
    for metric, value, quote in [("materials", "1200余", "共发放宣传折页1200余份"), ("consultations", "86", "现场解答群众咨询86人次")]:
        box = editor.locator(f"[id^={metric}-field]").first
        box.locator("[data-testid=expand-button]").first.click()  # each figure is folded until opened
        box.locator("[id^=value-field]").fill(value)
        box.locator("[id^=quote-field]").fill(quote)
    _shot(editor, "form-new-desktop")
    assert editor.locator("[data-xb-review=none]").count() == 1  # the importer's notes field is there, hidden:
    assert not editor.get_by_text("审核备注（导入程序写的）").first.is_visible()  # a new campaign has none
    editor.locator("button, [role=button]").filter(has_text="保存").first.click()
    editor.get_by_text("立即保存").first.click()
    editor.get_by_text(f"这一栏是 {PAST} 年的活动").first.wait_for()  # said in the form, before anything is saved
    assert not (root / "campaigns" / PAST).exists()
    _retype(editor.get_by_label("开始日期 (可选)"), f"{PAST}-03")
    _save(editor)
    path = root / "campaigns" / PAST / "draft.md"  # no slug yet: the address follows the organisation
    meta, body = _meta(path)
    assert meta["status"] == "draft" and "slug" not in meta
    assert meta["org_type"] == "bank" and meta["topics"] == ["anti-counterfeit", "credit-reporting"]
    assert str(meta["start"]) == f"{PAST}-03"  # a partial date stays text
    assert meta["stats"]["consultations"]["value"] == 86  # digits saved as a number, not "86"
    assert meta["stats"]["materials"] == {"value": "1200余", "quote": "共发放宣传折页1200余份"}
    assert body.strip() == BODY_SAVED  # each line typed is a paragraph
    _choose(editor, "status", "送审（写完了，请审核人核对）")
    _save(editor)
    assert _meta(path)[0]["status"] == "submitted"
    out = tmp_path / "site"  # not root/site: that is the site the form is being served from
    result = build(root, options=("-d", str(out)))
    assert result.returncode == 0, result.output
    assert not list((out / "campaigns").glob("gongshangyinhang*"))  # not public before review

    slug = derived_slug("工商银行某县支行", f"{PAST}-03")
    catalog = load_catalog(root / "campaigns", root)
    assert f"https://xiaobao.example.cn/campaigns/{slug}/" in review_html(
        [c for c in catalog.campaigns if c.path.endswith("draft.md")], root, "https://xiaobao.example.cn/")
    _open(editor, f"{url}#/collections/campaigns-{PAST}/entries/draft")  # the reviewer
    _choose(editor, "status", "已核对，可以发布")
    _retype(editor.get_by_label("网址名 (可选)"), slug)
    _save(editor)
    meta, _ = _meta(path)
    assert meta["status"] == "published" and meta["slug"] == slug
    result = build(root, options=("-d", str(out)))
    assert result.returncode == 0, result.output
    page = (out / "campaigns" / slug / "index.html").read_text(encoding="utf-8")
    assert 'id="ev-materials"' in page and "1,200 余份" in page and "86 人次" in page
    body = page.split("<!-- xiaobao:body -->", 1)[1]
    assert re.search(r"<p>本行组织[^\n]*1200余份</mark>.*?。</p>\n<p><mark[^>]*>现场解答群众咨询86人次", body), "one paragraph per line"


def test_an_imported_draft_keeps_its_doubts_when_edited(editor, cms):
    root, url = cms
    path = next(p for p in (root / "campaigns").rglob("*.md") if "review:" in p.read_text(encoding="utf-8"))
    before, body_before = _meta(path)
    assert before["review"]["figures"] and before["status"] == "draft"
    _open(editor, f"{url}#/collections/campaigns-{path.parent.name}/entries/{path.stem}")
    editor.get_by_text("审核备注（导入程序写的）").first.wait_for()
    _shot(editor, "form-imported-desktop")
    after, body_after = _append_to_title(editor, path, "（已改）")
    assert after.pop("title") == before.pop("title") + "（已改）"
    assert after["review"] == before["review"]  # every doubt and every reading kept
    assert after == before and body_after.strip() == body_before.strip()
    catalog = load_catalog(root / "campaigns", root)
    [draft] = [c for c in catalog.campaigns if c.path.endswith(path.name)]
    page = review_html([draft], root)
    assert "导入程序没有留下疑问" not in page or not before["review"].get("doubts")
    assert all(f["quote"] in page for f in before["review"]["figures"])


def _live_link(tab) -> str:
    """Where Decap's 查看网站 link of a saved file points (xiaobao/outputs/cms.py: drafts open the preview)."""
    link = tab.locator("a[target=_blank]").filter(has_text="查看网站").first
    link.wait_for()
    tab.wait_for_timeout(300)  # the form's script places the link after Decap draws it
    return link.get_attribute("href") or ""


def test_view_site_opens_the_local_preview_for_a_draft_and_the_public_page_otherwise(editor, cms):
    root, url = cms
    site = url.removesuffix("admin/")
    draft = next(p for p in (root / "campaigns").rglob("*.md") if "status: draft" in p.read_text(encoding="utf-8"))
    _open(editor, f"{url}#/collections/campaigns-{draft.parent.name}/entries/{draft.stem}")
    assert _live_link(editor) == f"{site}review/"  # no address yet: the preview's review page lists it
    editor.goto("about:blank")  # a file opened from another file's page keeps the first one's toolbar: load the form again
    _open(editor, f"{url}#/collections/campaigns-undated/entries/view-site-315")  # published (no status line)
    assert _live_link(editor).startswith("https://xiaobao.example.cn/")
    _choose(editor, "status", "送审（写完了，请审核人核对）")
    _save(editor)  # sent for review, not public: its own page in the preview
    assert _live_link(editor) == f"{site}campaigns/view-site-315/"
    _choose(editor, "status", "已核对，可以发布")
    _save(editor)
    assert _live_link(editor).startswith("https://xiaobao.example.cn/")
    assert "status: published" in (root / "campaigns/undated/view-site-315.md").read_text(encoding="utf-8")


def test_chinese_vocabulary_values_show_as_their_option(editor, cms):
    root, url = cms
    _open(editor, f"{url}#/collections/campaigns-undated/entries/jianguan-315")
    text = editor.locator("body").inner_text()
    shown = lambda label, hint: text.split(label, 1)[1].split(hint, 1)[0]  # what the field shows, between label and hint
    assert "金融监管部门" in shown("单位类型", "选一项")
    assert "反假货币" in shown("主题", "选一个或几个") and "个人征信" in shown("主题", "选一个或几个")
    box = editor.locator("[id^=materials-field]").first
    box.locator("[data-testid=expand-button]").first.click()
    assert box.locator("[id^=value-field]").input_value() == "7600余"  # the guide's short form, shown
    _shot(editor, "form-vocabulary-desktop")
    title = editor.get_by_label("标题")
    title.click()
    title.press("End")
    title.type("（改）")
    _save(editor)
    meta, _ = _meta(root / "campaigns" / "undated" / "jianguan-315.md")
    assert meta["org_type"] == "金融监管部门" and meta["topics"] == ["反假货币", "征信"]  # kept as written
    assert meta["stats"] == {"materials": {"value": "7600余"}} and "status" not in meta  # still published


def test_form_on_a_phone(browser, cms):
    """The same form at 390×844: the fields and the state choice reachable."""
    context, tab = _editor(browser, cms, 390, 844)
    try:
        _open(tab, f"{cms[1]}#/collections/campaigns-{PAST}/new")
        tab.get_by_label("状态 (可选)").wait_for()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling (admin/xiaobao-cms.css)
        box = tab.get_by_label("标题").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        _shot(tab, "form-new-phone")
    finally:
        context.close()


def _filled(meta: dict) -> dict:
    """What a file says: an empty field (null, [] or {}) says the same whether written or left out."""
    return {k: v for k, v in meta.items() if v not in (None, [], {})}


SEED = sorted(p.stem for p in (REPO / "campaigns").rglob("*.md"))


@pytest.mark.parametrize("slug", SEED)
def test_editing_a_seed_campaign_loses_nothing(editor, cms, slug):
    root, url = cms
    path = next((root / "campaigns").rglob(f"{slug}.md"))
    before, body_before = _meta(path)
    _open(editor, f"{url}#/collections/campaigns-{path.parent.name}/entries/{slug}")
    after, body_after = _append_to_title(editor, path, "（修订）")
    assert after.pop("title") == before.pop("title") + "（修订）"
    assert _filled(after) == _filled(before)  # every field, value, quote and note; no status added
    assert body_after.strip() == body_before.strip()
