"""Search, measured like readers use it, in headless Chromium through the real search box.

    python scripts/bench_search.py                    # everything below, side by side, in one run
    python scripts/bench_search.py --quality          # question set and exact set only (no bytes)
    python scripts/bench_search.py --n 10000          # bytes only: synthetic campaigns, index only
    python scripts/bench_search.py --site site        # bytes only: an already built site
    python scripts/bench_search.py --quality --questions questions_topics.yml   # one question file only

Everything: (1) the everyday question sets (tests/search/questions.yml, and questions_topics.yml for
the six topics of issue 27, whose `sealed: true` third is scored apart) on this site's search and
on stock Material search with jieba over the same pages: top-1 and top-3 hit rates and mean
reciprocal rank (first 10 results); (2) recall and precision of the exact queries of
tests/browser/test_search.py against the pages that contain them; (3) bytes downloaded for a first
and a second query at 1,000 and 10,000 synthetic campaigns.
scripts/bench.py calls measure_in_browser(site, queries) on the sites it builds.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts"), str(REPO / "tests"), str(REPO / "tests" / "browser")]


def _browser_fixtures():
    """tests/browser/conftest.py by path: tests/conftest.py has the same module name."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("browser_conftest", REPO / "tests" / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_fixtures = _browser_fixtures()
CHROMIUM, LAUNCH_ARGS, serve = _fixtures.CHROMIUM, _fixtures.LAUNCH_ARGS, _fixtures.serve

from xiaobao.search import IndexedPage, build_index, normalize, write_index  # noqa: E402
from xiaobao.search.job import QuerySources, dictionary_for  # noqa: E402

QUERIES = ["非法集资", "征信"]
BYTE_QUERIES = ["怎么查征信", "收到假钱怎么办"]  # a question first, another question second
QUESTIONS = REPO / "tests" / "search" / "questions.yml"
QUESTION_FILES = (QUESTIONS, REPO / "tests" / "search" / "questions_topics.yml")
DONE = "() => /共 \\d+ 条结果|约 \\d+ 条结果|已显示 \\d+|没有找到/.test((document.querySelector('.xb-search__status') || {}).textContent || '')"
HARNESS = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>search bench</title>
<div class="xb-search" data-xb-search data-xb-root="." hidden>
 <button type="button" class="xb-search__toggle">搜索</button>
 <div class="xb-search__box" role="search"><form class="xb-search__form">
  <input class="xb-search__input" type="search"><button type="button" class="xb-search__close">关闭</button></form>
  <div class="xb-search__panel" hidden><p class="xb-search__status" role="status" aria-live="polite"></p>
  <ol class="xb-search__results"></ol><button type="button" class="xb-search__more" hidden>更多</button></div></div>
</div><script src="assets/js/search.js"></script></html>"""


def measure_in_browser(site: Path, queries: list[str] | None = None, path: str = "") -> dict:
    """Serve `site`, type the queries one after another; kB (bodies + headers) for the first and second."""
    from playwright.sync_api import sync_playwright

    queries = queries or QUERIES
    server, url = serve(site)
    out: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            spent: list[tuple[str, int]] = []

            def on_done(request) -> None:
                if "/search" in request.url:  # search.js, meta.json, shards, blocks
                    sizes = request.sizes()
                    spent.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

            page.on("requestfinished", on_done)
            page.goto(url + path)
            page.wait_for_load_state("load")
            for n, query in enumerate(queries[:2]):
                clear_box(page)
                if n:
                    spent.clear()
                page.click(".xb-search__input")
                page.keyboard.insert_text(query)
                page.wait_for_function(DONE, timeout=60000)
                page.wait_for_timeout(300)
                key = "search_first_kb" if n == 0 else "search_second_kb"
                out[key] = sum(size for _, size in spent) / 1e3
                out[key.replace("_kb", "_requests")] = len(spent)
                out[key.replace("_kb", "_status")] = page.inner_text(".xb-search__status")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def synthetic_pages(n: int) -> list[IndexedPage]:
    """Campaign page texts as scripts/synthetic.py writes them (title, front matter facts, body)."""
    from synthetic import _sentences, campaign_file

    seed = REPO.parent / "shared" / "seed" / "000_e7182068650c930c.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else (REPO / "tests" / "fixtures" / "seed_style.txt").read_text(encoding="utf-8")
    rng, sentences = random.Random(7), _sentences(text)
    pages = []
    for i in range(n):
        _, source = campaign_file(i, rng, sentences)
        front, body = source.split("---\n", 2)[1:]
        title = re.search(r"^title: (.*)$", front, re.M).group(1)
        pages.append(IndexedPage(f"campaigns/c{i:05d}/", title, normalize(f"{title} {front} {body}")))
    return pages


def synthetic_query_sources() -> QuerySources:
    from xiaobao.search import synonyms
    from xiaobao.search.panel import query_sources

    urls = [f"topics/{p.stem}/" for p in (REPO / "docs" / "topics").glob("*.md")]
    return QuerySources(synonyms.load(REPO / synonyms.FILE), *query_sources(urls))


def bench_synthetic(n: int, queries: list[str]) -> dict:
    pages = synthetic_pages(n)
    started = time.perf_counter()
    files = build_index(pages, query=dictionary_for(pages, synthetic_query_sources()))
    seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "assets" / "js").mkdir(parents=True)
        shutil.copy(REPO / "docs" / "assets" / "js" / "search.js", site / "assets" / "js" / "search.js")
        (site / "index.html").write_text(HARNESS, encoding="utf-8")
        write_index(site / "search", files)
        row = measure_in_browser(site, queries)
    shards = [len(v) for k, v in files.items() if "/s/" in k]
    row.update(n=n, index_seconds=round(seconds, 1), files=len(files), shards=len(shards),
               shard_kb_mean=sum(shards) / len(shards) / 1e3, index_mb=sum(map(len, files.values())) / 1e6)
    return row


OURS_DONE = ("() => { const s = document.querySelector('.xb-search__status');"
             " return s && /共 \\d+ 条结果|约 \\d+ 条结果|已显示 \\d+|没有找到/.test(s.textContent) }")


CLEARED = "() => !document.querySelector('.xb-search__status').textContent"


def clear_box(page) -> None:
    """Empty the box and wait until the last query's status is gone, so it cannot pass for the next one's."""
    page.fill(".xb-search__input", "")
    page.wait_for_function(CLEARED, timeout=30000)


def ask_ours(page, query: str) -> list[str]:
    """Result paths, in order, for one query typed (as an input method commits it) in our box."""
    clear_box(page)
    page.click(".xb-search__input")
    page.keyboard.insert_text(query)
    page.wait_for_function(OURS_DONE, timeout=30000)
    hrefs = page.eval_on_selector_all(".xb-search__results a", "as => as.map(a => a.href)")
    return [urlsplit(h).path for h in hrefs]


def ask_material(page, query: str) -> list[str]:
    """Result pages, in order, from stock Material's search box (sections folded into their page)."""
    page.fill(".md-search__input", "")
    page.press(".md-search__input", "End")  # Material reads the query on key events
    page.wait_for_function("() => /键入/.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=30000)  # the previous results are gone
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && !/键入/.test(m.textContent) }", timeout=30000)
    page.wait_for_timeout(800)
    hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "as => as.map(a => a.href)")
    out: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path
        if path not in out:
            out.append(path)
    return out


def load_questions(files: tuple[Path, ...] = QUESTION_FILES) -> list[dict]:
    """Every question of the given files, each tagged with its file's name (`file`)."""
    import yaml

    out = []
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out.append({**item, "file": path.name})
    return out


# (key suffix, title, which questions): the parts of the set scored apart.
PARTS = (("", "all questions", lambda i: True),
         ("_held", "held-out questions (questions.yml, h: 1)", lambda i: i.get("h")),
         ("_topics", "six new topics, unsealed (questions_topics.yml)",
          lambda i: i["file"] == "questions_topics.yml" and not i.get("sealed")),
         ("_sealed", "six new topics, sealed third (not used to tune synonyms)", lambda i: i.get("sealed")))


def score(questions: list[dict], answers: dict[str, list[str]], limit: int = 10) -> dict:
    top1 = top3 = rr = 0.0
    for item in questions:
        want = {"/" + a.strip("/") + "/" for a in item["a"]}
        got = answers[item["q"]][:limit]
        rank = next((i for i, path in enumerate(got, 1) if path in want), None)
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        rr += 1 / rank if rank else 0
    n = len(questions)
    return {"top1": top1 / n, "top3": top3 / n, "mrr": rr / n}


def build_real(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)


def build_stock(tmp: Path) -> Path:
    """The same pages with stock Material search (jieba segments the Chinese; jieba is installed)."""
    from sitebuild import make_tree

    (tmp / "stock").mkdir()
    root = make_tree(tmp / "stock", {}, with_repo_campaigns=True)
    for name in ("header.html", "search.html"):
        (root / "overrides" / "partials" / name).unlink()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins: []", "plugins:\n  - search").replace("  - hooks/search.py\n", "")
    config = config.replace("extra_javascript:\n  - assets/js/search.js\n", "")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
                          cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    return root / "site"


def exact_scores(page, site: Path) -> dict:
    """Recall and precision of the exact queries against the pages holding every word (test_search.py)."""
    from test_search import QUERIES as EXACT, all_results, expected, site_texts

    texts = site_texts(site)
    found_all = want_all = right = 0
    for query in EXACT:
        ask_ours(page, query)
        found = set(all_results(page))
        want = expected(texts, query)
        found_all += len(found)
        want_all += len(want)
        right += len(found & want)
    return {"queries": len(EXACT), "recall": right / want_all if want_all else 1.0,
            "precision": right / found_all if found_all else 1.0}


def quality(files: tuple[Path, ...] = QUESTION_FILES) -> dict:
    from playwright.sync_api import sync_playwright

    questions = load_questions(files)
    out: dict = {"questions": len(questions)}
    with tempfile.TemporaryDirectory() as tmp:
        ours_site, stock_site = Path(tmp) / "ours", build_stock(Path(tmp))
        build_real(ours_site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            for name, site, ask, start in (("ours", ours_site, ask_ours, "about/"),
                                            ("material", stock_site, ask_material, "about/")):
                server, url = serve(site)
                try:
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    page.goto(url + start)
                    if name == "material":
                        page.click(".md-search__input")
                    answers = {item["q"]: ask(page, item["q"]) for item in questions}
                    for suffix, _, chosen in PARTS:
                        part = [i for i in questions if chosen(i)]
                        if part:
                            out[name + suffix] = score(part, answers) | {"n": len(part)}
                    out[name + "_misses"] = [item["q"] for item in questions
                                             if not set(answers[item["q"]][:3]) & {"/" + a for a in item["a"]}]
                    if name == "ours":
                        out["exact"] = exact_scores(page, site)
                    page.close()
                finally:
                    server.shutdown()
                    server.server_close()
            browser.close()
    return out


def print_quality(q: dict) -> None:
    print(f"Everyday questions: {q['questions']} (tests/search/{', '.join(f.name for f in q['files'])}), "
          f"first 10 results, headless Chromium, real search boxes")
    print(f"{'':28}{'Xiaobao search':>16}{'Material + jieba':>18}")
    for suffix, title, _ in PARTS:
        if "ours" + suffix not in q:
            continue
        print(f"  {title}: {q['ours' + suffix]['n']}")
        for key, label in (("top1", "top-1 hit rate"), ("top3", "top-3 hit rate"), ("mrr", "mean reciprocal rank")):
            print(f"  {label:26}{q['ours' + suffix][key]:>16.2f}{q['material' + suffix][key]:>18.2f}")
    e = q["exact"]
    print(f"Exact queries ({e['queries']}, tests/browser/test_search.py): recall {e['recall']:.2f}, precision {e['precision']:.2f}")
    print("Not in our top 3:", "、".join(q["ours_misses"]) or "none")
    print("Not in Material's top 3:", "、".join(q["material_misses"]) or "none")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, help="bytes only: synthetic campaign pages")
    parser.add_argument("--site", type=Path, help="bytes only: measure a built site instead")
    parser.add_argument("--quality", action="store_true", help="question set and exact set only")
    parser.add_argument("--queries", default=",".join(BYTE_QUERIES), help="first,second query for the bytes")
    parser.add_argument("--questions", default=",".join(f.name for f in QUESTION_FILES),
                        help="question files in tests/search/, comma-separated")
    args = parser.parse_args()
    files = tuple(REPO / "tests" / "search" / name for name in args.questions.split(","))
    queries = args.queries.split(",")
    if args.site or args.n:
        row = measure_in_browser(args.site, queries) if args.site else bench_synthetic(args.n, queries)
        for key, value in row.items():
            print(f"{key:24} {value:.1f}" if isinstance(value, float) else f"{key:24} {value}")
        return
    print_quality(quality(files) | {"files": files})
    if args.quality:
        return
    print(f"Bytes downloaded (bodies + headers; first query includes search.js, meta.json, d.json): "
          f"first “{queries[0]}”, second “{queries[1]}”")
    print(f"{'campaigns':>10}{'first kB':>10}{'second kB':>11}{'first req':>11}{'second req':>12}")
    for n in (1000, 10000):
        row = bench_synthetic(n, queries)
        print(f"{n:>10}{row['search_first_kb']:>10.1f}{row['search_second_kb']:>11.1f}"
              f"{row['search_first_requests']:>11}{row['search_second_requests']:>12}")


if __name__ == "__main__":
    main()
