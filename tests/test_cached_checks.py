"""Work a build kept in its cache instead of redoing it for unchanged inputs gives what redoing it gives.

Each shortcut here (a campaign's later checks kept with the campaign, a prefilter before the link
pattern, one pattern for the outputs table, compiled templates kept between builds) must give the
same result as the long way; these tests compare the two.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jinja2
import pytest

from xiaobao.cache.store import Store
from xiaobao.campaigns.catalog import load_catalog
from xiaobao.pipeline import outputs
from xiaobao.pipeline.templates import stored_templates

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from steps.written import _LINK, may_link  # noqa: E402

GOOD = """\
---
title: 工商银行南通分行“3·15”宣传
organization: 工商银行南通分行
org_type: bank
region: 江苏省南通市
start: 2024-03-09
topics: [consumer-law]
summary: 115 个网点开展宣传。
stats:
  sms:
    value: 760
    quote: 发送短信758条
---

为做好金融消费者权益保护工作，我行组织开展了宣传活动。各网点设立咨询台，发放宣传资料，解答群众咨询。活动期间共接待客户咨询，受到群众好评。本行发送短信758条。
"""


def _write(root: Path) -> None:
    files = {
        "2024/a.md": GOOD,
        "2024/b.md": GOOD.replace("summary:", "slug: b-copy\nsummary:"),  # a near duplicate of a.md
        "2023/c.md": GOOD.replace("summary:", "slug: c-year\nsummary:"),  # a folder of another year
        "２０２４/d.md": GOOD.replace("summary:", "slug: d-wide\nsummary:") + "另外一场活动的正文，完全不同的内容写在这里。\n",
    }
    for rel, text in files.items():
        path = root / "campaigns" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _seen(catalog) -> tuple:
    return [str(p) for p in catalog.problems], [repr(c) for c in catalog.campaigns]


def test_a_catalog_read_from_the_cache_has_every_problem_a_fresh_one_has(tmp_path: Path):
    """Near duplicates, folder and quote problems come from the cache entry on the second read."""
    _write(tmp_path)
    fresh = load_catalog(tmp_path / "campaigns", tmp_path)
    store = Store(tmp_path / "cache", version="t")
    filled = load_catalog(tmp_path / "campaigns", tmp_path, store=store)
    hits = store.hits
    cached = load_catalog(tmp_path / "campaigns", tmp_path, store=store)
    assert store.hits - hits == 4  # every file came from the cache
    assert _seen(fresh) == _seen(filled) == _seen(cached)
    messages = " ".join(_seen(cached)[0])
    assert "可能是同一篇总结" in messages and "2023 文件夹" in messages and "全角数字" in messages and "“758”" in messages


def test_a_cached_campaign_changed_on_disk_is_checked_again(tmp_path: Path):
    _write(tmp_path)
    store = Store(tmp_path / "cache", version="t")
    load_catalog(tmp_path / "campaigns", tmp_path, store=store)
    b = tmp_path / "campaigns" / "2024" / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("为做好", "今年为了做好另一项完全不同的工作，"), encoding="utf-8")
    b.write_text(b.read_text(encoding="utf-8").replace("各网点设立咨询台，发放宣传资料，解答群众咨询。", "本次换了内容。"),
                 encoding="utf-8")
    assert _seen(load_catalog(tmp_path / "campaigns", tmp_path, store=store)) == \
        _seen(load_catalog(tmp_path / "campaigns", tmp_path))


def test_fingerprints_are_the_same_in_every_process():
    """They are stored with the campaign and compared with fresh ones: Python's salted hash() is not."""
    code = "from xiaobao.campaigns.neardup import fingerprint; print(sorted(fingerprint('为做好金融消费者权益保护工作。各网点设立咨询台发放资料')))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and runs != {"[]\n"}


@pytest.mark.parametrize("body", [
    "", "纯中文正文，没有任何链接。", "见[这里](../x/)。", "[甲][1]\n\n[1]: https://x.cn", "  [ref]: /a/",
    "<a href='x'>", "<A HREF=x>", "<img src=x>", "IMG SRC=x", "a=b 等号", "[方括号] 没有链接", "](", "x]( y",
    "<div>", "href =x", "[a]\n[b]", "＝全角等号［全角］",
])
def test_the_link_prefilter_agrees_with_the_pattern(body: str):
    assert may_link(body) == (_LINK.search(body) is not None)


def test_the_outputs_table_finds_the_same_output_as_a_scan_in_order():
    paths = ["campaigns/x/index.html", "qr/index.html", "qr/a/b.svg", "search/x.json", "feed.xml", "assets/js/a.js",
             "assets/js/qrcode.js", "data/stats.json", "print/a/index.html", "nope.txt", "admin/dist/x", "s/index.html",
             "index.html", "a/b/index.html", "assets/stylesheets/main.min.css", "data/portal.json", "qr/x.png"]
    for path in paths:
        assert outputs.declared(path) is next((o for o in outputs.OUTPUTS if o.matches(path)), None), path


def test_templates_compiled_from_the_cache_render_the_same_and_follow_their_source(tmp_path: Path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{% for i in items %}<p>{{ i }}</p>{% endfor %}", encoding="utf-8")

    def render(cache) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)
        return env.get_template("page.html").render(items=["甲", "乙"])

    plain = render(None)
    assert render(stored_templates(tmp_path / "cache")) == plain  # compiled and stored
    assert list((tmp_path / "cache" / "jinja").iterdir())
    assert render(stored_templates(tmp_path / "cache")) == plain  # from the cache
    (folder / "page.html").write_text("{% for i in items %}<li>{{ i }}</li>{% endfor %}", encoding="utf-8")
    assert render(stored_templates(tmp_path / "cache")) == "<li>甲</li><li>乙</li>"  # a changed source is compiled anew
    assert stored_templates(None) is None


def test_links_replayed_from_a_reused_page_are_the_links_read(tmp_path: Path):
    """Matches are kept as one string each (groups joined by "<"): odd values survive the round trip."""
    from xiaobao.pipeline.linkcheck import LinkCollector

    html = ('<a href="../x/">甲</a><img src=\'../../y.png\'><a href=z/ >乙</a><a href="a\0b">丙</a>'
            '<a href="">丁</a><script src="javascript:alert(1)"></script><a href="../x/">again</a>')
    read, replayed = LinkCollector(tmp_path), LinkCollector(tmp_path)
    for n in range(2):
        dest = f"campaigns/c{n}/index.html"
        read.add(dest, html, dest)
        replayed.add(dest, "", dest, read.last)
    assert list(replayed.links) == list(read.links)
    assert [url for *_, url in read.links][:6] == ["../x/", "../../y.png", "z/", "a\0b", "", "javascript:alert(1)"]
    assert replayed.problems(lambda rel: False) == read.problems(lambda rel: False) != []
