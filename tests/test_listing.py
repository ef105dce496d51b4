"""The listing blocks, written out in full: what the reader's browser receives."""

from __future__ import annotations

from xiaobao.site.aggregate import Total
from xiaobao.site.listing import listing, pager, totals_block


def test_totals_say_how_many_gave_a_figure_and_keep_the_caveats():
    totals = {"materials": Total(7600, "more_than", 2, 1), "complaints": Total(None, "undisclosed", 0, 3)}
    assert totals_block(totals, "南通：数字合计") == (
        '<section class="xb-totals" aria-label="南通：数字合计" data-xb-noindex>\n'
        '<p class="xb-totals-caption">南通：数字合计</p>\n'
        '<ul class="xb-total-cards">'
        '<li><span class="xb-label">宣传资料</span><span class="xb-big">7,600 余份</span>\n'
        "<small>2 场活动给出了数字；含“余”“多”等约数，实际不少于此数；另有 1 场活动未披露</small></li>"
        '<li><span class="xb-label">投诉</span><span class="xb-big">未披露</span>\n'
        "<small>另有 3 场活动未披露</small></li>"
        "</ul>\n</section>"
    )


def test_no_totals_and_a_hostile_caption():
    block = totals_block({}, '<b>"银行"</b> & \'支行\'')
    assert 'aria-label="&lt;b&gt;&#34;银行&#34;&lt;/b&gt; &amp; &#39;支行&#39;"' in block
    assert '<ul class="xb-total-cards"><li>还没有数字。</li></ul>' in block


def test_pager_links_neighbours_and_marks_gaps():
    assert pager(1, 1, "../", "years/2024/", [1]) == ""
    assert pager(9, 5, "../../", "years/2024/", [1, None, 4, 5, 6, None, 9]) == (
        '<nav class="xb-pager" aria-label="分页" data-xb-noindex>'
        '<a href="../../years/2024/">1</a><span class="xb-gap" aria-hidden="true">…</span>'
        '<a href="../../years/2024/page/4/" rel="prev">4</a><span aria-current="page">5</span>'
        '<a href="../../years/2024/page/6/" rel="next">6</a><span class="xb-gap" aria-hidden="true">…</span>'
        '<a href="../../years/2024/page/9/">9</a></nav>'
    )


def test_listing_lines():
    one = listing("<li>甲</li>", count=1, totals=None, caption="", intro="最新的在前。", pages=1, current=1,
                  base="../", prefix="campaigns/", pager_items=[1])
    assert one.splitlines() == ['<div class="xb-listing">',
                                '<p class="xb-intro">最新的在前。</p><h2 id="campaigns">活动（共 1 场）</h2>',
                                '<ul class="xb-campaigns" data-xb-noindex><li>甲</li></ul>', "</div>"]
    later = listing("", count=120, totals=None, caption="", intro="", pages=3, current=2, base="../../../",
                    prefix="campaigns/", pager_items=[1, 2, 3])
    assert '<h2 id="campaigns">活动（共 120 场，第 2/3 页）</h2>' in later.splitlines()[1]
    assert later.splitlines()[3].startswith('<nav class="xb-pager"')


def test_generated_html_goes_where_its_mark_came_through_markdown():
    import markdown

    from xiaobao.site.pages import generated, insert_html

    page = generated("x.md", "标题", "<p>我们的块</p>", markdown_tail="正文里有 <!-- xiaobao:html 写错的 --> 也不动")
    html = markdown.markdown(page.markdown.split("---\n", 2)[2])
    assert insert_html(html, page.html) == html.replace(page.markdown.split("\n\n")[1], "<h1>标题</h1>\n<p>我们的块</p>")
    assert "<p>我们的块</p>" in insert_html(html, page.html) and "写错的" in insert_html(html, page.html)
    assert insert_html("<p>没有标记</p>", "<p>块</p>") == "<p>没有标记</p>"
    assert insert_html("<!-- xiaobao:html 不是十六位 --> ", "<p>块</p>") == "<!-- xiaobao:html 不是十六位 --> "
