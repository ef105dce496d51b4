"""The hostile-input corpus beyond campaign files (tests/bad_inputs/): docs pages, uploads, configuration, imports.

Each case runs through the real command an editor or operator types (`make build`, `make publish`,
`make import`) on a throw-away copy of the project, and must end as its expect.yml says: the exact
Chinese messages printed, no traceback, and the files that must (not) be there afterwards. Plain
`make build` cases run that build in this process (see in_process); two of them run through make too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import REPO, make_tree

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expect.yml").is_file())
SITE_URL = "https://xb.bank.cn/"


def expect(name: str) -> dict:
    return yaml.safe_load((CORPUS / name / "expect.yml").read_text(encoding="utf-8"))


def _expand(text: str) -> str:
    """{spaces:N} and {nested:N} (a list nested N levels): inputs too big to commit."""
    text = re.sub(r"\{spaces:(\d+)\}", lambda m: " " * int(m.group(1)), text)
    return re.sub(r"\{nested:(\d+)\}", lambda m: "".join("    " * i + "- 一层\n" for i in range(int(m.group(1)))), text)


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a line of text in Helvetica (ASCII): what PDFium must read back."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _docx(path: Path, runs: list[str]) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph(runs[0])
    for run in runs[1:]:
        paragraph.add_run(run)
    document.save(str(path))


def install(root: Path, name: str) -> Path:
    """The project copied (sources, Makefile, scripts), then the case's files, copies, edits and generated files."""
    root.mkdir(parents=True, exist_ok=True)
    make_tree(root, {})
    for top in ("Makefile", "requirements.txt", "requirements.lock"):
        shutil.copy(REPO / top, root / top)
    (root / "scripts").mkdir(exist_ok=True)
    for script in ("publish.py", "import_summary.py"):
        shutil.copy(REPO / "scripts" / script, root / "scripts" / script)
    case, spec = CORPUS / name, expect(name)
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.name != "expect.yml":
            target = root / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    for dest, source in (spec.get("copy") or {}).items():
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / source, root / dest)
    for rel, edits in (spec.get("edit") or {}).items():
        text = (root / rel).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, (rel, old)
            text = text.replace(old, _expand(new), 1)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, extra in (spec.get("append") or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(_expand(extra))
    for rel, what in (spec.get("generate") or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        if what["kind"] == "pdf":
            (root / rel).write_bytes(minimal_pdf(what["text"]))
        else:
            _docx(root / rel, what["text"])
    return root


def run(root: Path, spec: dict) -> subprocess.CompletedProcess:
    """The make target as typed: names and addresses as make command-line variables, no shell."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root), "XIAOBAO_SITE_URL": SITE_URL,
           **(spec.get("env") or {})}
    variables = [f"{key}={value}" for key, value in (spec.get("make") or {}).items()]
    return subprocess.run(["make", "--no-print-directory", spec["command"], f"PY={sys.executable}", "STAMP=", *variables],
                          cwd=root, env=env, capture_output=True, text=True, timeout=spec.get("timeout", 600))


def in_process(spec: dict) -> bool:
    """`make build` is `XIAOBAO_PUBLISH=1 mkdocs build --strict` (test_make_build_is_the_publishing_build),
    which sitebuild.build runs in this process with the CLI's log: a new interpreter and make add only
    seconds. The real command stays for what it alone shows: the other targets, make variables, a
    timeout (a hang must fail, not stall the suite), and the cases in THROUGH_MAKE."""
    code = [rel for part in ("copy", "edit", "append", "generate") for rel in (spec.get(part) or {}) if rel.startswith("xiaobao/")]
    return spec["command"] == "build" and not spec.get("make") and "timeout" not in spec and not code  # this process runs the repository's code


# Build cases that also run through `make build` itself: one that fails, one that passes.
THROUGH_MAKE = ["config-site-url-mkdocs-yml", "docs-draft-page"]


def outcome(root: Path, spec: dict, through_make: bool = False) -> tuple[int, str]:
    """(exit code, terminal output) of the case's command on root."""
    if through_make or not in_process(spec):
        done = run(root, spec)
        return done.returncode, done.stdout + done.stderr
    from sitebuild import build

    result = build(root, quiet=False, env={"XIAOBAO_PUBLISH": "1", "XIAOBAO_SITE_URL": SITE_URL, **(spec.get("env") or {})})
    return result.returncode, result.output


def test_corpus_has_a_case_per_class():
    assert {"config-site-url-newline", "import-name-shell", "docs-upload-html-script", "docs-page-private-mobile",
            "docs-sources-private", "synonyms-private", "docs-pdf-private", "docs-docx-private", "docs-file-name-mobile",
            "csp-escaped-onclick", "docs-page-chinese-name", "docs-nfc-nfd-twins", "docs-reviewed-feb-30",
            "docs-reviewed-9999", "docs-reviewed-far-future", "docs-heading-spaces", "docs-nested-list",
            "publish-out-docs", "docs-draft-page", "docs-backup-file", "site-name-markup", "csv-fullwidth-formula",
            "org-lookalike-fa08", "import-word-hidden-parts"} <= set(CASES)
    for name in CASES:
        spec = expect(name)
        assert spec["command"] in ("build", "publish", "import") and spec["outcome"] in ("fail", "pass"), name
        assert spec["outcome"] == "pass" or spec.get("exact"), f"{name}: a failing case names its exact messages"


@pytest.mark.build
@pytest.mark.parametrize("name,through_make", [(name, False) for name in CASES] + [(name, True) for name in THROUGH_MAKE],
                         ids=[*CASES, *(f"{name}-make" for name in THROUGH_MAKE)])
def test_case_through_the_real_command(name: str, through_make: bool, tmp_path: Path):
    spec = expect(name)
    assert not through_make or in_process(spec), f"{name} runs through make anyway: take it out of THROUGH_MAKE"
    root = install(tmp_path / "project", name)
    returncode, output = outcome(root, spec, through_make)
    assert "Traceback" not in output, output[-4000:]
    if spec["outcome"] == "fail":
        assert returncode != 0, output[-3000:]
    else:
        assert returncode == 0, output[-3000:]
    for line in spec.get("exact") or []:
        assert line in output, f"{line}\n-- not in --\n{output[-3000:]}"
    for rel in spec.get("absent") or []:
        assert not (root / rel).exists(), rel
    for rel in spec.get("present") or []:
        assert (root / rel).exists(), rel
    for pattern in spec.get("present_glob") or []:
        assert list(root.glob(pattern)), pattern
    for rel, texts in (spec.get("contains") or {}).items():
        content = (root / rel).read_text(encoding="utf-8-sig")
        assert all(text in content for text in texts), (rel, texts)
    for rel, texts in (spec.get("lacks") or {}).items():
        content = (root / rel).read_text(encoding="utf-8-sig")
        assert not any(text in content for text in texts), (rel, texts)
    for pattern, texts in (spec.get("contains_glob") or {}).items():
        contents = [path.read_text(encoding="utf-8-sig") for path in root.glob(pattern)]
        assert contents and all(any(text in c for c in contents) for text in texts), (pattern, texts)
    for pattern, texts in (spec.get("lacks_glob") or {}).items():
        for path in root.glob(pattern):
            content = path.read_text(encoding="utf-8-sig")
            assert not any(text in content for text in texts), (path, texts)


@pytest.mark.build
def test_a_draft_docs_page_shows_in_make_site_with_the_chinese_banner(tmp_path: Path):
    """Issue 26 item 16, the other half of docs-draft-page: the preview (make site's server) shows it."""
    from sitebuild import get, serving

    root = install(tmp_path / "project", "docs-draft-page")
    with serving(root, "notes/plan/", expect="明年的计划") as url:
        page = get(url)
    assert "草稿：只在本机预览里出现，不会发布" in page
