"""The CI templates institutions copy: a merge request waits only for the content check (make build, no
browser), main runs the whole suite and a strict publishing build, keeps the site, deploys; an offline
runner has documented mirror variables and a runner image built from .ci/install. Every make target and
script they name exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github" / "workflows" / "site.yml"
GITLAB = REPO / ".gitlab-ci.yml"
DOCKERFILE = REPO / ".ci" / "Dockerfile"
MAKE = re.compile(r"(?:^|&&|;|\|\||\n)\s*make\s+([a-z][a-z0-9-]*)", re.M)  # make as a command, not a package name
SCRIPT = re.compile(r"(?<![\w/.-])((?:scripts|\.ci)/[\w./-]+)")
BROWSER = re.compile(r"\.ci/run|make test|chromium|install --full", re.I)  # what a content check must not wait for
OFFLINE = ["XIAOBAO_CI_IMAGE", "XIAOBAO_APT_MIRROR", "PIP_INDEX_URL", "NPM_CONFIG_REGISTRY", ".ci/Dockerfile"]


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


def _index(runs: list[str], word: str) -> int:
    return next(i for i, r in enumerate(runs) if word in r)


def test_ci_run_installs_then_ends_with_make_test():
    lines = [l for l in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert lines[-1] == "make test"
    assert ".ci/install --full" in lines


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_template_names_only_what_exists(path):
    check_names(commands(yaml.safe_load(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_template_documents_an_offline_runner(path):
    text = path.read_text(encoding="utf-8")
    for word in OFFLINE:
        assert word in text, f"{path.name} does not mention {word}"
    assert "XIAOBAO_CI_IMAGE" in str(yaml.safe_load(text))  # used, not only mentioned: the jobs' image


def test_github_content_check_on_pull_requests_full_suite_on_main():
    flow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    events = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in events and events["push"]["branches"] == ["main"]
    content, check, deploy = flow["jobs"]["content"], flow["jobs"]["check"], flow["jobs"]["deploy"]
    assert content["if"] == "github.event_name == 'pull_request'"
    runs = commands(content)
    assert any("make build" in r for r in runs) and not any(BROWSER.search(r) for r in runs), runs
    assert _index(runs, ".ci/install") < _index(runs, "make build")
    upload = next(s for s in content["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "pull_request" in check["if"] and "refs/heads/main" in check["if"]
    runs = commands(check)
    assert _index(runs, ".ci/run") < _index(runs, "make publish")
    upload = next(s for s in check["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    download = next(s for s in deploy["steps"] if str(s.get("uses", "")).startswith("actions/download-artifact"))
    assert upload["with"]["path"].rstrip("/") == download["with"]["path"].rstrip("/") == "public"
    assert upload["with"]["name"] == download["with"]["name"]
    assert deploy["needs"] == "check" and "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert any("scripts/deploy.sh" in r for r in commands(deploy))
    assert all("XIAOBAO_CI_IMAGE" in job["container"] for job in flow["jobs"].values())


def test_gitlab_content_check_on_merge_requests_full_suite_on_main():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    content, check, deploy = ci["content"], ci["check"], ci["deploy"]
    assert content["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert content["script"] == [".ci/install", "make build"]
    assert content["artifacts"]["paths"] == ["site/"] and content["artifacts"]["expose_as"]
    main_only = [{"if": '$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == "main"'}]
    assert check["rules"] == main_only and deploy["rules"] == main_only
    assert check["script"][:2] == [".ci/run", "make publish"] and check["artifacts"]["paths"] == ["public/"]
    assert ci["stages"].index(deploy["stage"]) > ci["stages"].index(check["stage"]) and deploy["needs"] == ["check"]
    assert any("scripts/deploy.sh" in r for r in commands(deploy))
    assert ci["image"] == "$XIAOBAO_CI_IMAGE" and ci["variables"]["XIAOBAO_CI_IMAGE"].startswith("debian:")
    assert any(r.get("if") == '$CI_PIPELINE_SOURCE == "merge_request_event"' for r in ci["workflow"]["rules"])


def test_runner_image_is_built_from_ci_install_and_works_offline():
    """The image installs with the same script CI runs, copies the pinned lists it needs, and leaves pip
    and npm pointed at what it stored."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    copied = re.findall(r"^COPY (.+) \S+$", text, re.M)
    for line in copied:
        for name in line.split():
            assert (REPO / name).is_file(), f".ci/Dockerfile copies {name}: no such file"
    assert ".ci/install --full" in text and "pip wheel" in text
    assert re.search(r"^ENV .*PIP_NO_INDEX=1.*PIP_FIND_LINKS=", text, re.M)
    assert re.search(r"^ENV .*NPM_CONFIG_OFFLINE=true", text, re.M)
    code = [l for l in (REPO / ".ci" / "install").read_text(encoding="utf-8").splitlines() if not l.lstrip().startswith("#")]
    assert sum("apt-get install" in l for l in code) == 1  # every package goes through apt_install, so the mirror
