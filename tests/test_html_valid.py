"""Every page we generate or template passes the W3C Nu HTML Checker (vnu.jar) with no errors.

vnu.jar comes from the npm package vnu-jar, pinned in tests/tools/package.json; .ci/run installs
it with `npm ci` and installs Java. Here the test skips if either is missing, unless
XIAOBAO_REQUIRE_CHECKERS is set (CI), where it fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from checkers import PAGE_TYPES, missing

pytestmark = pytest.mark.build
VNU = Path(__file__).parent / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Warnings we keep, each with why: anything else the checker says fails the test.
KNOWN_WARNINGS = {
    # /stats/: a chart's <figure> holds the SVG and the table of its numbers; the table keeps its own
    # <caption> so a screen reader moving by tables hears which chart's numbers these are.
    "When a “table” element is the only content in a “figure” element other than the “figcaption”, "
    "the “caption” element should be omitted in favor of the “figcaption”.",
}


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def vnu_messages(standards_site: Path) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU.exists():
        missing("the Nu HTML Checker needs java and tests/tools/node_modules/vnu-jar (cd tests/tools && npm ci)")
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(standards_site)],
                          capture_output=True, text=True, timeout=600)
    assert proc.stderr.lstrip().startswith("{"), proc.stdout + proc.stderr[-3000:]
    report = json.loads(proc.stderr)  # vnu writes its report to stderr
    for m in report["messages"]:
        m["page"] = m.get("url", "").split(standards_site.name + "/", 1)[-1]
    return report["messages"]


def test_every_page_type_is_checked(standards_site: Path):
    built = {str(p.relative_to(standards_site)) for p in _html_files(standards_site)}
    for kind, path in PAGE_TYPES.items():
        assert (path if path.endswith(".html") else path + "index.html") in built, kind
    assert len(built) > 100


def test_no_html_errors(vnu_messages: list[dict]):
    errors = [f"{m['page']}:{m.get('lastLine')}: {m['message']}" for m in vnu_messages if m["type"] != "info"]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:40])


def test_only_known_warnings(vnu_messages: list[dict]):
    warnings = Counter(m["message"] for m in vnu_messages if m["type"] == "info" and m.get("subType") == "warning")
    unknown = {w: n for w, n in warnings.items() if w not in KNOWN_WARNINGS}
    assert not unknown, unknown


def test_one_main_and_one_h1_on_every_page(standards_site: Path):
    wrong = []
    for path in _html_files(standards_site):
        if path.relative_to(standards_site).parts[0] == "admin":
            continue  # the editors' form: an empty page that the vendored Decap CMS builds in the browser
        tree = lxml_html.parse(str(path))
        mains, h1s = len(tree.xpath("//main")), len(tree.xpath("//h1"))
        if (mains, h1s) != (1, 1):
            wrong.append(f"{path.relative_to(standards_site)}: {mains} main, {h1s} h1")
    assert not wrong, "\n".join(wrong)
