"""The browser form for campaign files (Decap CMS at /admin/), configured from the schema.

The form's fields, choices and checks are generated from xiaobao/campaigns/schema.py and vocab.py
at every build, so the form cannot drift from what the build accepts. The labels and hints are
written for a form: what to type, in plain Chinese, without the English codes of the guide.
"""

from __future__ import annotations

from html import escape
from typing import Any

import yaml

from xiaobao.campaigns.evidence import KEYS as EVIDENCE_KEYS
from xiaobao.campaigns.schema import FIELDS, SLUG
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS

DATE_PATTERN = [r"^\d{4}(-\d{2}(-\d{2})?)?$", "写成 2024-03-15、2024-03 或 2024；原文没写年份就空着"]
SLUG_PATTERN = [SLUG.pattern, "只用小写英文字母、数字和连字符，如 icbc-nantong-315"]

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
    "slug": ("网址名（也是文件名）", "小写英文字母、数字和连字符，如 icbc-nantong-315；改了会换网址，旧的请写进“旧网址名”"),
    "co_organizers": ("联合举办单位", "每个单位一项"),
    "source": ("原文出处", "总结从哪里来：文件名、网址或报送单位"),
    "near_duplicate_of": ("与哪一篇几乎相同", "只有两篇总结几乎一样、但确是两次活动时才写，写那一篇的网址名"),
    "redirects": ("旧网址名", "改过网址名时，把旧的写在这里，旧链接和二维码会跳到新页面"),
    "stats": ("活动数字", "只填原文写了的数字；原文写“XX”的填 XX，不要填 0"),
    "status": ("状态", "新建的一篇是草稿（draft），只在预览里出现；审核人核对后删掉这一行才会发布"),
}
FIGURE_HINTS = {
    "value": "如 509、7600余、约1000、近百；原文是 XX 就填 XX",
    "quote": "从正文原样复制写着这个数字的那句话",
    "note": "给审核人看的说明，如“已含在总数里，不重复相加”",
}
WIDGETS = {"text": "string", "date": "string", "slug": "string", "text-list": "list", "slug-list": "list"}
LONG_TEXT = {"summary", "source"}


class _PlainDumper(yaml.SafeDumper):
    """Every collection spelled out: no &anchors for the field list the collections share."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _field(key: str) -> dict[str, Any]:
    spec = FIELDS[key]
    label, hint = FORM[key]
    required = spec.required or key == "slug"  # in the form the slug is the file name
    out: dict[str, Any] = {"name": key, "label": label, "hint": hint, "required": required}
    if spec.kind == "org_type":
        out.update(widget="select", options=[{"label": v, "value": k} for k, v in ORG_TYPES.items()])
    elif spec.kind == "topics":
        out.update(widget="select", multiple=True, min=1,
                   options=[{"label": t.label, "value": k} for k, t in TOPICS.items()])
    elif spec.kind == "stats":
        out.update(widget="object", collapsed=False, fields=[_metric(m) for m in METRICS])
    elif key == "status":
        out.update(widget="hidden", default="draft")
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


def collections(folders: list[str]) -> list[dict[str, Any]]:
    """One collection per year folder plus undated: Decap's path templates cannot pick the folder."""
    fields = [_field(key) for key in FIELDS]
    at = [f["name"] for f in fields].index("stats")  # the text first: figures' quotes are copied from it
    fields.insert(at, {"name": "body", "label": "总结正文", "widget": "text",
                       "hint": "总结原文，照 Word 稿粘贴，不要改动数字；下面每个数字的“原文摘句”从这里复制"})
    out = []
    for folder in folders:
        label = "未写年份的活动" if folder == "undated" else f"{folder} 年的活动"
        out.append({"name": f"campaigns-{folder}", "label": label, "label_singular": "活动总结",
                    "folder": f"campaigns/{folder}", "create": True, "extension": "md", "format": "frontmatter",
                    "slug": "{{fields.slug}}", "identifier_field": "title", "summary": "{{title}}",
                    "editor": {"preview": False}, "fields": fields})
    return out


def cms_config(folders: list[str], site_url: str, backend: dict[str, Any] | None = None,
               local_backend: bool | dict[str, Any] = True) -> str:
    """config.yml for Decap CMS; `backend` comes from mkdocs.yml (extra.cms.backend)."""
    config: dict[str, Any] = {
        "backend": backend or {"name": "gitea", "repo": "请在 mkdocs.yml 的 extra.cms.backend 设置仓库"},
        "local_backend": local_backend,
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


def admin_page(site_name: str) -> str:
    """The page that loads the vendored CMS; nothing from another host."""
    title = escape(f"编辑活动总结 · {site_name}")
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n<noscript>编辑表单需要开启浏览器的 JavaScript。</noscript>\n"
        '<script src="dist/decap-cms.js"></script>\n</body>\n</html>\n'
    )
