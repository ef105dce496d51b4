"""Throw-away builds with the education pages' checks (hooks/steps/docs.py): stale advice warns under `make site`, fails under --strict.

The build's day comes from XIAOBAO_TODAY (tests/conftest.py fixes it; these tests set their own).
"""

from __future__ import annotations

import re

import pytest

from sitebuild import build, make_tree

pytestmark = pytest.mark.build
TODAY = "2026-11-29"

STALE_TOPIC = """\
---
title: 个人征信
topic: credit-reporting
reviewed: 2026-11-01
sources:
  - title: 《征信业管理条例》
    publisher: 国务院
    number: 国务院令第631号
    in_force: 2013-03-15
    url: https://flk.npc.gov.cn/
expires:
  - claim: 一次性信用修复可以自动处理您的逾期记录
    until: 2026-03-31
---
# 个人征信

一次性信用修复可以自动处理您的逾期记录。

## 记住这几点

- 信用报告每年可以免费查两次。
"""

OLD_REVIEW = """\
---
title: 防范电信网络诈骗
topic: fraud-prevention
reviewed: 2025-10-01
---
# 防范电信网络诈骗

## 记住这几点

- 被骗了，马上打110。
"""


def _mkdocs(root, *options: str, today: str = TODAY):
    """The build with warnings shown (sitebuild.build's default -q would silence them, and then
    strict mode has nothing to count), on the given day."""
    return build(root, options=options, quiet=False, env={"XIAOBAO_TODAY": today})


def _stale_tree(tmp_path):
    return make_tree(tmp_path, {"docs/topics/credit-reporting.md": STALE_TOPIC,
                                "docs/topics/fraud-prevention.md": OLD_REVIEW})


def test_strict_build_fails_naming_file_claim_and_date(tmp_path):
    proc = _mkdocs(_stale_tree(tmp_path), "--strict")
    assert proc.returncode != 0
    out = proc.output
    assert "Aborted with 3 warnings in strict mode" in out, out
    expired = re.search(r"docs/topics/credit-reporting\.md：expires 第1条：“一次性信用修复可以自动处理您的逾期记录”"
                        r"只到2026年3月31日有效，今天（2026年11月29日）已经过期", out)
    assert expired, out
    assert "docs/topics/fraud-prevention.md：reviewed: 2025-10-01：这一页超过12个月没有核对了" in out
    assert "docs/topics/credit-reporting.md：sources 第1条（《征信业管理条例》）的 url “https://flk.npc.gov.cn/”只是网站首页" in out
    assert "Traceback" not in out


def test_make_site_only_warns(tmp_path):
    """`make site` runs with --no-strict: the same problems are warnings and the site still builds."""
    root = _stale_tree(tmp_path)
    proc = _mkdocs(root, "--no-strict")
    assert proc.returncode == 0, proc.output
    out = proc.output
    assert "注意" in out and "已经过期" in out and "超过12个月没有核对" in out
    assert (root / "site" / "topics" / "credit-reporting" / "index.html").is_file()


def test_the_last_day_of_a_claim_builds_clean(tmp_path):
    page = STALE_TOPIC.replace("    url: https://flk.npc.gov.cn/\n", "")
    proc = _mkdocs(make_tree(tmp_path, {"docs/topics/credit-reporting.md": page}), "--strict", today="2026-03-31")
    assert proc.returncode == 0, proc.output
    assert "WARNING" not in proc.output and "注意" not in proc.output


@pytest.fixture(scope="module")
def site(docs_site):
    return docs_site


def test_topic_pages_show_their_hotlines_as_tel_links(site):
    from xiaobao.site.hotlines import HOTLINES

    for key in ("credit-reporting", "anti-counterfeit", "complaint-handling", "fraud-prevention",
                "illegal-fundraising", "consumer-law"):
        html = site.page(f"topics/{key}/")
        article = html[html.index("<article"):]
        head = article[:article.index("记住这几点")]  # help first: the numbers come before the key points
        for line in HOTLINES[key]:
            assert f'href="{line.tel}"' in head, (key, line.number)


def test_sources_list_is_built_from_front_matter(site):
    html = site.page("topics/consumer-law/")
    sources = html[html.index("资料来源"):html.index("最后核对")]
    assert 'href="https://www.gov.cn/zhengce/content/202403/content_6940158.htm"' in sources
    assert "国务院令第778号，2024年7月1日起施行" in sources
    assert html.index("资料来源") < html.index("相关宣传活动") if "相关宣传活动" in html else True


def test_home_about_and_complaint_pages_take_numbers_and_contact_from_one_place(site):
    home = site.page("")
    for number in ("12315", "12378", "12363", "12386", "110", "96110"):
        assert f'href="tel:{number}"' in home, number
    about = site.page("about/")
    assert 'href="mailto:jiucuo@xiaobao.example.cn"' in about and "我们怎样核对内容" in about
    guide = site.page("guide/")
    assert "<code>in_force</code>" in guide and "<code>url</code>" in guide  # from sources.FIELDS
    complaint = site.page("topics/complaint-handling/")
    assert "征信机构、非银行支付机构" in complaint and 'href="tel:12386"' in complaint
