"""One entry into MkDocs, and state that lives for one build only (issue 24).

MkDocs loads a hook module once per process: anything a module keeps outlives the build that made
it, under `mkdocs serve` and in a test session alike. So hooks/ has one entry module, and no
module of hooks/ or xiaobao/ keeps a container it changes from a function.
"""

from __future__ import annotations

import ast
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from sitebuild import REPO, build, make_tree, start_in_subprocess
from samples import CAMPAIGN, SECOND

MUTATORS = {"append", "extend", "insert", "update", "setdefault", "pop", "popitem", "clear", "add", "discard",
            "remove", "__setitem__"}
CONTAINERS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


@pytest.fixture(scope="module")
def modules() -> dict[str, ast.Module]:
    """Every module of hooks/ and xiaobao/, parsed once for the checks below."""
    paths = sorted([*(REPO / "hooks").rglob("*.py"), *(REPO / "xiaobao").rglob("*.py")])
    return {p.relative_to(REPO).as_posix(): ast.parse(p.read_text(encoding="utf-8")) for p in paths}


def _module_containers(tree: ast.Module) -> set[str]:
    """Names bound at module level to a dict, list or set (a display, a comprehension or a call)."""
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        call = isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in {
            "dict", "list", "set", "defaultdict", "OrderedDict", "Counter"}
        if isinstance(value, CONTAINERS) or call:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _changed_in_functions(tree: ast.Module, names: set[str]) -> list[str]:
    """Where a function changes one of the names: x[k] = v, x.append(…), x[:] = …, `global x`."""
    found = []
    for top in tree.body:  # each function and class walked once, nested functions included
        if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(top):
            if isinstance(node, ast.Global):
                found += [f"line {node.lineno}: global {n}" for n in node.names]
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in names:
                    found.append(f"line {node.lineno}: {target.value.id}[…] =")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in names):
                found.append(f"line {node.lineno}: {node.func.value.id}.{node.func.attr}(…)")
    return found


def test_mkdocs_enters_through_one_hook_without_priorities():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0], Loader=yaml.BaseLoader)
    assert config["hooks"] == ["hooks/entry.py"]
    assert config["plugins"] == []
    for path in (REPO / "hooks").rglob("*.py"):
        assert "event_priority" not in path.read_text(encoding="utf-8"), path
    assert not (REPO / "xiaobao" / "pipeline" / "order.py").exists()


def test_no_module_keeps_state_it_changes(modules):
    found = {}
    for name, tree in modules.items():
        changed = _changed_in_functions(tree, _module_containers(tree))
        if changed:
            found[name] = changed
    assert found == {}


def test_the_state_check_sees_a_memo():
    """The check above finds the kind of memo it forbids."""
    tree = ast.parse("_SEEN: dict[int, str] = {}\ndef f(x):\n    _SEEN[id(x)] = 'y'\n    return _SEEN\n")
    assert _changed_in_functions(tree, _module_containers(tree)) == ["line 3: _SEEN[…] ="]


def test_no_memo_is_keyed_by_object_identity(modules):
    for name, tree in modules.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id":
                pytest.fail(f"{name}:{node.lineno}: id() as a key outlives the object it names")


def test_the_entry_keeps_only_its_session():
    tree = ast.parse((REPO / "hooks" / "entry.py").read_text(encoding="utf-8"))
    bound = [t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
             for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]
    assert bound == ["_SESSION"]


# ---------- two builds in one process, each as a fresh process would make it ----------

def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same(one: Path, two: Path) -> list[str]:
    a, b = _files(one), _files(two)
    return sorted(set(a) ^ set(b)) + [rel for rel in a if rel in b and a[rel] != b[rel]]


FIRST = {
    "docs/topics/credit-reporting.md": "---\ntitle: 个人征信\ntopic: credit-reporting\n---\n\n# 个人征信\n\n信用报告。\n",
    "campaigns/2024/icbc-nantong-315.md": CAMPAIGN,
    "campaigns/undated/county-amr.md": SECOND,
}
# Another day: one campaign gone, one changed, the education page moved by its slug and given a redirect.
SECOND_DAY = {
    "docs/topics/credit-reporting.md": ("---\ntitle: 个人征信知识\ntopic: credit-reporting\nslug: credit\n"
                                        "redirects: [old-credit]\n---\n\n# 个人征信知识\n\n信用报告。\n"),
    "campaigns/2024/icbc-nantong-315.md": CAMPAIGN.replace("7600余", "8000余").replace("[nantong-2024]", "[nantong-old]"),
}


@pytest.mark.build
def test_two_builds_in_one_process_equal_fresh_builds(tmp_path: Path):
    """The second build of a process sees nothing of the first (as under `mkdocs serve`). The fresh
    builds run as commands of their own, started first so that they use the other core meanwhile."""
    fresh = {}
    for name, inputs in (("first", FIRST), ("second", SECOND_DAY)):
        (tmp_path / f"fresh-{name}").mkdir()
        fresh[name] = start_in_subprocess(make_tree(tmp_path / f"fresh-{name}", inputs))
    (tmp_path / "same").mkdir()
    root = make_tree(tmp_path / "same", FIRST)
    first = build(root, options=("-d", str(tmp_path / "first")))
    assert first.returncode == 0, first.output[-3000:]
    shutil.rmtree(root / "campaigns")
    (root / "docs/topics/credit-reporting.md").unlink()
    for rel, text in SECOND_DAY.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    second = build(root, options=("-d", str(tmp_path / "second")))
    assert second.returncode == 0, second.output[-3000:]
    assert "8,000 余份" in second.page("campaigns/icbc-nantong-315") and not (second.site / "campaigns/county-amr").exists()

    for name, built in (("first", first), ("second", second)):
        reference = fresh[name].result()
        assert reference.returncode == 0, reference.output[-3000:]
        assert _same(built.site, reference.site) == [], name


@pytest.mark.build
def test_each_editor_file_is_read_once_with_one_set_of_rules(tmp_path: Path, monkeypatch):
    """Docs pages and campaign files go through xiaobao.campaigns.frontmatter once per build; MkDocs
    (YAML 1.1, errors swallowed) never sees an editor's front matter, only our generated pages' JSON."""
    from mkdocs.utils import meta

    from xiaobao.campaigns import catalog, frontmatter
    from xiaobao.publish import inventory
    from xiaobao.site import docpages

    read: list[str] = []
    engine_read: list[str] = []

    def parse(text: str):
        read.append(text)
        return frontmatter.parse(text)

    def get_data(doc: str):
        if doc.startswith("---"):
            engine_read.append(doc[:40])
        return real_get_data(doc)

    real_get_data = meta.get_data
    monkeypatch.setattr(docpages, "parse", parse)
    monkeypatch.setattr(catalog, "parse", parse)
    monkeypatch.setattr(inventory, "parse", parse)  # the docs/ inventory reads the pages first (personal data, status)
    monkeypatch.setattr(meta, "get_data", get_data)
    root = make_tree(tmp_path, FIRST)
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    editors_files = [*(root / "docs").rglob("*.md"), *(root / "campaigns").rglob("*.md")]
    assert len(read) == len(editors_files) > 10 and len(set(read)) == len(read)
    assert engine_read and [doc for doc in engine_read if not doc.startswith("---\n{")] == []


def test_the_comparison_sees_one_changed_byte(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name / "x").mkdir(parents=True)
        (tmp_path / name / "x" / "f.txt").write_text("一样", encoding="utf-8")
    (tmp_path / "b" / "x" / "f.txt").write_text("不一样", encoding="utf-8")
    assert _same(tmp_path / "a", tmp_path / "b") == ["x/f.txt"]
    (tmp_path / "b" / "y.txt").write_text("多一个", encoding="utf-8")
    assert _same(tmp_path / "a", tmp_path / "b") == ["y.txt", "x/f.txt"]
