"""The CI templates institutions copy: each parses, runs the tests and a strict publishing build on every change,
keeps the built site, publishes main only, and names only make targets and scripts this project has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github" / "workflows" / "site.yml"
GITLAB = REPO / ".gitlab-ci.yml"
MAKE = re.compile(r"(?:^|&&|;|\|\|)\s*make\s+([a-z][a-z0-9-]*)", re.M)  # make as a command, not a package name
SCRIPT = re.compile(r"(?<![\w/.-])((?:scripts|\.ci)/[\w./-]+)")


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z0-9-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))


def commands(node) -> list[str]:
    """Every shell line: GitHub steps' run, GitLab jobs' script and before_script."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script", "before_script", "after_script"):
                found += [value] if isinstance(value, str) else [str(v) for v in value]
            else:
                found += commands(value)
    elif isinstance(node, list):
        for item in node:
            found += commands(item)
    return found


def check_names(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert MAKE.findall(text), "no make target named"
    for target in MAKE.findall(text):
        assert target in make_targets(), f"make {target}: no such target in the Makefile"
    for path in SCRIPT.findall(text):
        assert (REPO / path).is_file(), f"{path}: no such file"
        assert (REPO / path).stat().st_mode & 0o111, f"{path}: not executable"


def test_ci_run_ends_with_make_test():
    lines = [l for l in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert lines[-1] == "make test"


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_template_names_only_what_exists(path):
    check_names(commands(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_github_workflow_checks_every_change_and_deploys_main():
    flow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    events = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request"} <= set(events)
    check, deploy = flow["jobs"]["check"], flow["jobs"]["deploy"]
    assert "if" not in check
    runs = commands(check)
    assert any(".ci/run" in r for r in runs) and any("make publish" in r for r in runs)
    assert runs.index(next(r for r in runs if ".ci/run" in r)) < runs.index(next(r for r in runs if "make publish" in r))
    upload = next(s for s in check["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "public"
    assert deploy["needs"] == "check" and "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert any("scripts/deploy.sh" in r for r in commands(deploy))


def test_gitlab_pipeline_checks_every_change_and_deploys_main():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    check, deploy = ci["check"], ci["deploy"]
    assert "rules" not in check and "only" not in check
    assert check["script"][:2] == [".ci/run", "make publish"]
    assert check["artifacts"]["paths"] == ["public/"] and check["artifacts"]["expose_as"]
    assert deploy["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert ci["stages"].index(deploy["stage"]) > ci["stages"].index(check["stage"])
    assert any("scripts/deploy.sh" in r for r in commands(deploy))
    assert any(r.get("if") == '$CI_PIPELINE_SOURCE == "merge_request_event"' for r in ci["workflow"]["rules"])
