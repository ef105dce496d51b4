"""All campaign files read and checked together, so every problem is reported in one build."""

from __future__ import annotations

import os
import pickle
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from xiaobao.cache.store import Store, digest
from xiaobao.campaigns.addresses import assign_draft_slugs, unfixed_slug_problems
from xiaobao.campaigns.drafts import is_public, review_mark_problems
from xiaobao.campaigns.frontmatter import FrontMatterError, parse
from xiaobao.campaigns.limits import nesting_problems
from xiaobao.campaigns.neardup import NearDuplicateIndex, find_near_duplicates, fingerprint
from xiaobao.campaigns.privacy import AllowEntry, check_campaign_text, check_file_name, load_allowlist
from xiaobao.campaigns.problems import Problem
from xiaobao.campaigns.quotecheck import figure_quote_problems
from xiaobao.campaigns.schema import Campaign, validate
from xiaobao.campaigns.yamlslips import slip_problems

MAX_BYTES = 2 * 1024 * 1024
ALLOWLIST = "privacy-allowlist.yml"

@dataclass
class Catalog:
    campaigns: list[Campaign] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _slugs: dict[str, Campaign] = field(default_factory=dict, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "info"]

    def by_slug(self) -> dict[str, Campaign]:
        """Campaigns by slug, made once per catalog: each campaign page looks itself up."""
        if len(self._slugs) != len(self.campaigns):
            self._slugs = {c.slug: c for c in self.campaigns}
        return self._slugs


def _decode(data: bytes, label: str) -> tuple[str | None, list[Problem]]:
    if not data.strip():
        return None, [Problem(label, None, None, "文件是空的。请写入前置信息和总结正文，或删除这个文件")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Problem(label, None, None, "文件不是 UTF-8 编码（可能是 GBK/GB18030）。请在编辑器里选“UTF-8”另存")]


def _file_problem(path: Path, label: str) -> tuple[int, Problem | None]:
    """(size, problem): only a regular file of a sane size, named *.md, is read.

    lstat, not stat: a symlink may lead outside the repository or to /dev/zero (endless), a
    directory may be called x.md, and a broken link has nothing to read.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return 0, Problem(label, None, None, "这个文件读不了（可能刚被删除或没有读取权限）")
    if stat.S_ISLNK(info.st_mode):
        return 0, Problem(label, None, None, "这是一个链接（快捷方式），不是文件。请把总结本身放在这里，不要用链接")
    if stat.S_ISDIR(info.st_mode):
        return 0, Problem(label, None, None, "这是一个文件夹，名字却以 .md 结尾。请给文件夹改名")
    if not stat.S_ISREG(info.st_mode):
        return 0, Problem(label, None, None, "这不是普通文件。campaigns/ 里只放 .md 总结文件")
    if path.suffix != ".md":
        return 0, Problem(label, None, None, f"文件扩展名写成了“{path.suffix}”，网站只读小写 .md 的文件。请改名为 {path.stem}.md")
    if info.st_size > MAX_BYTES:
        return 0, Problem(label, None, None, f"文件有 {info.st_size / 1024 / 1024:.1f} MB，超过 2 MB 上限。请只保留总结正文，图片和附件不要放进来")
    return info.st_size, None


def _load_bytes(path: Path, label: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problem that keeps it from being read (not a regular file, too big)."""
    _, problem = _file_problem(path, label)
    if problem:
        return None, [problem]
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may have grown since lstat
    except OSError:
        return None, [Problem(label, None, None, "这个文件读不了（可能刚被删除或没有读取权限）")]
    if len(data) > MAX_BYTES:
        return None, [Problem(label, None, None, "文件超过 2 MB 上限。请只保留总结正文，图片和附件不要放进来")]
    return data, []


def _text(data: bytes, label: str) -> tuple[str | None, list[Problem]]:
    text, problems = _decode(data, label)
    if text is not None and "\x00" in text:
        return None, [Problem(label, None, None, "文件里有二进制内容，不是文本文件")]
    return text, problems


def _load_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that keep it from being read at all."""
    data, problems = _load_bytes(path, label)
    return _text(data, label) if data is not None else (None, problems)


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
    problems += nesting_problems(doc.body, label, doc.body_line)  # before any Markdown engine recurses into it
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
    data, problems = _load_bytes(path, label)
    return _check_bytes(data, label, path.stem, allowlist) if data is not None else (None, problems)


def _check_bytes(data: bytes, label: str, stem: str, allowlist: tuple[AllowEntry, ...]) -> tuple[Campaign | None, list[Problem]]:
    text, problems = _text(data, label)
    if text is None:
        return None, problems
    private = check_file_name(label, allowlist) + check_campaign_text(label, text, allowlist)  # the name becomes the address
    return _from_text(text, label, stem, private)


Result = tuple[Campaign | None, list[Problem]]


Derived = tuple[Campaign, frozenset[int], list[Problem], list[Problem]]  # campaign, fingerprint, folder, quotes


def _checked(path: Path, label: str, allowlist: tuple[AllowEntry, ...], store: Store | None, salt: str,
             derived: dict[str, Derived] | None = None) -> Result:
    """read_campaign, or its result from the build cache when the file's bytes, its path, the
    allow-list, the code and the day are all the same (the ID-number check reads today's date).

    The entry also holds what the later checks make of the campaign alone (its body's fingerprint,
    its folder's and its quotes' problems: 2 CPU-s a build at 10,000 campaigns); they go into
    `derived` (path -> the campaign object and the three), for load_catalog to use instead of
    making them again.
    """
    if store is None or not store.enabled:
        return read_campaign(path, label, allowlist)
    data, problems = _load_bytes(path, label)
    if data is None:
        return None, problems
    key = digest(salt, label, path.stem, data)
    cached = store.get("campaign", key)
    entry = None
    if cached is not None:
        try:
            entry = pickle.loads(cached)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never an error
            entry = None
    if not (isinstance(entry, tuple) and len(entry) == 3):
        campaign, problems = _check_bytes(data, label, path.stem, allowlist)
        pickled = pickle.dumps((campaign, problems, _derive(campaign) if campaign is not None else None),
                               protocol=pickle.HIGHEST_PROTOCOL)
        store.put("campaign", key, pickled)
        # The copy read back, not the objects pickled: pickling a str that is not ASCII leaves its UTF-8
        # form cached inside the str for good (CPython's PyUnicode_AsUTF8), 7 KB more per campaign held
        # by the whole build; it is what a warm cache returns anyway (the same change as branch mem8's).
        entry = pickle.loads(pickled)
    campaign, problems, made = entry
    if derived is not None and campaign is not None and made is not None:
        derived[campaign.path] = (campaign, *made)
    return campaign, problems


def _derive(campaign: Campaign) -> tuple[frozenset[int], list[Problem], list[Problem]]:
    """What the catalog's later checks make of one campaign alone, made right after it is read."""
    return frozenset(fingerprint(campaign.body)), _folder_problems(campaign), figure_quote_problems(campaign)


def _read_all(jobs: list[tuple[Path, str]], allowlist: tuple[AllowEntry, ...],
              cache: dict[tuple, Result] | None, store: Store | None = None,
              changed: frozenset[str] | None = None, memo: dict | None = None,
              derived: dict[str, Derived] | None = None) -> list[Result]:
    """Results in the order of jobs; a file unchanged since the last build comes from the cache.

    cache: (path, mtime_ns, size, mode, allow-list) -> result, kept by the caller from one build to
    the next (`mkdocs serve` re-reads only the files that changed); left holding this build's files.
    store: the build cache on disk (xiaobao.cache.store), keyed by content, kept between processes.
    changed: the paths the preview's watcher says changed since the last build (None: not known);
    any other file keeps the key it had then, unstat'ed (memo["keys"]: path -> key, left holding
    this build's keys).
    """
    before = cache if cache is not None else {}
    keys_before = memo.get("keys", {}) if (memo is not None and changed is not None) else {}
    now: dict[tuple, Result] = {}
    keys: dict[str, tuple] = {}
    results = []
    salt = digest("campaign", repr(allowlist), date.today().isoformat())
    for path, label in jobs:
        text = str(path)
        key = None if changed is None or text in changed else keys_before.get(text)
        if key is None or key[4] != allowlist:
            try:
                info = os.lstat(path)  # lstat: a symlink or a special file is keyed as itself, never followed
                key = (text, info.st_mtime_ns, info.st_size, info.st_mode, allowlist)
            except OSError:
                key = (text, None, None, None, allowlist)
        found = before.get(key)
        if found is None:
            found = _checked(path, label, allowlist, store, salt, derived)
        now[key] = found
        keys[text] = key
        results.append(found)
    if cache is not None:
        cache.clear()
        cache.update(now)
    if memo is not None:
        memo["keys"] = keys
    return results


def _listing_after(campaign_dir: Path, memo: dict | None, changed: frozenset[str] | None) -> list[str] | None:
    """The last build's listing of campaign_dir with the changed paths added or removed (the same
    list when none was), or None when it must be listed again: no listing or no list of changes,
    or a changed folder (its files came without events of their own)."""
    if memo is None or changed is None or "listing" not in memo or memo["listing"][0][0] != str(campaign_dir):
        return None
    listing: list[str] = memo["listing"][0][1]
    inside = os.path.join(str(campaign_dir), "")
    mine = [p for p in changed if p.startswith(inside)]
    if not mine:
        return listing
    known = set(listing)
    added, gone = [], set()
    for path in mine:
        exists = os.path.lexists(path)
        if exists and os.path.isdir(path) and not os.path.islink(path):
            return None
        if exists and path not in known:
            parent = os.path.dirname(path)
            if parent != str(campaign_dir) and (parent not in known or os.path.islink(parent)):
                return None  # a new folder, or one the listing names but does not enter
            added.append(path)
        elif not exists and path in known:
            gone.add(path)
    if not added and not gone:
        return listing
    return [p for p in listing if p not in gone] + sorted(added)


def _labels(files: list[Path], root: Path, memo: dict | None) -> list[str]:
    """Each file's label; the same files as last time (memo) have the same labels."""
    made_from = (str(root), files)
    if memo is not None and memo.get("labels", (None,))[0] == made_from:
        return memo["labels"][1]
    labels = [_label(path, root) for path in files]
    if memo is not None:
        memo["labels"] = (made_from, labels)
    return labels


def _own_problems(campaigns: list[Campaign], memo: dict | None) -> list[tuple[list[Problem], list[Problem]]]:
    """Per campaign, in order: its folder's problems and its figures' quote problems. Each depends on the
    campaign alone (file, year, figures, quotes), so an unchanged campaign object keeps its own; the memo
    is keyed by path and holds the object, so a new object at the same path is checked again."""
    before = memo.get("own", {}) if memo is not None else {}
    now = {}
    found_all = []
    for c in campaigns:
        found = before.get(c.path)
        if found is None or found[0] is not c:
            found = (c, _folder_problems(c), figure_quote_problems(c))
        now[c.path] = found
        found_all.append(found[1:])
    if memo is not None:
        memo["own"] = now
    return found_all


def _folder_problems(campaign: Campaign) -> list[Problem]:
    folder = os.path.basename(os.path.dirname(campaign.path))  # the label's folder, without a Path per campaign
    ascii_form = unicodedata.normalize("NFKC", folder)
    if folder != ascii_form and ascii_form.isascii() and ascii_form.isdigit():
        return [Problem(campaign.path, None, None, f"文件夹名“{folder}”用了全角数字，和 campaigns/{ascii_form}/ 看起来一样却是两个文件夹。"
                                                   f"请把文件移到 campaigns/{ascii_form}/（用半角数字）")]
    if folder.isascii() and folder.isdigit() and campaign.year and int(folder) != campaign.year:
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


def near_duplicate_problems(campaigns: list[Campaign], made: dict[str, tuple[Campaign, frozenset[int]]] | None = None,
                            index: NearDuplicateIndex | None = None) -> list[Problem]:
    """Pairs of campaigns whose bodies are nearly the same: warnings, or notes once acknowledged.

    A pasted summary is the likeliest way a total counts one campaign twice.
    made: path -> (campaign, its fingerprint) from an earlier build of this process (`mkdocs serve`):
    a campaign object unchanged since then is not fingerprinted again. Left holding this build's.
    index: with made, the pairs kept from that build too; only the changed files are compared again.
    """
    campaigns = sorted(campaigns, key=lambda c: c.path)  # file order: the later file of a pair is flagged
    problems = []
    prints = [_fingerprint(c, made) for c in campaigns]
    if made is not None:
        kept = {c.path for c in campaigns}
        for path in [p for p in made if p not in kept]:
            del made[path]
    if made is not None and index is not None and len({c.path for c in campaigns}) == len(campaigns):
        index.update({c.path: fp for c, fp in zip(campaigns, prints)})
        by_path = {c.path: c for c in campaigns}
        found = [(by_path[a], by_path[b], share) for a, b, share in index.pairs()]
    else:
        found = find_near_duplicates(campaigns, prints=prints)
    for a, b, share in found:
        if b.near_duplicate_of == a.slug or a.near_duplicate_of == b.slug:
            problems.append(Problem(b.path, None, None, f"正文与 {a.path} 有 {share:.0%} 相同，已标注 near_duplicate_of，两篇都计入合计",
                                    severity="info"))
            continue
        problems.append(Problem(b.path, None, None,
            f"正文与 {a.path} 有 {share:.0%} 相同，可能是同一篇总结。若确是两次活动，请在其中一篇写 near_duplicate_of: {a.slug}；否则删去一篇",
            severity="warning"))
    return sorted(problems)


def _fingerprint(c: Campaign, made: dict[str, tuple[Campaign, frozenset[int]]] | None) -> frozenset[int]:
    if made is None:
        return frozenset(fingerprint(c.body))
    found = made.get(c.path)
    if found is None or found[0] is not c:
        found = made[c.path] = (c, frozenset(fingerprint(c.body)))
    return found[1]


def _unknown_near_duplicates(campaigns: list[Campaign]) -> list[Problem]:
    slugs = {c.slug for c in campaigns}
    return [Problem(c.path, c.lines.get("near_duplicate_of"), "near_duplicate_of", f"没有网址名为“{c.near_duplicate_of}”的活动")
            for c in campaigns if c.near_duplicate_of and c.near_duplicate_of not in slugs]


MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def _listing(campaign_dir: Path) -> list[str]:
    """Every entry under campaign_dir, as rglob("*") finds them (symlinked folders listed, not entered).

    Strings, not Paths: at 100,000 campaigns building and sorting Path objects cost more than reading.
    """
    out: list[str] = []
    todo = [str(campaign_dir)]
    while todo:
        try:
            found = os.scandir(todo.pop())
        except OSError:
            continue
        with found:
            for entry in found:
                out.append(entry.path)
                try:
                    if entry.is_dir(follow_symlinks=False):
                        todo.append(entry.path)
                except OSError:
                    pass
    return out


def folder_entries(campaign_dir: str) -> list[str]:
    """Every entry under campaign_dir as a build lists it (the preview's check for missed changes)."""
    return _listing(Path(campaign_dir))


def _path_order(text: str) -> list[str]:
    """Path's own order (part by part), without making Paths."""
    return text.split(os.sep)


def _is_campaign_file(rel_parts: list[str]) -> bool:
    name = rel_parts[-1]
    return (os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES and not name.startswith(("_", "."))
            and name.lower() not in {"readme.md", "readme.markdown"}
            and not any(part.startswith(".") for part in rel_parts[:-1]))


def campaign_files(campaign_dir: Path, listing: list[str] | None = None) -> list[Path]:
    """Every file that looks like a campaign summary; x.MD and x.markdown are listed so that
    _file_problem names them, instead of their pages silently missing.

    listing: _listing(campaign_dir) when the caller already made it.
    """
    return _sorted_listing(campaign_dir, _listing(campaign_dir) if listing is None else listing)[0]


def _sorted_listing(campaign_dir: Path, listing: list[str], memo: dict | None = None) -> tuple[list[Path], list[str]]:
    """(campaign files, the other entries skipped_files looks at), in path order: made from the
    names alone, so a preview save whose folder holds the same names reuses the last answer (memo)."""
    made_from = (str(campaign_dir), listing)
    if memo is not None and memo.get("listing", (None,))[0] == made_from:
        return memo["listing"][1]
    cut = len(str(campaign_dir)) + 1
    files, others = [], []
    for text in sorted(listing, key=_path_order):
        parts = text[cut:].split(os.sep)
        if _is_campaign_file(parts):
            files.append(Path(text))
        elif not (parts[-1] in GIT_FILES or any(part.startswith(".") for part in parts[:-1])):
            others.append(text)  # not git's own, not inside a hidden folder (named once, as the folder)
    if memo is not None:
        memo["listing"] = (made_from, (files, others))
    return files, others


GIT_FILES = {".gitkeep", ".gitignore", ".gitattributes"}  # git's own plumbing, not editors' content
_BACKUP_SUFFIXES = ("~", ".bak", ".orig", ".swp", ".swo", ".tmp", ".old")


def skipped_files(campaign_dir: Path, root: Path, listing: list[str] | None = None) -> list[Problem]:
    """Every file under campaigns/ that is not read as a campaign, named: nothing is skipped in silence.

    A name starting with _ used to hide a campaign without a word; backups (x.md~) and other
    types (a Word report dropped beside the summaries) are named too, with what to do.
    """
    return _skipped(campaign_dir, root, _sorted_listing(campaign_dir, _listing(campaign_dir) if listing is None else listing)[1])


def _skipped(campaign_dir: Path, root: Path, others: list[str]) -> list[Problem]:
    """skipped_files' problems for the entries that are not read as campaigns (_sorted_listing)."""
    problems = []
    for text in others:
        path = Path(text)
        rel = path.relative_to(campaign_dir)
        if path.is_dir() and not path.is_symlink():
            if path.name.startswith("."):
                problems.append(Problem(_label(path, root) + "/", None, None, "以点开头的文件夹不会读，已跳过", "info"))
            continue
        label = _label(path, root)
        name = path.name
        if name.lower() in {"readme.md", "readme.markdown"} and len(rel.parts) == 1:
            continue  # notes for editors, by design
        if name.startswith("."):
            problems.append(Problem(label, None, None, "以点开头的文件（或文件夹）不会读，已跳过", "info"))
        elif name.lower().endswith(_BACKUP_SUFFIXES) or name.startswith(("~$", "#")):
            problems.append(Problem(label, None, None, "这是编辑器或 Office 留下的备份（临时）文件，网站不会读它，已跳过。请删除它",
                                    "warning"))
        elif name.startswith("_"):
            problems.append(Problem(label, None, None,
                                    "文件名以 _ 开头，网站不会读它，这篇总结不会出现在网站上（已跳过）。要发布请去掉开头的 _；"
                                    "还没核对完请去掉 _ 并在前置信息写 status: draft；不要了请删除", "warning"))
        else:
            suffix = path.suffix or "（没有扩展名）"
            problems.append(Problem(label, None, None,
                                    f"campaigns/ 里只读 .md 总结文件，这个文件（{suffix}）不会读，已跳过。"
                                    "Word 或文本总结请用 make import 导入成 .md；不要了请删除", "warning"))
    return problems


def _label(path: Path, root: Path) -> str:
    """path relative to root, with forward slashes: how editors see it in the repository."""
    text, prefix = str(path), os.path.join(str(root), "")
    if text.startswith(prefix) and ".." not in text:
        return text[len(prefix):].replace(os.sep, "/")  # relpath's answer, without its normalising
    return Path(os.path.relpath(path, root)).as_posix()


def load_catalog(campaign_dir: Path, root: Path | None = None, cache: dict[tuple, Result] | None = None,
                 store: Store | None = None, prints: dict[str, tuple[Campaign, frozenset[int]]] | None = None,
                 near: NearDuplicateIndex | None = None, memo: dict | None = None,
                 changed: frozenset[str] | None = None) -> Catalog:
    """Read and check every campaign file under campaign_dir; labels are relative to root (the repository).

    Every check runs here, personal data included: a file with personal data gives no campaign,
    so whatever is made from the catalog cannot publish it.
    memo: kept by the caller from one build to the next (`mkdocs serve`): the folder's names put in
    order, and each campaign object's own problems (folder, figures and quotes), so that a save
    redoes them for the changed files only.
    changed: the files the preview's watcher saw change since the last build (None: not known, so
    the folder is listed and every file stat'ed); only with memo.
    """
    root = root or campaign_dir.parent
    catalog = Catalog()
    entries, catalog.problems = load_allowlist(root / ALLOWLIST)
    allowlist = tuple(entries)
    listing = _listing_after(campaign_dir, memo, changed)
    if listing is None:
        listing, changed = _listing(campaign_dir), None
    files, others = _sorted_listing(campaign_dir, listing, memo)
    labels = _labels(files, root, memo)
    derived: dict[str, Derived] = {}
    for campaign, problems in _read_all(list(zip(files, labels)), allowlist, cache, store, changed, memo, derived):
        catalog.problems.extend(problems)
        if campaign:
            catalog.campaigns.append(campaign)
    catalog.problems.extend(_skipped(campaign_dir, root, others))
    # What the cache entries held (the same objects, checked when they were read): not made again.
    memo = memo if memo is not None else {}
    kept_own = memo.setdefault("own", {})
    given_prints, prints = prints is not None, prints if prints is not None else {}
    for path, (campaign, print_, folder, quotes) in derived.items():
        kept_own[path] = (campaign, folder, quotes)
        prints[path] = (campaign, print_)
    own = _own_problems(catalog.campaigns, memo)
    catalog.problems.extend(p for folder, _ in own for p in folder)
    assign_draft_slugs(catalog.campaigns)
    catalog.problems.extend(unfixed_slug_problems(catalog.campaigns))
    catalog.problems.extend(p for c, (_, quotes) in zip(catalog.campaigns, own) if is_public(c.status) for p in quotes)
    catalog.problems.extend(_duplicate_slugs(catalog.campaigns))
    catalog.problems.extend(_unknown_near_duplicates(catalog.campaigns))
    catalog.problems.extend(near_duplicate_problems(catalog.campaigns, prints, near if given_prints else None))
    catalog.campaigns.sort(key=Campaign.sort_key)
    catalog.problems.sort()
    return catalog
