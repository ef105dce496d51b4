"""`make site` serves with dirty rebuilds; an edited campaign shows up without a full rebuild."""

import time

import pytest

from sitebuild import get, make_tree, serving
from test_build import CAMPAIGN

pytestmark = pytest.mark.build


def test_serve_rebuilds_an_edited_campaign(tmp_path):
    root = make_tree(tmp_path, {"campaigns/2024/icbc-nantong-315.md": CAMPAIGN})
    with serving(root, "campaigns/icbc-nantong-315/", expect="工商银行南通分行", seconds=120) as url:
        path = root / "campaigns/2024/icbc-nantong-315.md"
        path.write_text(path.read_text(encoding="utf-8").replace("summary: ", "summary: 改过的概述", 1), encoding="utf-8")
        deadline = time.time() + 60
        while "改过的概述" not in get(url):
            assert time.time() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.3)
