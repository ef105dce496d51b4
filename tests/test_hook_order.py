"""The hook contract (xiaobao/pipeline/order.py) holds whatever the order of `hooks:` in mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection

from xiaobao.pipeline.order import HOOKS, RULES, broken

REPO = Path(__file__).resolve().parent.parent


def _listed() -> list[str]:
    """hooks: in mkdocs.yml, as hook names."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = yaml.safe_load(text[text.index("\nhooks:"):].split("\n\n", 1)[0])["hooks"]  # the rest has !ENV tags
    return [Path(h).stem for h in hooks]


@pytest.fixture(scope="module")
def modules() -> dict[str, object]:
    """The hook modules as MkDocs loads them from mkdocs.yml."""
    config = load_config(str(REPO / "mkdocs.yml"))
    return {Path(name).stem: config.plugins[name] for name in config.plugins if name.startswith("hooks/")}


def dispatch(modules: dict[str, object], listed: list[str]) -> dict[str, list[str]]:
    """event -> hook names in the order MkDocs runs them, for hooks registered in `listed` order."""
    collection = PluginCollection()
    for name in listed:
        collection[f"hooks/{name}.py"] = modules[name]  # type: ignore[assignment]
    names = {id(getattr(module, attr)): name for name, module in modules.items() for attr in dir(module)}
    return {f"on_{event}": [names[id(m)] for m in methods] for event, methods in collection.events.items()}


def test_mkdocs_yml_lists_every_hook_the_contract_names():
    assert sorted(_listed()) == sorted(HOOKS)


def _orders() -> list[list[str]]:
    """Orders of `hooks:` that put each rule's two hooks both ways round.

    MkDocs sorts handlers by priority, stably: whether a rule holds depends only on which of its
    two hooks is listed first, so these orders stand for all 10! of them.
    """
    orders = [list(HOOKS), list(HOOKS)[::-1], sorted(HOOKS)]
    for rule in RULES:
        rest = [h for h in HOOKS if h not in (rule.first, rule.then)]
        orders += [[rule.first, rule.then, *rest], [rule.then, rule.first, *rest], [*rest, rule.then, rule.first]]
    return orders


def test_every_rule_holds_for_every_order_of_hooks(modules):
    assert len(modules) == len(HOOKS)
    for listed in _orders():
        assert broken(dispatch(modules, listed)) == [], listed


def test_the_check_sees_a_rule_broken_when_priorities_tie(modules, monkeypatch):
    """Without its priority, reach's leaflet split would depend on the order of `hooks:`."""
    handler = modules["reach"].on_page_content  # type: ignore[attr-defined]
    monkeypatch.setattr(handler, "mkdocs_priority", modules["campaigns"].on_page_content.mkdocs_priority)  # type: ignore[attr-defined]
    orders = [broken(dispatch(modules, listed)) for listed in _orders()]
    assert [] in orders and any(rule.then == "reach" for found in orders for rule in found)


def test_every_rule_names_handlers_that_exist(modules):
    for rule in RULES:
        for name in (rule.first, rule.then):
            assert callable(getattr(modules[name], rule.event, None)), f"{name}.{rule.event}"


def test_every_priority_says_why():
    for path in sorted((REPO / "hooks").glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("@event_priority("):
                assert re.search(r"\)\s+#\s*\w", line), f"{path.name}:{n}: {line}"


@pytest.mark.build
def test_the_site_builds_the_same_with_hooks_sorted_and_reversed(tmp_path: Path):
    """Sorted by name is the order that once failed with false broken links."""
    from sitebuild import build, make_tree

    sites = []
    for name, order in (("sorted", sorted(_listed())), ("reversed", _listed()[::-1])):
        (tmp_path / name).mkdir()
        root = make_tree(tmp_path / name, {}, with_repo_campaigns=True)
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        block = "hooks:\n" + "".join(f"  - hooks/{h}.py\n" for h in _listed())
        assert block in text
        config.write_text(text.replace(block, "hooks:\n" + "".join(f"  - hooks/{h}.py\n" for h in order)), encoding="utf-8")
        result = build(root)
        assert result.returncode == 0, result.output[-3000:]
        sites.append({p.relative_to(result.site).as_posix(): p.read_bytes()
                      for p in result.site.rglob("*") if p.is_file() and p.suffix != ".gz"})
    assert sites[0].keys() == sites[1].keys()
    assert [k for k in sites[0] if sites[0][k] != sites[1][k]] == []
