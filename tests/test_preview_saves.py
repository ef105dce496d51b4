"""A preview save shows the site a fresh preview shows: the pages a save leaves as they were
(hooks/steps/written.py: campaign pages by their campaign, listings by what they list) are never
stale after a campaign's figure, title or summary changed or a campaign was added.

`make site` runs for real (scripts/serve.py: mkdocs serve --dirty, saves noticed by inotify); the pages are fetched over HTTP from the
preview that saw the saves and from a new preview of the same files, and compared byte for byte
(apart from the live-reload call MkDocs adds with its own timestamps, and the port).
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from sitebuild import REPO, get, make_tree, serving

sys.path.insert(0, str(REPO / "scripts"))
from synthetic import campaign_file, repo_seed_text  # noqa: E402

pytestmark = pytest.mark.build
SERVE = REPO / "scripts" / "serve.py"
MISSED = "的改动没有收到通知"  # scripts/serve.py's line when the check finds a change no event reported

TODAY = "2026-02-01"


def _campaigns(n: int) -> dict[str, str]:
    """n campaigns: more than two listing pages, every facet and metric listing in use."""
    rng = random.Random(11)
    sentences = [s for s in re.split(r"(?<=[。！？])", re.sub(r"\s+", "", repo_seed_text(REPO))) if 20 <= len(s) <= 160]
    files = {}
    for i in range(n):
        rel, text = campaign_file(i, rng, sentences)
        files[f"campaigns/{rel}"] = text
    return files


def _page(url: str) -> str:
    """The page as served, without the live-reload call (its timestamps differ per request)."""
    return re.sub(r"livereload\(\d+, \d+\);", "livereload();", get(url))


def _pages(url: str) -> dict[str, str]:
    """Every page the preview's sitemap lists, by path, as the browser gets it."""
    root = url.rstrip("/") + "/"
    port = urllib.parse.urlsplit(root).port
    sitemap = get(root + "sitemap.xml")
    paths = sorted({urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    assert len(paths) > 100, f"the preview's sitemap lists {len(paths)} pages"
    paths += ["/qr/", "/feed.xml"]  # the QR sheet (a save may leave it as written) and the feed list every page
    pages = {}
    for path in paths:
        pages[path] = _page(root + path.lstrip("/")).replace(f":{port}", ":PORT")
    return pages


def _wait_for(url: str, text: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while text not in get(url):
        assert time.time() < deadline, f"the preview never showed {text!r} at {url}"
        time.sleep(0.2)


def _idle(root: Path) -> bool:
    """The preview's log shows no build under way: each "building" line has its "built" line.
    (The pages are answered before a save's feed, QR sheet and sitemap are written, and a save
    that changed no listing leaves the listing page as it was: neither tells a build is over.)"""
    log = (root / "serve.log").read_text(encoding="utf-8", errors="replace")
    return log.count("正在生成网站") == log.count("网站已生成")


def _settled(url: str, root: Path) -> None:
    """The save's build is done when the page stops changing and the log shows no build under way."""
    before, same_since = _page(url), time.time()
    deadline = time.time() + 300
    while time.time() - same_since < 3 or not _idle(root):
        assert time.time() < deadline, f"the preview never settled:\n{(root / 'serve.log').read_text()[-3000:]}"
        time.sleep(0.5)
        now = _page(url)
        if now != before or not _idle(root):
            before, same_since = now, time.time()


def test_a_preview_after_saves_equals_a_fresh_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XIAOBAO_TODAY", TODAY)
    monkeypatch.setenv("XIAOBAO_CACHE_DIR", "off")  # what the process keeps, not the build cache, is under test
    monkeypatch.setenv("XIAOBAO_PREVIEW_RECHECK", "2")  # seconds between checks for changes no event reported
    root = make_tree(tmp_path, _campaigns(130))
    edited = next(p for p in sorted((root / "campaigns").rglob("c00007.md")))
    with serving(root, "", script=SERVE) as url:
        site = url.rstrip("/") + "/"
        # A figure (totals, metric listings), the title (listing rows) and the summary (the page).
        text = edited.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^(  \w+: ).+$", r"\g<1>987654", text, count=1)
        text = re.sub(r"(?m)^title: (.+)$", r"title: 改过标题的\1", text, count=1)
        edited.write_text(text.replace("summary: ", "summary: 保存一次。", 1), encoding="utf-8")
        _wait_for(site + "campaigns/c00007/", "保存一次")
        _settled(site + "campaigns/", root)
        # A new campaign: every listing it joins gets another row, the pagers another count.
        rel, added = campaign_file(500, random.Random(3), [s * 2 for s in ["这是新加的一场活动的一句话。"] * 4])
        (root / "campaigns" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "campaigns" / rel).write_text(added, encoding="utf-8")
        _wait_for(site + "campaigns/c00500/", "这是新加的一场活动")
        _settled(site + "campaigns/", root)
        # Two saves in a row, the second while the first one's build runs: its event belongs to the
        # next build (the watcher's list is taken when a build begins), not lost, and not left to the
        # check for missed changes (which says so in the log).
        first, second = (next((root / "campaigns").rglob(f"c{n:05d}.md")) for n in (20, 21))
        first.write_text(first.read_text(encoding="utf-8").replace("summary: ", "summary: 先存的。", 1), encoding="utf-8")
        time.sleep(0.15)
        second.write_text(second.read_text(encoding="utf-8").replace("summary: ", "summary: 构建中又存的。", 1),
                          encoding="utf-8")
        _wait_for(site + "campaigns/c00020/", "先存的")
        _wait_for(site + "campaigns/c00021/", "构建中又存的")
        _settled(site + "campaigns/", root)
        assert MISSED not in (root / "serve.log").read_text(encoding="utf-8")
        # A change no event reports (written through a hard link outside the watched folders) is
        # found by the check after a build and while idle, and built.
        unseen = next((root / "campaigns").rglob("c00030.md"))
        (tmp_path / "outside").mkdir()
        link = tmp_path / "outside" / "c00030.md"
        os.link(unseen, link)
        link.write_text(link.read_text(encoding="utf-8").replace("summary: ", "summary: 没有通知的改动。", 1),
                        encoding="utf-8")
        _wait_for(site + "campaigns/c00030/", "没有通知的改动", seconds=60)
        _settled(site + "campaigns/", root)
        assert MISSED in (root / "serve.log").read_text(encoding="utf-8")
        saved = _pages(url)
    assert re.search(r"987,?654", saved["/campaigns/c00007/"])
    assert any("改过标题的" in text for path, text in saved.items() if path.startswith("/campaigns/page/"))
    with serving(root, "") as url:
        fresh = _pages(url)
    assert sorted(saved) == sorted(fresh)
    stale = [path for path in fresh if saved[path] != fresh[path]]
    assert stale == [], f"{len(stale)} pages differ from a fresh preview after the saves: {stale[:10]}"


def _unlisted(site: str, path: str, seconds: float = 120) -> None:
    """The sitemap no longer lists path (`serve --dirty` leaves the old file in place, unlinked)."""
    deadline = time.time() + seconds
    while f"{path}</loc>" in get(site + "sitemap.xml"):
        assert time.time() < deadline, f"the preview's sitemap still lists {path}"
        time.sleep(0.2)


def test_a_preview_after_moves_deletions_docs_and_config_saves_equals_a_fresh_preview(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The saves whose work is kept or swapped in place (the folder's names in order, totals as a
    tally, the feed's dates, the sitemap): another organisation, topic and year (the file moved to
    its year's folder), a deleted campaign, a changed address, an editor's page, mkdocs.yml."""
    monkeypatch.setenv("XIAOBAO_TODAY", TODAY)
    monkeypatch.setenv("XIAOBAO_CACHE_DIR", "off")
    root = make_tree(tmp_path, _campaigns(130))
    dated = [p for p in sorted((root / "campaigns").rglob("c*.md")) if p.parent.name.isdigit()]
    moved, deleted, renamed = dated[3], dated[5], dated[8]
    with serving(root, "", script=SERVE) as url:
        site = url.rstrip("/") + "/"
        # Organisation, topics and year: every facet listing and total it was in, and its new ones.
        text = moved.read_text(encoding="utf-8")
        year = int(moved.parent.name)
        text = re.sub(r"(?m)^organization: .+$", "organization: 改名后的农村商业银行", text, count=1)
        text = re.sub(r"(?m)^topics: .+$", "topics: [credit-reporting]", text, count=1)
        text = re.sub(rf"(?m)^(start|end): {year}", rf"\g<1>: {year - 3}", text)
        target = root / "campaigns" / str(year - 3) / moved.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        moved.unlink()
        _wait_for(site + f"campaigns/{moved.stem}/", "改名后的农村商业银行")
        _settled(site + "campaigns/", root)
        # A deleted campaign leaves every listing, total and the sitemap.
        deleted.unlink()
        _unlisted(site, f"/campaigns/{deleted.stem}/")
        _settled(site + "campaigns/", root)
        # A new address: the page moves, the listings link to it.
        text = renamed.read_text(encoding="utf-8")
        renamed.write_text(re.sub(r"(?m)^slug: .+$", f"slug: {renamed.stem}-new", text, count=1), encoding="utf-8")
        _wait_for(site + f"campaigns/{renamed.stem}-new/", "</html>")
        _settled(site + "campaigns/", root)
        # An editor's page, then the configuration (every page's frame: a full build).
        about = root / "docs" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\n\n编辑保存了这一页。\n", encoding="utf-8")
        _wait_for(site + "about/", "编辑保存了这一页")
        _settled(site + "about/", root)
        config = root / "mkdocs.yml"
        config.write_text(re.sub(r"(?m)^site_name: .+$", "site_name: 改名后的消保网站", config.read_text(encoding="utf-8"),
                                 count=1), encoding="utf-8")
        _wait_for(site, "改名后的消保网站")
        _settled(site + "campaigns/", root)
        saved = _pages(url)
    assert f"/campaigns/{renamed.stem}-new/" in saved and f"/campaigns/{deleted.stem}/" not in saved
    with serving(root, "") as url:
        fresh = _pages(url)
    assert sorted(saved) == sorted(fresh)
    stale = [path for path in fresh if saved[path] != fresh[path]]
    assert stale == [], f"{len(stale)} pages differ from a fresh preview after the saves: {stale[:10]}"


FAILING_HOOKS = """

_xb_post_build, _xb_files = on_post_build, on_files


def on_files(files, *, config, **kwargs):
    if (Path(config.config_file_path).parent / "FAIL-BEFORE").exists():
        raise PluginError("测试用的错误：生成页面之前")
    return _xb_files(files, config=config, **kwargs)


def on_post_build(*, config, **kwargs):
    _xb_post_build(config=config, **kwargs)
    if (Path(config.config_file_path).parent / "FAIL-AFTER").exists():
        raise PluginError("测试用的错误：页面写好之后")
"""


def test_a_failed_save_says_so_at_the_top_of_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An error raised after the browsers reloaded (feed, sitemap, link check) was in the terminal
    only, and one raised before left the preview answering nothing: both show on the pages now."""
    monkeypatch.setenv("XIAOBAO_TODAY", TODAY)
    monkeypatch.setenv("XIAOBAO_CACHE_DIR", "off")
    root = make_tree(tmp_path, _campaigns(12))
    entry = root / "hooks" / "entry.py"
    entry.write_text(entry.read_text(encoding="utf-8").replace("from typing import Any\n", "from pathlib import Path\nfrom typing import Any\n", 1)
                     + FAILING_HOOKS, encoding="utf-8")
    edited = next((root / "campaigns").rglob("c00003.md"))
    original = edited.read_text(encoding="utf-8")
    with serving(root, "", script=SERVE) as url:
        site = url.rstrip("/") + "/"
        assert "xb-preview-error" not in get(site)
        (root / "FAIL-AFTER").write_text("", encoding="utf-8")
        edited.write_text(original.replace("summary: ", "summary: 第一次保存。", 1), encoding="utf-8")
        _wait_for(site + "campaigns/c00003/", "测试用的错误：页面写好之后")
        page = get(site + "campaigns/c00003/")
        assert "第一次保存" in page and "页面已经更新，但这次保存之后的步骤出错了" in page
        assert "测试用的错误：页面写好之后" in get(site + "about/")  # every page, not only the saved one
        (root / "FAIL-AFTER").unlink()
        (root / "FAIL-BEFORE").write_text("", encoding="utf-8")
        edited.write_text(original.replace("summary: ", "summary: 第二次保存。", 1), encoding="utf-8")
        _wait_for(site + "campaigns/c00003/", "测试用的错误：生成页面之前")  # answered, not stuck
        page = get(site + "campaigns/c00003/")
        assert "这次保存没有生成成功" in page and "第二次保存" not in page
        (root / "FAIL-BEFORE").unlink()
        edited.write_text(original.replace("summary: ", "summary: 第三次保存。", 1), encoding="utf-8")
        _wait_for(site + "campaigns/c00003/", "第三次保存")
        assert "xb-preview-error" not in get(site + "campaigns/c00003/")
