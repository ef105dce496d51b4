"""The hostile corpus (tests/bad_campaigns/): each broken file gives an editor's message, never a crash.

Unit level: every case through `load_catalog`, fast. Build level: a handful through the real
`mkdocs build --strict` on a throw-away copy of the site, proving a failed build leaves no site,
prints no traceback and does not hang.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml

from xiaobao.campaigns.catalog import load_catalog

CORPUS = Path(__file__).resolve().parent / "bad_campaigns"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expect.yml").is_file())


def expect(name: str) -> dict:
    return yaml.safe_load((CORPUS / name / "expect.yml").read_text(encoding="utf-8"))


def case_files(name: str) -> dict[str, bytes]:
    """The case's files as {path relative to the repository: bytes}, generated ones included."""
    case = CORPUS / name
    files = {p.relative_to(case).as_posix(): p.read_bytes()
             for p in sorted(case.rglob("*")) if p.is_file() and not p.is_symlink() and p.name != "expect.yml"}
    spec = expect(name)
    gen = spec.get("generate")
    if gen:
        head = "---\ntitle: 很大的文件\norganization: 测试银行\norg_type: bank\ntopics: [consumer-law]\nsummary: 大\n---\n\n"
        line = "我行开展了金融知识宣传活动，向群众发放宣传资料。\n".encode("utf-8")
        size = gen["megabytes"] * 1024 * 1024
        files[gen["file"]] = head.encode("utf-8") + line * (size // len(line) + 1)
    text = spec.get("generate_text")  # before + repeat (with {n} counting from 0) × times + after
    if text:
        middle = "".join(text["repeat"].replace("{n}", str(n)) for n in range(text["times"]))
        files[text["file"]] = (text["before"] + middle.rstrip(", ") + text["after"]).encode("utf-8")
    nested = spec.get("generate_nested")  # a list nested `levels` deep, 4 spaces a level, after the file's text
    if nested:
        files[nested["file"]] = files.get(nested["file"], b"") + "".join(
            "    " * level + "- 一层\n" for level in range(nested["levels"])).encode("utf-8")
    return files


def install(root: Path, name: str) -> Path:
    for rel, data in case_files(name).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for rel, target in (expect(name).get("symlinks") or {}).items():  # made here: git would keep /dev/zero as text
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(target)
    (root / "campaigns").mkdir(exist_ok=True)
    return root


def test_corpus_is_big_enough_and_covers_the_brief():
    assert len(CASES) >= 100
    required = ["yaml-unclosed-quote", "yaml-tab-indent", "yaml-bad-mapping", "topics-as-string", "stats-as-list",
                "unknown-key", "unknown-topic", "unknown-metric", "unknown-org-type", "date-feb-30", "date-month-13",
                "date-end-before-start", "figure-negative", "figure-absurd", "figure-chinese-ambiguous",
                "duplicate-slugs", "encoding-gb18030", "huge-20mb", "empty-file", "only-front-matter",
                "no-front-matter", "script-in-body", "javascript-link-in-body", "onerror-in-title",
                "script-in-organization", "private-id-number", "private-mobile",
                # issue 12: one or more per class of the report
                "title-attr-list", "title-remote-image", "yaml-anchor-self", "yaml-billion-laughs", "topics-nested-list",
                "org-type-list", "org-type-mapping", "directory-named-md", "symlink-broken", "symlink-dev-zero",
                "docs-redirect-feed", "stats-nan", "stats-sexagesimal", "stats-octal", "stats-hex", "title-0315",
                "slug-equals-docs-page", "docs-two-pages-one-slug", "slug-index", "file-upper-md",
                "private-mobile-fullwidth", "private-mobile-spaced", "private-mobile-nbsp", "private-mobile-plus86",
                "private-id-spaced", "private-email-fullwidth-at", "private-email-paren-at", "private-name-shimin",
                "allowlist-wildcard", "docs-broken-link", "docs-invalid-slug-strict", "title-nul", "title-esc",
                "title-bidi-override", "title-zero-width", "slug-newline", "cr-only-line-endings",
                "topics-fifty-thousand",
                # issue 26: one or more per class of the third review (docs pages, configuration, imports:
                # tests/bad_inputs/)
                "file-name-mobile", "underscore-prefix", "backup-file", "word-file-beside", "fullwidth-year-folder",
                "nested-list-400", "quote-in-script", "quote-in-link-title", "organization-fa08"]
    assert sorted(set(required) - set(CASES)) == []


def test_no_big_file_is_committed():
    big = [p for p in CORPUS.rglob("*") if p.is_file() and p.stat().st_size > 64 * 1024]
    assert big == []


def test_gb18030_case_really_is_gb18030():
    data = (CORPUS / "encoding-gb18030/campaigns/2024/bad.md").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "测试银行" in data.decode("gb18030")


UNIT_CASES = [name for name in CASES if expect(name).get("level") != "build"]


@pytest.mark.parametrize("name", UNIT_CASES)
def test_case(name: str, tmp_path: Path):
    spec = expect(name)
    root = install(tmp_path, name)
    started = time.monotonic()
    catalog = load_catalog(root / "campaigns", root)
    assert time.monotonic() - started < 10, "loading one bad file must not take long"
    shown = [str(p) for p in catalog.errors]
    if spec["outcome"] == "build":
        assert shown == [], "\n".join(shown)
        assert len(catalog.campaigns) == 1
        _assert_campaign(catalog.campaigns[0], spec.get("campaign") or {})
        return
    assert shown, f"{name}: no error reported; {spec['note']}"
    for fragment in spec.get("messages", []):
        assert any(fragment in line for line in shown), f"{fragment!r} not in:\n" + "\n".join(shown)
    if "exact" in spec:  # the whole message, every one of them
        assert sorted(shown) == sorted(spec["exact"]), "\n".join(shown)
    for line in shown:
        assert line.startswith(("campaigns/", "privacy-allowlist.yml")), line  # every message names the file
        assert re.search(r"[\u4e00-\u9fff]", line), line  # and is written in Chinese
        assert "Traceback" not in line and "Error" not in line, line
        assert len(line) < 1000, line[:200]


def _assert_campaign(campaign, wanted: dict) -> None:
    """An accepted file: the values as written, and no metadata string in the page's Markdown."""
    from xiaobao.site.pages import campaign_page

    for key, value in wanted.items():
        got = getattr(campaign, key)
        if key == "stats":
            got = {metric: figure.value for metric, figure in got.items()}
        assert got == value, (key, got)
    markdown = campaign_page(campaign).markdown.split("\n---\n", 1)[1]
    for text in (campaign.title, campaign.organization, campaign.summary, campaign.region, campaign.campaign):
        if text and len(text) > 3:
            assert text not in markdown, text  # Markdown (attr_list) never reads what editors put in metadata


@pytest.mark.parametrize("name", ["script-in-body", "javascript-link-in-body"])
def test_body_html_is_sanitised(name: str, tmp_path: Path):
    import markdown

    from xiaobao.site.sanitize import sanitize_html

    catalog = load_catalog(install(tmp_path, name) / "campaigns", tmp_path)
    html = sanitize_html(markdown.markdown(catalog.campaigns[0].body))
    assert "<script" not in html and "javascript:" not in html and "__pwned" not in html.replace("__pwned=4", "")
    assert "金融知识" in html  # the text itself stays


# ------------------------------------------------------------------ real builds

# Every case the loader cannot see (docs pages, URLs, links, strict warnings), and one or more of
# every other class: each real build must fail with its messages and leave no site.
BUILD_CASES = ["yaml-unclosed-quote", "figure-chinese-ambiguous", "duplicate-slugs", "encoding-gb18030",
               "huge-20mb", "empty-file", "only-front-matter", "unknown-key", "private-id-number",
               "yaml-anchor-self", "yaml-billion-laughs", "yaml-deep-brackets", "topics-nested-list", "org-type-mapping",
               "symlink-dev-zero", "directory-named-md", "stats-nan", "stats-sexagesimal", "file-upper-md",
               "private-mobile-plus86", "private-name-shimin", "allowlist-wildcard", "title-bidi-override", "slug-newline",
               "topics-fifty-thousand", "topics-two-thousand",
               "file-name-mobile", "fullwidth-year-folder", "nested-list-400", "quote-in-script", "quote-in-link-title",
               *[name for name in CASES if expect(name).get("level") == "build"]]


def _site_is_absent_or_empty(site: Path) -> bool:
    return not site.exists() or not any(site.iterdir())


@pytest.mark.build
@pytest.mark.parametrize("name", BUILD_CASES)
def test_bad_case_fails_the_real_build(name: str, tmp_path: Path):
    from sitebuild import build, make_tree

    root = install(make_tree(tmp_path, {}), name)
    result = build(root, timeout=120, quiet=False)  # TimeoutExpired fails the test: no hang; warnings count
    assert result.returncode != 0, result.output[-2000:]
    assert "Traceback" not in result.output, result.output[-4000:]
    spec = expect(name)
    for fragment in spec.get("messages", []) + spec.get("exact", []) + spec.get("build_messages", []):
        assert fragment in result.output, result.output[-3000:]
    assert len(result.output) < 50_000  # summarised, never megabytes of log
    assert _site_is_absent_or_empty(result.site), sorted(p.name for p in result.site.iterdir())[:20]
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site")]  # no staging folder left either


DISTINCT = [  # different bodies, so the near-duplicate check does not stop the build
    "春节前后，网点在农贸市场设摊，讲解残损人民币兑换标准和假币识别要点，现场兑换零钱。" * 3,
    "暑期走进社区老年大学，围绕养老诈骗常见话术开展情景剧表演，并发放防骗手册和围裙。" * 3,
    "秋季开学之际进校园，为大学生讲解校园贷危害、征信修复骗局以及银行卡出租出借的法律后果。" * 3,
    "年末在工业园区为外来务工人员讲解工资卡安全、跨境汇款手续费以及遇到纠纷时的投诉渠道。" * 3,
]


@pytest.mark.build
def test_hostile_strings_build_and_are_escaped(tmp_path: Path):
    from sitebuild import build, make_tree

    files: dict[str, bytes] = {}
    for n, name in enumerate(["script-in-body", "javascript-link-in-body", "onerror-in-title", "script-in-organization"]):
        [(rel, data)] = case_files(name).items()
        text = data.decode("utf-8").replace("summary:", f"slug: hostile-{n}\nsummary:")
        files[f"campaigns/2024/hostile-{n}.md"] = (text + "\n" + DISTINCT[n] + "\n").encode("utf-8")
    root = make_tree(tmp_path, {})
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    result = build(root, timeout=120)
    assert result.returncode == 0, result.output[-3000:]
    assert "Traceback" not in result.output
    live = re.compile(r"<script>window\.__pwned|<img src=x onerror|javascript:window", re.I)  # raw, not &lt;-escaped
    offenders = []
    for path in sorted(result.site.rglob("*")):
        if path.suffix in {".html", ".xml", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if live.search(text):
                offenders.append(path.relative_to(result.site).as_posix())
    assert offenders == []
    page = result.page("campaigns/hostile-2")
    assert "&lt;img src=x onerror=" in page  # shown as text, not dropped


@pytest.mark.build
def test_personal_data_stops_a_large_build_before_anything_is_written(tmp_path: Path):
    """At 600 campaigns as at 1, one file with an ID number fails `mkdocs build` with the editor's
    message and leaves no site: the whole check runs in on_config, before any page is generated."""
    import sys

    from sitebuild import REPO, build, make_tree

    sys.path.insert(0, str(REPO / "scripts"))
    from synthetic import repo_seed_text, write_campaigns

    root = install(make_tree(tmp_path, {}), "private-id-number")
    write_campaigns(root / "campaigns", 600, repo_seed_text(REPO))
    assert len(list((root / "campaigns").rglob("*.md"))) == 601
    result = build(root, timeout=240)
    assert result.returncode != 0 and "Traceback" not in result.output, result.output[-3000:]
    assert "活动总结有 1 处问题，网站没有生成。请逐条改正：" in result.output, result.output[-3000:]
    for fragment in expect("private-id-number")["messages"]:
        assert fragment in result.output, result.output[-3000:]
    assert _site_is_absent_or_empty(result.site), sorted(p.name for p in result.site.iterdir())[:20]
