"""The build cache never changes the site: after each kind of input changes, a build that reuses the
cache gives, byte for byte, the site a clean build gives (xiaobao/cache/store.py, hooks/steps/written.py).

Both builds of a step run in this process while the tree's code is the repository's (a build in this
process sees nothing of the one before it: tests/test_engine.py); once the vocabulary
(xiaobao/campaigns/vocab.py, code) changed, both run as the real command, so that the tree's code is
what builds. A new interpreter per clean build cost its imports and start-up eight times over.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from checkers import sample_campaigns
from sitebuild import REPO, build, build_in_subprocess, make_tree, start_in_subprocess

sys.path.insert(0, str(REPO / "scripts"))
from synthetic import campaign_file, repo_seed_text  # noqa: E402

pytestmark = pytest.mark.build

TODAY = {"XIAOBAO_TODAY": "2026-02-01"}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _differences(one: dict[str, bytes], two: dict[str, bytes]) -> list[str]:
    return sorted(set(one) ^ set(two)) + [rel for rel in one if rel in two and one[rel] != two[rel]]


def _inputs() -> dict[str, str]:
    """Campaigns of every shape: with headings (the template renders them), without (the frame is
    filled), a title with markup characters (never filled), a draft-free mix of years and topics."""
    rng = random.Random(5)
    sentences = [s for s in re.split(r"(?<=[。！？])", re.sub(r"\s+", "", repo_seed_text(REPO))) if 20 <= len(s) <= 160]
    files = dict(sample_campaigns())
    for i in range(60):
        rel, text = campaign_file(i, rng, sentences)
        files[f"campaigns/{rel}"] = text
    _, odd = campaign_file(99, rng, sentences)
    files["campaigns/odd/odd-title.md"] = odd.replace("title: ", "title: 银行&保险 <联合> ", 1)
    # A campaign page that links to an editor's page: its output depends on where that page is.
    _, linking = campaign_file(98, rng, sentences)
    files["campaigns/odd/linking.md"] = linking.replace("\n---\n\n", f"\n---\n\n{LINK_TO_TOPIC}\n\n", 1)
    return files


LINK_TO_TOPIC = "另见[防范电信网络诈骗](../topics/fraud-prevention.md)。"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _campaign(root: Path) -> None:
    path = next(p for p in sorted((root / "campaigns").rglob("c0001*.md")))
    _edit(path, "summary: ", "summary: 改过的摘要，")
    _edit(path, "\n\n", "\n\n新加的第一段。\n\n")


def _template(root: Path) -> None:
    _edit(root / "overrides" / "partials" / "reach-tools.html", "扫码分享", "扫一扫分享")


def _vocabulary(root: Path) -> None:
    _edit(root / "xiaobao" / "campaigns" / "vocab.py", '"反假货币"', '"反假币"')


def _synonyms(root: Path) -> None:
    _edit(root / "synonyms.yml", "    假钱: 假币", "    假钞票: 假币")


def _linking_page(root: Path) -> None:
    """An editor's page gains a link to a campaign page (that page is reused, and must be unchanged)."""
    _edit(root / "docs" / "guide.md", "\n## ", "\n另见<a href=\"../campaigns/c00003/\">一场宣传活动</a>。\n\n## ")


def _linked_page(root: Path) -> None:
    """The page a campaign links to moves: the campaign page's link must follow it."""
    _edit(root / "docs" / "topics" / "fraud-prevention.md", "topic: fraud-prevention\n",
          "topic: fraud-prevention\nslug: fanzha\n")


def _site_file(root: Path) -> None:
    """A published page edited in place (same length, another time stamp) while a campaign changed:
    the previous site's file is not the cached output any more, so it is not linked in."""
    page = root / "site" / "campaigns" / "c00004" / "index.html"
    data = page.read_bytes()
    page.write_bytes(data[:-1] + b"X")
    _edit(next(p for p in sorted((root / "campaigns").rglob("c0002*.md"))), "summary: ", "summary: 又改过，")


def _mkdocs_yml(root: Path) -> None:
    _edit(root / "mkdocs.yml", "site_name: 消保 · 消费者权益教育", "site_name: 消保 · 消费者权益教育网")


CHANGES = [("campaign", _campaign), ("template", _template), ("synonyms", _synonyms),
           ("linking page", _linking_page), ("linked page", _linked_page), ("site file", _site_file),
           ("mkdocs.yml", _mkdocs_yml), ("vocabulary", _vocabulary)]  # code last: the builds before it run in this process


def _clean_copy(root: Path, to: Path) -> Path:
    """The tree's inputs without its output and cache (only at the top: xiaobao/site/ is code)."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == root
        return {n for n in names if n == "__pycache__" or (top and (n in ("site", ".cache") or n.startswith(".site")))}
    shutil.copytree(root, to, ignore=ignore)
    return to


def _same_code(root: Path) -> bool:
    """Whether the tree's xiaobao/ is the code this process imported (a build here runs that code)."""
    return _sources(root / "xiaobao") == _sources(REPO / "xiaobao")


def _sources(package: Path) -> dict[str, bytes]:
    return {p.relative_to(package).as_posix(): p.read_bytes() for p in sorted(package.rglob("*.py"))
            if "__pycache__" not in p.parts}


def test_cached_build_equals_clean_build_after_each_kind_of_change(tmp_path: Path):
    (tmp_path / "cached").mkdir()
    root = make_tree(tmp_path / "cached", _inputs())
    cache = {**TODAY, "XIAOBAO_CACHE_DIR": str(tmp_path / "cache")}
    first = build(root, env=cache, quiet=False)
    assert first.returncode == 0, first.output[-3000:]
    before = _files(root / "site")
    reused = {}
    code_changed = False
    for n, (kind, change) in enumerate(CHANGES):
        change(root)
        code_changed = code_changed or kind == "vocabulary"
        clean_root = _clean_copy(root, tmp_path / f"clean-{n}")
        off = {**TODAY, "XIAOBAO_CACHE_DIR": "off"}
        if code_changed:
            clean_run = start_in_subprocess(clean_root, env=off)
            cached = build_in_subprocess(root, env=cache, quiet=False)
            clean = clean_run.result(600)
        else:
            assert _same_code(root), "the tree's code differs from the repository's: build it as a command"
            cached = build(root, env=cache, quiet=False)
            clean = build(clean_root, env=off)
        assert cached.returncode == 0, f"{kind}: {cached.output[-3000:]}"
        assert clean.returncode == 0, f"{kind}: {clean.output[-3000:]}"
        after, expected = _files(root / "site"), _files(clean_root / "site")
        assert _differences(before, after), f"changing the {kind} changed nothing: the test proves nothing"
        assert _differences(after, expected) == [], f"after a change to the {kind}, the cached build differs"
        before = after
        reused[kind] = _reused(cached.output)
        if kind == "linked page":  # the campaign page followed the page it links to
            assert 'href="../../topics/fanzha/"' in expected["campaigns/c00098/index.html"].decode()
        if kind == "site file":  # the page edited in place was made again: the clean build's bytes
            assert not after["campaigns/c00004/index.html"].endswith(b"X")
    # Not a vacuous pass: where the pages' inputs did not change, their content (or their whole
    # file, linked from the previous site) came from the cache.
    assert reused["campaign"][1] > 50, reused
    assert sum(reused["synonyms"]) > 50, reused
    assert reused["linking page"][1] > 50 and reused["site file"][1] > 50, reused
    # A change to what frames every page (templates, mkdocs.yml, code) reuses no page's file.
    assert reused["template"][1] == reused["mkdocs.yml"][1] == reused["vocabulary"][1] == 0, reused


def _reused(output: str) -> tuple[int, int]:
    """(pages whose content came from the cache, pages whose file came from the previous site)."""
    content = re.search(r"缓存：(\d+) 个页面沿用", output)
    files = re.search(r"缓存：(\d+) 个页面和上次生成的完全一样", output)
    return int(content.group(1)) if content else 0, int(files.group(1)) if files else 0
