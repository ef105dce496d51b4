"""Screenshots of the preview's review page and problem page, for the editors' guide and for looking.

Builds a throw-away copy of the site, imports a sample report as a draft (.docx, space in its
name), serves it with `mkdocs serve` and photographs /review/ and, after a front-matter slip,
the problem page at 390x844 and 1280x900 with Debian's Chromium.

    .venv/bin/python scripts/guide_screenshots.py --out shots [--guide docs/assets/guide]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "import" / "t01_bank_315.txt"
COPIED = ["mkdocs.yml", "docs", "hooks", "overrides", "xiaobao", "privacy-allowlist.yml", "scripts"]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def make_site(root: Path) -> Path:
    for name in COPIED:
        src = ROOT / name
        (shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__")) if src.is_dir()
         else shutil.copy(src, root / name))
    (root / "campaigns").mkdir()
    inbox = root / "收件箱"
    inbox.mkdir()
    write_docx(SAMPLE.read_text(encoding="utf-8"), inbox / "3·15 活动总结.docx")
    env = {**os.environ, "FILES": "收件箱/3·15 活动总结.docx"}
    subprocess.run([sys.executable, "scripts/import_summary.py", "--names-from-env", "FILES", "--out", "campaigns"],
                   cwd=root, env=env, check=True)
    return next((root / "campaigns").rglob("*.md"))


def get(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while text not in get(url):
        if time.time() > deadline:
            raise TimeoutError(f"{url} never showed {text!r}")
        time.sleep(0.3)


def shoot(browser, url: str, out: Path, name: str) -> list[Path]:
    paths = []
    for label, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")  # not networkidle: the reload script keeps a request open
        page.wait_for_timeout(500)
        path = out / f"{name}-{label}.png"
        page.screenshot(path=str(path))
        paths.append(path)
        if label == "desktop":
            page.screenshot(path=str(out / f"{name}-full.png"), full_page=True)
        context.close()
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--guide", type=Path, help="also write the desktop shots here as review.png and problems.png")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        draft = make_site(root)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = (root / "serve.log").open("w")
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                                cwd=root, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)})
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_for(base + "review/", "待核对的草稿")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                shots = shoot(browser, base + "review/", args.out, "review")
                good = draft.read_text(encoding="utf-8")
                draft.write_text(good.replace("\norg_type: ", "\norg_type：", 1).replace("\nregion: ", "\nregion:", 1),
                                 encoding="utf-8")
                wait_for(base, "处要改")
                shots += shoot(browser, base, args.out, "problems")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    if args.guide:
        args.guide.mkdir(parents=True, exist_ok=True)
        for name in ("review", "problems"):
            shutil.copy(args.out / f"{name}-desktop.png", args.guide / f"{name}.png")
    print("\n".join(str(p) for p in shots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
