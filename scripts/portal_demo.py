"""make portal-demo: three real member sites and a portal over them, in one folder.

    python scripts/portal_demo.py [--out portal-demo] [--port 8000]

portal-demo/
    projects/<member>/   each member's project: mkdocs.yml, docs/, campaigns/ (a small sample set)
    projects/portal/     the portal's project: its mkdocs.yml lists the members under extra.portal
    sites/<member>/      each member's built site, as it would be published
    portal/              the portal's built site

Serve the folder (`python -m http.server 8000 -d portal-demo`) and open
http://127.0.0.1:8000/portal/: every link from the portal to a member's page resolves inside it.
The members are read from their folders (`folder:`), as a province that copies its members'
published data/ would; the operators' page (docs/portal.md) shows the same with https addresses.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts"), str(REPO / "tests")]

from sitebuild import make_tree  # noqa: E402
from synthetic import repo_seed_text, write_campaigns  # noqa: E402


@dataclass(frozen=True)
class DemoMember:
    id: str
    name: str
    campaigns: tuple[str, ...]  # the repository's own campaign files (relative to campaigns/)
    synthetic: int  # plus this many generated in the seed summaries' style
    seed: int


MEMBERS = (
    DemoMember("banks", "银行业协会示范站", ("2024/icbc-nantong-315.md", "undated/boc-shanghai-315.md",
                                      "undated/bosc-service-month.md"), 6, 11),
    DemoMember("amr", "市场监管示范站", ("undated/county-amr-food-safety.md", "undated/pingnan-amr-315.md",
                                   "undated/zhengxing-liquor-quality.md"), 5, 12),
    DemoMember("pboc", "人民银行示范站", ("undated/pboc-bengbu-county-baicun.md", "undated/suining-bank-consumer-protection.md",
                                   "undated/xx-bank-branch-consumer-protection.md",
                                   "undated/xx-bank-branch-consumer-protection-b.md"), 4, 13),
)
PORTAL_GROUP = """  - 各成员的活动:
      - 成员网站: members/index.md
      - 最新活动: campaigns/index.md
      - 按地区: regions/index.md
      - 按年份: years/index.md
      - 按单位类型: org-types/index.md
      - 数据统计: stats/index.md
      - 开放数据: data.md
"""


def portal_nav(config: str) -> str:
    """The repository's nav with its campaigns group (宣传活动) replaced by the portal's: every topic stays."""
    nav = "nav:\n" + config.split("\nnav:\n", 1)[1]
    head, rest = nav.split("  - 宣传活动:\n", 1)
    lines = rest.splitlines(True)
    skip = next((i for i, line in enumerate(lines) if line.startswith("  - ")), len(lines))
    return head + PORTAL_GROUP + "".join(lines[skip:])


def _campaign_path(rel: str) -> Path:
    found = list((REPO / "campaigns").rglob(Path(rel).name))
    if not found:
        raise SystemExit(f"campaigns/{rel} is missing from the repository")
    return found[0]


def _config(text: str, site_url: str, site_name: str, extra: str | None = None, nav: str | None = None) -> str:
    """The repository's mkdocs.yml with this project's address, name, extra and nav."""
    lines = text.splitlines()
    out = []
    for line in lines:
        if line.startswith("site_url:"):
            line = f"site_url: {site_url}"
        elif line.startswith("site_name:"):
            line = f"site_name: {site_name}"
        out.append(line)
    text = "\n".join(out) + "\n"
    if extra is not None:
        head, rest = text.split("\nextra:\n", 1)
        _, tail = rest.split("\n\n", 1)
        text = f"{head}\nextra:\n{extra}\n{tail}"
    if nav is not None:
        text = text.split("\nnav:\n", 1)[0] + "\n" + nav
    return text


def build_project(root: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)}
    env.pop("XIAOBAO_SITE_URL", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=900)
    if proc.returncode:
        raise SystemExit(f"building {root.name} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")


def member_project(root: Path, member: DemoMember, site_url: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    make_tree(root, {})
    for rel in member.campaigns:
        target = root / "campaigns" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(_campaign_path(rel), target)
    write_campaigns(root / "campaigns" / "sample", member.synthetic, repo_seed_text(REPO), seed=member.seed)
    for path in (root / "campaigns" / "sample").rglob("*.md"):  # slugs unique within the member, years in their folders
        text = path.read_text(encoding="utf-8").replace("slug: c", f"slug: {member.id}-c")
        year = path.parent.name
        path.unlink()
        dest = root / "campaigns" / year / path.name.replace("c", f"{member.id}-c", 1)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    shutil.rmtree(root / "campaigns" / "sample", ignore_errors=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(_config(config, site_url, f"{member.name} · 消保"), encoding="utf-8")


def portal_extra(members: list[tuple[str, str, str, str]], contact: str = "jiucuo@xiaobao.example.cn") -> str:
    """extra: of a portal's mkdocs.yml; members: (id, name, url, folder)."""
    lines = [f"  contact: {contact}", "  portal:", "    members:"]
    for member_id, name, url, folder in members:
        lines += [f"      - name: {name}", f"        id: {member_id}", f"        url: {url}"]
        if folder:
            lines.append(f"        folder: {folder}")
    return "\n".join(lines)


def portal_project(root: Path, site_url: str, members: list[tuple[str, str, str, str]], name: str = "消保门户（示范）") -> None:
    root.mkdir(parents=True, exist_ok=True)
    make_tree(root, {})
    shutil.rmtree(root / "campaigns")
    (root / "campaigns").mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(_config(config, site_url, name, portal_extra(members), portal_nav(config)),
                                      encoding="utf-8")


def build_demo(out: Path, port: int = 8000, build: Callable[[Path, Path], None] = build_project) -> None:
    """The demo in out; build(project, site) builds one project (tests build in their own process)."""
    base = f"http://127.0.0.1:{port}/"
    shutil.rmtree(out, ignore_errors=True)
    (out / "projects").mkdir(parents=True)
    listed = []
    for member in MEMBERS:
        url = f"{base}sites/{member.id}/"
        project = out / "projects" / member.id
        member_project(project, member, url)
        print(f"building member {member.id} …", flush=True)
        build(project, out / "sites" / member.id)
        listed.append((member.id, member.name, url, f"../../sites/{member.id}"))
    project = out / "projects" / "portal"
    portal_project(project, f"{base}portal/", listed)
    print("building the portal …", flush=True)
    build(project, out / "portal")
    print(f"done: python3 -m http.server {port} -d {out}  then open {base}portal/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "portal-demo")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    build_demo(args.out.resolve(), args.port)


if __name__ == "__main__":
    main()
