"""How readers report an error: the address editors set once in mkdocs.yml (`extra: contact:`)."""

from __future__ import annotations

import re

CONTACT_MARKER = "<!-- xiaobao:contact -->"
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def contact_problem(contact: object) -> str:
    """"" when the address is usable, else the editor's message naming mkdocs.yml and the field."""
    if contact in (None, ""):
        return "mkdocs.yml：extra 下缺少 contact（读者报告错误用的电子邮箱），例如 contact: jiucuo@example.cn"
    if not isinstance(contact, str) or not _EMAIL.match(contact.strip()):
        return f"mkdocs.yml：extra.contact “{contact}”不是电子邮箱地址。请写成 jiucuo@example.cn 这样的格式"
    return ""


def contact_markdown(contact: object) -> str:
    """The address as a mailto link; a plain note when it is missing, so the page still reads."""
    if contact_problem(contact):
        return "（编辑还没有设置联系邮箱）"
    address = str(contact).strip()
    return f"[{address}](mailto:{address})"
