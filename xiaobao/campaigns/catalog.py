"""All campaign files read and checked together, so every problem is reported in one build."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from xiaobao.build.background import PARALLEL, ForkedCall, collector_paused
from xiaobao.campaigns.drafts import review_mark_problems
from xiaobao.campaigns.frontmatter import FrontMatterError, parse
from xiaobao.campaigns.neardup import find_near_duplicates, fingerprint
from xiaobao.campaigns.privacy import AllowEntry, check_campaign_text, load_allowlist
from xiaobao.campaigns.problems import Problem
from xiaobao.campaigns.schema import Campaign, validate
from xiaobao.campaigns.yamlslips import slip_problems

MAX_BYTES = 2 * 1024 * 1024
PARALLEL_FROM = 500  # below this a second process costs more than it saves
MAIN_SHARE = 0.56  # of the files parsed in parallel, the share parsed in this process (see _parse_split)
PRIVACY_NICE = 10  # the forked personal-data check yields the core to the parsing and to MkDocs
ALLOWLIST = "privacy-allowlist.yml"

# (path, mtime_ns, size, allow-list) -> result; `mkdocs serve` re-reads only the files that changed.
_CACHE: dict[tuple, "Result"] = {}


@dataclass
class Catalog:
    campaigns: list[Campaign] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pending: PrivacyCheck | None = None  # load_catalog(privacy_later=True): see settle_privacy

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "info"]


def _decode(data: bytes, label: str) -> tuple[str | None, list[Problem]]:
    if not data.strip():
        return None, [Problem(label, None, None, "文件是空的。请写入前置信息和总结正文，或删除这个文件")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Problem(label, None, None, "文件不是 UTF-8 编码（可能是 GBK/GB18030）。请在编辑器里选“UTF-8”另存")]


def _load_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that keep it from being read at all."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(label, None, None, f"文件有 {size / 1024 / 1024:.1f} MB，超过 2 MB 上限。请只保留总结正文，图片和附件不要放进来")]
    text, problems = _decode(path.read_bytes(), label)
    if text is not None and "\x00" in text:
        return None, [Problem(label, None, None, "文件里有二进制内容，不是文本文件")]
    return text, problems


def _from_text(text: str, label: str, stem: str, private: list[Problem]) -> tuple[Campaign | None, list[Problem]]:
    """Parse and validate; a file with personal data (`private`) gives no campaign."""
    problems = list(private)
    try:
        doc = parse(text)
    except FrontMatterError as err:
        slips = slip_problems(text, label)  # every typing slip at once, on the line to fix
        return None, [*(slips or [Problem(label, err.line, None, str(err))]), *problems]
    if not doc.body.strip():
        problems.append(Problem(label, doc.body_line, None, "只有前置信息，没有总结正文。请在 --- 下面贴上总结原文"))
    campaign, more = validate(doc, label, stem)
    if more:  # a slip YAML accepts (materials:7600余 is one string) explains the problem below it
        lines = {p.line for p in more}
        more = [*(slip for slip in slip_problems(text, label) if slip.line not in lines), *more]
    if campaign:
        more += review_mark_problems(text, label, campaign.status)
        campaign = campaign if not more else None
    return (campaign if not problems else None), problems + more


def read_campaign(path: Path, label: str, allowlist: tuple[AllowEntry, ...] = ()) -> tuple[Campaign | None, list[Problem]]:
    """Read and validate one file; never raises for anything an editor can write."""
    text, problems = _load_text(path, label)
    if text is None:
        return None, problems
    return _from_text(text, label, path.stem, check_campaign_text(label, text, allowlist))


Result = tuple[Campaign | None, list[Problem]]


def _read_many(jobs: list[tuple[Path, str]], allowlist: tuple[AllowEntry, ...]) -> list[Result]:
    return [read_campaign(path, label, allowlist) for path, label in jobs]


def _private_data(jobs: list[tuple[Path, str]], allowlist: tuple[AllowEntry, ...]) -> list[list[Problem]]:
    """The personal-data check of every file, in a forked process.

    It reads each file again (0.3 s at 10,000, on the otherwise idle core): sending the texts
    over from the parsing processes would cost more than reading them.
    """
    out: list[list[Problem]] = []
    for path, label in jobs:
        text, _ = _load_text(path, label)
        out.append(check_campaign_text(label, text, allowlist) if text is not None else [])
    return out


def _read_without_privacy(path: Path, label: str) -> Result:
    text, problems = _load_text(path, label)
    return _from_text(text, label, path.stem, []) if text is not None else (None, problems)


def _parse_many(jobs: list[tuple[Path, str]]) -> list[Result]:
    return [_read_without_privacy(path, label) for path, label in jobs]


def _parse_split(jobs: list[tuple[Path, str]]) -> list[Result]:
    """Parse and validate, part here and part in a forked process.

    At 10,000 files parsing takes 1.3 s; the forked part's campaigns come back pickled, which
    costs the child 0.03 s and this process 0.025 s per 1,000, so this process parses a bit more
    than half. Measured at 10,000 files: 0.9–1.1 s, against 1.7 s parsing every file here.
    """
    mine = round(len(jobs) * MAIN_SHARE)
    theirs = ForkedCall(_parse_many, jobs[mine:])
    return _parse_many(jobs[:mine]) + theirs.result()


class PrivacyCheck:
    """The personal-data check of freshly read files, in a forked process at low priority.

    Started before parsing, it uses whatever the parsing leaves of the second core and then the
    core MkDocs leaves idle while pages are generated. Only findings come back. A file's result
    joins the cache once its check is in (`finish`).
    """

    def __init__(self, jobs: list[tuple[Path, str]], allowlist: tuple[AllowEntry, ...], keys: list[tuple]) -> None:
        self._call = ForkedCall(_private_data, jobs, allowlist, nice=PRIVACY_NICE)
        self._keys, self._labels = keys, [label for _, label in jobs]
        self.parsed: list[Result] = []  # the same files parsed and validated, in the same order

    def finish(self) -> dict[str, list[Problem]]:
        """Wait for the findings; return them by file, and cache every file's whole result."""
        found: dict[str, list[Problem]] = {}
        for key, label, (campaign, problems), private in zip(self._keys, self._labels, self.parsed, self._call.result()):
            _CACHE[key] = (None, private + problems) if private else (campaign, problems)
            if private:
                found[label] = private
        return found

    def cancel(self) -> None:
        self._call.cancel()


def _read_all(jobs: list[tuple[Path, str]], allowlist: tuple[AllowEntry, ...],
              privacy_later: bool = False) -> tuple[list[Result], PrivacyCheck | None]:
    """Results in the order of jobs; files unchanged since the last build come from the cache.

    From PARALLEL_FROM new files on, two forked processes help: one parses part of them
    (_parse_split), one checks personal data (PrivacyCheck). With privacy_later that check is
    returned unfinished, and the results hold the campaign of every file that parsed, whether or
    not it has personal data.
    """
    keys = []
    for path, _ in jobs:
        stat = path.stat()
        keys.append((str(path), stat.st_mtime_ns, stat.st_size, allowlist))
    fresh = [n for n, key in enumerate(keys) if key not in _CACHE]
    fresh_jobs = [jobs[n] for n in fresh]
    if len(fresh) < PARALLEL_FROM or not PARALLEL:  # a second process costs more than it saves
        for n, result in zip(fresh, _read_many(fresh_jobs, allowlist)):
            _CACHE[keys[n]] = result
        return [_CACHE[key] for key in keys], None
    check = PrivacyCheck(fresh_jobs, allowlist, [keys[n] for n in fresh])
    check.parsed = _parse_split(fresh_jobs)
    if not privacy_later:
        check.finish()
        return [_CACHE[key] for key in keys], None
    parsed = dict(zip(fresh, check.parsed))
    return [parsed[n] if n in parsed else _CACHE[key] for n, key in enumerate(keys)], check


def _folder_problems(campaign: Campaign) -> list[Problem]:
    folder = Path(campaign.path).parent.name
    if folder.isdigit() and campaign.year and int(folder) != campaign.year:
        line = campaign.lines.get("start") or campaign.lines.get("end")
        return [Problem(campaign.path, line, "start", f"文件放在 {folder} 文件夹，但活动是 {campaign.year} 年。请把文件移到 campaigns/{campaign.year}/")]
    return []


def _duplicate_slugs(campaigns: list[Campaign]) -> list[Problem]:
    """Slugs and old slugs (redirects) share one namespace: an address leads to one page."""
    first: dict[str, Campaign] = {}
    problems = []
    for c in campaigns:
        for key, slug in [("slug", c.slug)] + [("redirects", r) for r in c.redirects]:
            if slug in first and first[slug] is not c:
                problems.append(Problem(c.path, c.lines.get(key), key, f"网址名“{slug}”已被 {first[slug].path} 使用。请换一个"))
            else:
                first.setdefault(slug, c)
    return problems


def near_duplicate_problems(campaigns: list[Campaign]) -> list[Problem]:
    """Pairs of campaigns whose bodies are nearly the same: warnings, or notes once acknowledged.

    Kept apart from load_catalog because nothing built depends on it: the build hook runs it in
    a forked process while pages are built, and reports at the end.
    """
    campaigns = sorted(campaigns, key=lambda c: c.path)  # file order: the later file of a pair is flagged
    problems = []
    prints = [frozenset(fingerprint(c.body)) for c in campaigns]
    for a, b, share in find_near_duplicates(campaigns, prints=prints):
        if b.near_duplicate_of == a.slug or a.near_duplicate_of == b.slug:
            problems.append(Problem(b.path, None, None, f"正文与 {a.path} 有 {share:.0%} 相同，已标注 near_duplicate_of，两篇都计入合计",
                                    severity="info"))
            continue
        problems.append(Problem(b.path, None, None,
            f"正文与 {a.path} 有 {share:.0%} 相同，可能是同一篇总结。若确是两次活动，请在其中一篇写 near_duplicate_of: {a.slug}；否则删去一篇",
            severity="warning"))
    return sorted(problems)


def _unknown_near_duplicates(campaigns: list[Campaign]) -> list[Problem]:
    slugs = {c.slug for c in campaigns}
    return [Problem(c.path, c.lines.get("near_duplicate_of"), "near_duplicate_of", f"没有网址名为“{c.near_duplicate_of}”的活动")
            for c in campaigns if c.near_duplicate_of and c.near_duplicate_of not in slugs]


def campaign_files(campaign_dir: Path) -> list[Path]:
    return sorted(p for p in campaign_dir.rglob("*.md") if not p.name.startswith(("_", ".")) and p.name.lower() != "readme.md")


def load_catalog(campaign_dir: Path, root: Path | None = None, near_duplicates: bool = True,
                 privacy_later: bool = False) -> Catalog:
    """Read every campaign file under campaign_dir; labels are relative to root (the repository).

    near_duplicates=False leaves out near_duplicate_problems, for a caller that runs it apart.
    privacy_later=True may leave the personal-data check running (catalog.pending): until
    settle_privacy, campaigns may include files with personal data, so nothing may be published.
    """
    with collector_paused():
        return _load(campaign_dir, root or campaign_dir.parent, near_duplicates, privacy_later)


def settle_privacy(catalog: Catalog) -> list[Problem]:
    """Wait for a pending personal-data check; its findings join the problems and their files
    leave the campaigns. Returns the findings (all errors).

    Problems found meanwhile among all campaigns (a slug shared with such a file) stay reported.
    """
    check, catalog.pending = catalog.pending, None
    if check is None:
        return []
    found = check.finish()
    if not found:
        return []
    catalog.campaigns = [c for c in catalog.campaigns if c.path not in found]
    new = sorted(p for problems in found.values() for p in problems)
    catalog.problems = sorted(catalog.problems + new)
    return new


def _label(path: Path, root: Path) -> str:
    """path relative to root, with forward slashes: how editors see it in the repository."""
    text, prefix = str(path), os.path.join(str(root), "")
    if text.startswith(prefix) and ".." not in text:
        return text[len(prefix):].replace(os.sep, "/")  # relpath's answer, 20 times faster
    return Path(os.path.relpath(path, root)).as_posix()


def _load(campaign_dir: Path, root: Path, near_duplicates: bool, privacy_later: bool) -> Catalog:
    catalog = Catalog()
    entries, catalog.problems = load_allowlist(root / ALLOWLIST)
    allowlist = tuple(entries)
    jobs = [(path, _label(path, root)) for path in campaign_files(campaign_dir)]
    results, catalog.pending = _read_all(jobs, allowlist, privacy_later)
    for campaign, problems in results:
        catalog.problems.extend(problems)
        if campaign:
            catalog.campaigns.append(campaign)
    catalog.problems.extend(p for c in catalog.campaigns for p in _folder_problems(c))
    catalog.problems.extend(_duplicate_slugs(catalog.campaigns))
    catalog.problems.extend(_unknown_near_duplicates(catalog.campaigns))
    if near_duplicates:
        catalog.problems.extend(near_duplicate_problems(catalog.campaigns))
    catalog.campaigns.sort(key=Campaign.sort_key)
    catalog.problems.sort()
    return catalog
