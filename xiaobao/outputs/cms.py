"""The browser form for campaign files (Decap CMS at /admin/), configured from the schema.

The form's fields, choices and checks are generated from xiaobao/campaigns/schema.py and vocab.py
at every build, so the form cannot drift from what the build accepts. The labels and hints are
written for a form: what to type, in plain Chinese, without the English codes of the guide.

What Decap cannot be told in its configuration is done by a small script of ours loaded after it
(`cms_script`, admin/xiaobao-cms.js):
- a vocabulary value written in Chinese (金融监管部门, 反假货币, 征信) shows as its option, and a
  figure in the guide's short form (宣传资料: 7600余) shows in its metric's fields;
- on save, a figure typed as digits is stored as a number and a line break in the summary text
  starts a new paragraph, as it looks in the form (pasted Word paragraphs stay paragraphs).

One collection per year folder: a campaign of 2024 goes to campaigns/2024/ because its start date
must be in 2024 there (Decap cannot pick a folder from a field: its path templates read no field
value, and its nested folders pick file names from the title). Every year of the last ten, this
year and next, and every year folder that exists, have one; undated summaries have their own.

Review: `status` is a visible choice (草稿 → 送审 → 已核对，可以发布) that the reviewer changes, and
the importer's doubts (`review:`) are fields the form shows and keeps. Decap's own editorial
workflow would do this with branches, but it exists only for GitHub, GitLab and Bitbucket (not the
Gitea/Forgejo backend this project configures, nor the local backend), and a state kept in the file
is seen by the build, the review page and anyone reading the repository.
"""

from __future__ import annotations

import datetime
import json
from html import escape
from typing import Any

import yaml

from xiaobao.campaigns.drafts import DRAFT, PUBLISHED, STATUS_LABELS, STATUS_WORDS
from xiaobao.campaigns.evidence import KEYS as EVIDENCE_KEYS
from xiaobao.campaigns.review import FIGURE_KEYS
from xiaobao.campaigns.schema import FIELDS, SLUG
from xiaobao.campaigns.vocab import (METRIC_ALIASES, METRICS, ORG_TYPE_ALIASES, ORG_TYPES, TOPIC_ALIASES, TOPICS)

DATE_PATTERN = [r"^\d{4}(-\d{2}(-\d{2})?)?$", "写成 2024-03-15、2024-03 或 2024；原文没写年份就空着"]
SLUG_PATTERN = [SLUG.pattern, "只用小写英文字母、数字和连字符，如 icbc-nantong-315"]
YEARS_BACK = 10  # year collections offered even before their folder exists
UNDATED = "undated"
NEW_FILE = "draft"  # a new file without a slug is named draft.md, draft-1.md … (xiaobao.campaigns.addresses)
SCRIPT = "xiaobao-cms.js"
STYLE = "xiaobao-cms.css"
# Decap's editor is at least 800px wide; on a phone its toolbar scrolls sideways and the fields fit the
# screen. Its class names carry emotion labels in the pinned bundle (vendor/decap-cms).
PHONE_CSS = """@media (max-width: 820px) {
  [class*="-EditorContainer"], [class*="-ToolbarContainer"] { min-width: 0 !important; }
  [class*="-ToolbarContainer"] { overflow-x: auto; }
  [class*="-ToolbarContainer"] > * { flex-shrink: 0; }
  [class*="-ControlPaneContainer"] { padding: 0 .5rem !important; }
}
"""
# The form's local backend: `make form` answers on the preview's own address (scripts/serve.py), so it
# is reached only from this machine. Decap uses it only when the form is opened on localhost.
LOCAL_API = "/api/v1"


def local_backend(host: str = "127.0.0.1", port: int = 8000) -> dict[str, Any]:
    """Decap's local_backend setting for the preview at host:port (Decap wants an absolute URL)."""
    return {"url": f"http://{host}:{port}{LOCAL_API}"}


# Decap's toolbar words (editorToolbar phrases of its zh_Hans locale) for a save that publishes nothing.
TOOLBAR = {"publish": "保存", "publishing": "正在保存...", "published": "已保存", "publishNow": "立即保存",
           "publishAndCreateNew": "保存，然后新建一篇", "publishAndDuplicate": "保存，然后复制这一篇",
           "deployButtonLabel": "查看网站"}


# key -> (label, hint). Every schema field must have one: tests/test_cms.py checks it.
FORM: dict[str, tuple[str, str]] = {
    "title": ("标题", "读者看到的活动名称，照总结的标题写"),
    "organization": ("组织单位", "写全称，如 工商银行南通分行"),
    "org_type": ("单位类型", "选一项"),
    "region": ("地区", "按原文写，如 江苏省南通市；原文没写就空着"),
    "campaign": ("活动名称", "如 3·15 金融消费者权益日"),
    "start": ("开始日期", DATE_PATTERN[1]),
    "end": ("结束日期", "格式同开始日期，不能早于开始日期"),
    "topics": ("主题", "选一个或几个"),
    "summary": ("一句话概述", "不超过 200 个字，写清谁、做了什么、主要数字"),
    "slug": ("网址名", "草稿可以先空着：网址会按单位名和日期生成，写在预览的“待核对的草稿”页上；发布时照那里写上。"
                       "只用小写英文字母、数字和连字符，如 icbc-nantong-315；发布后再改会换网址，旧的请写进“旧网址名”"),
    "co_organizers": ("联合举办单位", "每个单位一项"),
    "source": ("原文出处", "总结从哪里来：文件名、网址或报送单位"),
    "near_duplicate_of": ("与哪一篇几乎相同", "只有两篇总结几乎一样、但确是两次活动时才写，写那一篇的网址名"),
    "redirects": ("旧网址名", "改过网址名时，把旧的写在这里，旧链接和二维码会跳到新页面"),
    "stats": ("活动数字", "只填原文写了的数字；原文写“XX”的填 XX，不要填 0"),
    "status": ("状态", "新建的是草稿，只在预览里出现。写完选“送审”；审核人对照原文核对每个数字后选“已核对，可以发布”，"
                      "合并后就上线"),
    "review": ("审核备注（导入程序写的）", "导入程序拿不准的地方和它读到的数字，给审核人看，不会发布。核对完的可以删掉"),
}
FIGURE_HINTS = {
    "value": "如 509、7600余、约1000、近百；原文是 XX 就填 XX",
    "quote": "从正文原样复制写着这个数字的那句话",
    "note": "给审核人看的说明，如“已含在总数里，不重复相加”",
}
READING_HINTS = {"metric": "指标的英文代码", "value": "导入程序读到的数字", "quote": "它在正文里的原句",
                 "reason": "导入程序为什么把它算作这个指标"}
WIDGETS = {"text": "string", "date": "string", "slug": "string", "text-list": "list", "slug-list": "list"}
LONG_TEXT = {"summary", "source"}
FIRST = ["status", "review"]  # a reviewer opening a file sees the state and the doubts first


class _PlainDumper(yaml.SafeDumper):
    """Every collection spelled out: no &anchors for the field list the collections share."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _field(key: str) -> dict[str, Any]:
    spec = FIELDS[key]
    label, hint = FORM[key]
    out: dict[str, Any] = {"name": key, "label": label, "hint": hint, "required": spec.required}
    if spec.kind == "org_type":
        out.update(widget="xb-select", options=[{"label": v, "value": k} for k, v in ORG_TYPES.items()])
    elif spec.kind == "topics":
        out.update(widget="xb-select", multiple=True, min=1,
                   options=[{"label": t.label, "value": k} for k, t in TOPICS.items()])
    elif spec.kind == "stats":
        out.update(widget="xb-figures", collapsed=False, fields=[_metric(m) for m in METRICS])
    elif spec.kind == "status":  # no status line means published: the select shows it so (cms_script)
        out.update(widget="xb-select", default=DRAFT,
                   options=[{"label": label, "value": code} for code, label in STATUS_LABELS.items()])
    elif spec.kind == "review":  # xb-review: the object widget, hidden for a file without notes (cms_script)
        out.update(widget="xb-review", collapsed=False, fields=[
            {"name": "doubts", "label": "拿不准的地方", "widget": "list", "required": False, "collapsed": False,
             "field": {"name": "doubt", "label": "一条", "widget": "text"}},
            {"name": "figures", "label": "读到的数字", "widget": "list", "required": False, "collapsed": True,
             "summary": "{{fields.metric}} {{fields.value}}：{{fields.quote}}",
             "fields": [{"name": k, "label": v, "hint": READING_HINTS[k], "widget": "string", "required": k != "reason"}
                        for k, v in FIGURE_KEYS.items()]},
        ])
    elif spec.kind == "text-list":
        out.update(widget="list", field={"name": "item", "label": label, "widget": "string"})
    elif spec.kind == "slug-list":
        out.update(widget="list", field={"name": "item", "label": label, "widget": "string", "pattern": SLUG_PATTERN})
    else:
        out["widget"] = "text" if key in LONG_TEXT else WIDGETS.get(spec.kind, "string")
        if spec.kind == "date":
            out["pattern"] = DATE_PATTERN
        if spec.kind == "slug":
            out["pattern"] = SLUG_PATTERN
    return out


def _metric(key: str) -> dict[str, Any]:
    metric = METRICS[key]
    parts = [{"name": part, "label": label, "hint": FIGURE_HINTS[part], "required": False,
              "widget": "text" if part == "note" else "string"} for part, label in EVIDENCE_KEYS.items()]
    return {"name": key, "label": f"{metric.label}（{metric.unit}）", "hint": metric.description,
            "widget": "object", "required": False, "collapsed": True, "fields": parts}


def _year_rule(field: dict[str, Any], folder: str) -> dict[str, Any]:
    """The start (and end) of a campaign filed under `folder`: that year, or nothing when undated."""
    field = dict(field)
    if folder == UNDATED:
        field["pattern"] = [r"^$", "这里只放原文没写年份的总结。写了年份的，请回到左边，选那一年的栏目新建"]
        field["hint"] = "这一栏的总结原文没写年份，日期空着"
    elif field["name"] == "start":
        field["pattern"] = [rf"^{folder}(-\d{{2}}(-\d{{2}})?)?$",
                            f"这一栏是 {folder} 年的活动，开始日期要写 {folder} 年的，如 {folder}-03-15。"
                            f"别的年份的活动，请回到左边，选那一年的栏目新建"]
    return field


def years(existing: list[str], today: datetime.date | None = None, first: object = None) -> list[str]:
    """Year folders offered, newest first: those that exist, and every year from `first` (mkdocs.yml
    extra.cms.first_year; by default YEARS_BACK years ago) up to next year."""
    this = (today or datetime.date.today()).year
    start = first if isinstance(first, int) and not isinstance(first, bool) and 1949 <= first <= this else this - YEARS_BACK
    found = {y for y in existing if y.isdigit() and len(y) == 4}
    return sorted(found | {str(y) for y in range(start, this + 2)}, reverse=True)


def collections(folders: list[str]) -> list[dict[str, Any]]:
    """One collection per year folder plus undated: Decap cannot choose the folder from a field."""
    fields = [_field(key) for key in FIELDS]
    fields.sort(key=lambda f: FIRST.index(f["name"]) if f["name"] in FIRST else len(FIRST))
    at = [f["name"] for f in fields].index("stats")  # the text first: figures' quotes are copied from it
    fields.insert(at, {"name": "body", "label": "总结正文", "widget": "text",
                       "hint": "总结原文，照 Word 稿粘贴，不要改动数字；每一行是一段。下面每个数字的“原文摘句”从这里复制"})
    out = []
    for folder in folders:
        label = "未写年份的活动" if folder == UNDATED else f"{folder} 年的活动"
        own = [_year_rule(f, folder) if f["name"] in ("start", "end") and (folder == UNDATED or f["name"] == "start") else f
               for f in fields]
        out.append({"name": f"campaigns-{folder}", "label": label, "label_singular": "活动总结",
                    "folder": f"campaigns/{folder}", "create": True, "extension": "md", "format": "frontmatter",
                    "slug": f"{{{{fields.slug | default('{NEW_FILE}')}}}}", "identifier_field": "title",
                    "summary": "{{title}}", "editor": {"preview": False}, "fields": own})
    return out


def cms_config(folders: list[str], site_url: str, backend: dict[str, Any] | None = None,
               local: bool | dict[str, Any] | None = None) -> str:
    """config.yml for Decap CMS; `backend` comes from mkdocs.yml (extra.cms.backend)."""
    config: dict[str, Any] = {
        "backend": backend or {"name": "gitea", "repo": "请在 mkdocs.yml 的 extra.cms.backend 设置仓库"},
        "local_backend": local_backend() if local is None else local,
        "locale": "zh_Hans",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "editor": {"preview": False},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections(folders),
    }
    return yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


def vocabulary_aliases() -> dict[str, dict[str, str]]:
    """Every word the build accepts for a vocabulary field, mapped to the code the form's options use."""
    return {
        "org_type": {**{label: code for code, label in ORG_TYPES.items()}, **ORG_TYPE_ALIASES},
        "topics": {**{t.label: t.key for t in TOPICS.values()}, **TOPIC_ALIASES},
        "stats": {**{m.label: m.key for m in METRICS.values()}, **METRIC_ALIASES},
        "status": dict(STATUS_WORDS),
    }


def cms_script() -> str:
    """admin/xiaobao-cms.js: what the configuration cannot say (see the module docstring)."""
    data = json.dumps({"aliases": vocabulary_aliases(), "missing": {"status": PUBLISHED}, "toolbar": TOOLBAR},
                      ensure_ascii=False, sort_keys=True)
    return _SCRIPT.replace("/*DATA*/{}", data)


def admin_page(site_name: str) -> str:
    """The page that loads the vendored CMS and our script after it; nothing from another host."""
    title = escape(f"编辑活动总结 · {site_name}")
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        f'<link href="{STYLE}" rel="stylesheet">\n'
        "</head>\n<body>\n<noscript>编辑表单需要开启浏览器的 JavaScript。</noscript>\n"
        f'<script src="dist/decap-cms.js"></script>\n<script src="{SCRIPT}"></script>\n</body>\n</html>\n'
    )


_SCRIPT = r"""/* Generated by xiaobao/outputs/cms.py: the browser form's own rules, loaded after Decap CMS. */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;
  if (!CMS || !h || !createClass) { return; }
  var XB = /*DATA*/{};

  // A code, or the code a Chinese name stands for (金融监管部门 -> regulator); unknown words stay as written.
  function code(field, word) {
    var map = XB.aliases[field] || {};
    return typeof word === "string" && Object.prototype.hasOwnProperty.call(map, word.trim()) ? map[word.trim()] : word;
  }

  // The select widget, showing a value written in Chinese as its option. The file keeps what was
  // written until the editor picks an option; then the code is saved.
  var Select = CMS.getWidget("select");
  var VocabularySelect = createClass({
    isValid: function () { return this.inner && this.inner.isValid ? this.inner.isValid() : true; },
    render: function () {
      var self = this, props = this.props, name = props.field.get("name"), value = props.value;
      var isNew = props.entry && props.entry.get("newRecord");
      if ((value === undefined || value === null || value === "") && !isNew && XB.missing[name]) {
        value = XB.missing[name];  // no status line: published
      } else if (value && typeof value.map === "function" && typeof value !== "string") {
        value = value.map(function (v) { return code(name, v); });
      } else if (typeof value === "string") {
        value = code(name, value);
      }
      if (name === "status") { seen(value, props.entry); }
      return h(Select.control, Object.assign({}, props, {value: value, ref: function (r) { self.inner = r; }}));
    }
  });
  CMS.registerWidget("xb-select", VocabularySelect, Select.preview);

  // Figures as the guide allows them (宣传资料: 7600余, outlets: 115) shown in the form's shape
  // (materials: {value: 7600余}); saved in that shape too.
  function figures(stats) {
    if (!stats || typeof stats.mapEntries !== "function") { return stats; }
    var empty = stats.clear();
    return stats.mapEntries(function (pair) {
      var figure = pair[1];
      if (figure === null || typeof figure !== "object") { figure = empty.set("value", figure); }
      return [code("stats", pair[0]), figure];
    });
  }
  var ObjectWidget = CMS.getWidget("object");
  var Figures = createClass({
    isValid: function () { return this.inner && this.inner.isValid ? this.inner.isValid() : true; },
    render: function () {
      var self = this;
      return h(ObjectWidget.control, Object.assign({}, this.props, {value: figures(this.props.value),
        ref: function (r) { self.inner = r; }}));
    }
  });
  CMS.registerWidget("xb-figures", Figures, ObjectWidget.preview);

  // Digits stay a number: 509, not "509". Everything else (7600余, 约1000, XX) is text as typed.
  var DIGITS = /^[0-9]{1,15}$/;
  function numbers(stats) {
    if (!stats || typeof stats.map !== "function") { return stats; }
    return stats.map(function (figure) {
      if (typeof figure === "string" && DIGITS.test(figure.trim())) { return Number(figure.trim()); }
      if (figure && typeof figure.get === "function") {
        var v = figure.get("value");
        if (typeof v === "string" && DIGITS.test(v.trim())) { return figure.set("value", Number(v.trim())); }
      }
      return figure;
    });
  }

  // In the form a line is a paragraph. In Markdown two plain lines are one paragraph, so a blank line
  // goes between plain lines; lists, tables, headings, quotes and code keep their lines.
  var BLOCK = /^\s*(?:[-*+>|#]|\d+[.)]\s|```|~~~|\s{4})/;
  function paragraphs(text) {
    if (typeof text !== "string") { return text; }
    var lines = text.replace(/\r\n?/g, "\n").split("\n"), out = [], fenced = false;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], prev = out.length ? out[out.length - 1] : "";
      if (/^\s*(```|~~~)/.test(line)) { fenced = !fenced; }
      if (!fenced && line.trim() && prev.trim() && !BLOCK.test(line) && !BLOCK.test(prev)) { out.push(""); }
      out.push(line);
    }
    return out.join("\n");
  }

  // Without Decap's editorial workflow its save button says 发布 (publish) and a saved draft shows
  // 已发布. Here saving is not publishing (the file's 状态 decides), so the toolbar says 保存.
  function toolbarOf(phrases, depth) {
    if (!phrases || typeof phrases !== "object" || depth > 3) { return null; }
    if (phrases.editorToolbar) { return phrases.editorToolbar; }
    for (var part in phrases) {
      var found = Object.prototype.hasOwnProperty.call(phrases, part) && toolbarOf(phrases[part], depth + 1);
      if (found) { return found; }
    }
    return null;
  }
  var toolbar = CMS.getLocale ? toolbarOf(CMS.getLocale("zh_Hans"), 0) : null;
  if (toolbar) {
    for (var key in XB.toolbar) {
      if (Object.prototype.hasOwnProperty.call(XB.toolbar, key)) { toolbar[key] = XB.toolbar[key]; }
    }
  }

  // The importer's notes (review:) only in a file that has them: a campaign created in the form has
  // none, and an empty group titled 审核备注（导入程序写的） would only puzzle its editor. Decided when
  // the file is opened, so a reviewer deleting the last note does not see the group vanish.
  function hasNotes(value) {
    if (!value || typeof value.some !== "function") { return false; }
    return value.some(function (v) { return v !== null && v !== undefined && v !== "" && !(typeof v.size === "number" && v.size === 0); });
  }
  var ReviewNotes = createClass({
    getInitialState: function () { return {shown: hasNotes(this.props.value)}; },
    isValid: function () { return this.inner && this.inner.isValid ? this.inner.isValid() : true; },
    componentDidMount: function () { this.place(); },
    componentDidUpdate: function () { this.place(); },
    place: function () {  // the field's whole box (label and hint too), not only the widget
      var box = this.anchor && this.anchor.closest ? this.anchor.closest('[class*="-ControlContainer"]') : null;
      if (box) { box.style.display = this.state.shown ? "" : "none"; }
    },
    render: function () {
      var self = this;
      if (!this.state.shown) { return h("span", {"data-xb-review": "none", ref: function (r) { self.anchor = r; }}); }
      return h(ObjectWidget.control, Object.assign({}, this.props, {ref: function (r) { self.inner = r; }}));
    }
  });
  CMS.registerWidget("xb-review", ReviewNotes, ObjectWidget.preview);

  // 查看网站 (Decap's link to the saved file's page) goes to the public address, where a draft or a
  // file sent for review is not. In the form on this machine (make form) it opens the preview
  // instead: the page, or the review page while the draft has no address yet; in the online form
  // it is hidden for them.
  var LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])$/.test(location.hostname);
  var current = {status: null, slug: null};
  function seen(status, entry) {
    var slug = entry && typeof entry.getIn === "function" ? entry.getIn(["data", "slug"]) : null;
    slug = typeof slug === "string" && /^[a-z0-9-]+$/.test(slug.trim()) ? slug.trim() : null;
    if (current.status !== status || current.slug !== slug) {
      current = {status: status, slug: slug};
      setTimeout(placeLiveLinks, 0);
    }
  }
  function previewAddress() {
    var base = new URL("../", location.href.split("#")[0]).href;  // the form is at <site>/admin/
    return base + (current.slug ? "campaigns/" + current.slug + "/" : "review/");
  }
  function placeLiveLinks() {
    var draft = current.status === "draft" || current.status === "submitted";
    var links = document.querySelectorAll("a[target=_blank]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.textContent.trim() !== XB.toolbar.deployButtonLabel) { continue; }
      if (a.getAttribute("href") !== a.xbHref) { a.xbPublic = a.getAttribute("href"); }  // Decap's own address
      a.xbHref = !draft ? a.xbPublic : LOCAL ? previewAddress() : a.xbPublic;
      a.setAttribute("href", a.xbHref);
      a.style.display = draft && !LOCAL ? "none" : "";
      a.title = draft && LOCAL ? "草稿还没有发布，这里打开本机预览里的页面" : "";
    }
  }
  if (window.MutationObserver) {
    new MutationObserver(placeLiveLinks).observe(document.documentElement, {childList: true, subtree: true});
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var data = args.entry.get("data");
      data = data.set("body", paragraphs(data.get("body")));
      if (data.get("stats")) { data = data.set("stats", numbers(figures(data.get("stats")))); }
      var review = data.get("review");
      if (review && typeof review.every === "function" && review.every(function (v) { return !v || v.size === 0; })) {
        data = data.delete("review");  // nothing to review: no empty block in the file
      }
      return data;
    }
  });
})();
"""
