"""Listing pager: a few links per page, every page still reachable."""

from __future__ import annotations

import pytest

from xiaobao.site.pages import pager_items


@pytest.mark.parametrize("pages", [1, 2, 5, 7, 8, 50, 200])
def test_every_page_is_reached_from_the_first(pages: int):
    seen, todo = {1}, [1]
    while todo:
        for n in pager_items(pages, todo.pop()):
            if n is not None and n not in seen:
                seen.add(n)
                todo.append(n)
    assert seen == set(range(1, pages + 1))


def test_long_listings_show_first_last_and_neighbours_only():
    assert pager_items(200, 100) == [1, None, 98, 99, 100, 101, 102, None, 200]
    assert pager_items(200, 1) == [1, 2, 3, None, 200]
    assert pager_items(7, 4) == [1, 2, 3, 4, 5, 6, 7]  # a one-page gap shows the page, not "…"
    assert max(len(pager_items(10_000, n)) for n in range(1, 10_001)) == 9
