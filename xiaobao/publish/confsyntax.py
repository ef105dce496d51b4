"""Values written into server configurations, quoted for each configuration's syntax.

Every value that did not come from this package's own constants (the public address, its host, the
folder on the server, the Content-Security-Policy) goes through one of these functions. A value
they cannot write safely is refused with ConfigValueError, never written half-escaped: nginx
expands `$name` inside quotes and Caddy expands `{name}` and `{$NAME}` anywhere, and neither has an
escape for them that works in every directive.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PATH = re.compile(r"/[A-Za-z0-9._~/-]*")


class ConfigValueError(ValueError):
    """A value that cannot be written into a server configuration as it is."""


def _plain(value: str, forbidden: str, syntax: str) -> str:
    if not isinstance(value, str):
        raise ConfigValueError(f"{syntax}: not text: {value!r}")
    if _CONTROL.search(value) or any(ch in value for ch in forbidden):
        raise ConfigValueError(f"{syntax}: cannot write {value!r}")
    return value


def nginx_string(value: str) -> str:
    """A double-quoted nginx string: backslash and quote escaped, `$` (a variable) refused."""
    value = _plain(value, "$", "nginx")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def caddy_string(value: str) -> str:
    """A double-quoted Caddyfile token: backslash and quote escaped, braces (placeholders) refused."""
    value = _plain(value, "{}", "Caddyfile")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def comment(value: str) -> str:
    """Text for a `#` comment line (both syntaxes): one line, nothing a parser could read past."""
    return _plain(value, "", "comment")


def server_path(value: str) -> str:
    """An absolute folder on the server: letters, digits and - _ . ~ / only, no `..`."""
    if not isinstance(value, str) or not _PATH.fullmatch(value) or "/../" in f"{value}/" or "//" in value:
        raise ConfigValueError(f"server folder must be an absolute path of letters, digits and - _ . ~ /: {value!r}")
    return value.rstrip("/") or "/"
