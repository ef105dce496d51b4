"""The standards checks' shared parts: the site they check, its page types, and missing tools.

One build (tests/conftest.py `standards_site`) serves the Nu HTML Checker, axe-core, the open-data
validators and the feed and sitemap checks: the real site, plus a batch of sample campaigns so
that pagers, a dated year page and a redirect page exist to be checked.
"""

from __future__ import annotations

import os

import pytest

from xiaobao.site.facets import slugify

REQUIRE_ENV = "XIAOBAO_REQUIRE_CHECKERS"  # .ci/run sets it: a missing checker fails instead of skipping
SAMPLES = 56  # more than one page of a listing (xiaobao.site.pages.PAGE_SIZE = 50)
REDIRECTED = "std-old-address"
SAMPLE_ORG = "标准样例银行杭州分行"


def missing(what: str) -> None:
    """Skip where a checker is not installed; fail under CI, which must have installed it."""
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{what}: .ci/run should have installed it ({REQUIRE_ENV} is set)")
    pytest.skip(what)


def sample_campaigns() -> dict[str, str]:
    """Campaign files, each distinct: one organisation, one region, one topic without an education page."""
    files = {}
    for n in range(1, SAMPLES + 1):
        lines = ["---", f"title: 标准样例银行第{n}场服务收费宣传", f"organization: {SAMPLE_ORG}", "org_type: bank",
                 "region: 浙江省杭州市", f"start: 2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "topics: [fee-transparency]",
                 f"summary: 样例活动{n}，在网点公示服务价格。", f"slug: std-{n:02d}",
                 *([f"redirects: [{REDIRECTED}]"] if n == 1 else []),
                 "stats:", f"  outlets: {n}", f"  materials: {n * 100}余", "  complaints: XX", "---", "",
                 f"第{n}场。", "", "## 活动情况", "", f"在{n}个网点公示服务价格。", ""]
        files[f"campaigns/standards/std-{n:02d}.md"] = "\n".join(lines)
    return files


# One path of each kind of page, relative to the site root ("" is the home page).
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "education topic": "topics/fraud-prevention/",
    "generated topic": "topics/fee-transparency/",
    "topic listing, page 2": "topics/fee-transparency/campaigns/page/2/",
    "campaign": "campaigns/std-02/",
    "all campaigns": "campaigns/",
    "all campaigns, page 2": "campaigns/page/2/",
    "years": "years/",
    "year": "years/2023/",
    "regions": "regions/",
    "region": f"regions/{slugify('浙江')}/",
    "organisation types": "org-types/",
    "organisation type": "org-types/bank/",
    "organisations": "orgs/",
    "organisation": f"orgs/{slugify(SAMPLE_ORG)}/",
    "stats": "stats/",
    "data": "data/",
    "guide": "guide/",
    "about": "about/",
    "screen": "screen/",
    "short link": "s/",  # no code after it: the page says so
    "print": "print/fraud-prevention/",
    "QR sheet": "qr/",
    "404": "404.html",
    "redirect": f"campaigns/{REDIRECTED}/",
}
