"""Property: no public address, however hostile, configures the server (issue 26, item 1).

Hypothesis writes site_url values from the pieces that broke the generators before (newlines,
`;`, braces, `$`, quotes, spaces, comment marks, whole directives) and from the allowed form. An
address either is refused with a Chinese message before anything uses it, or the nginx and
Caddy configurations made from it pass the real `nginx -t` and `caddy validate` and hold exactly
the directives a plain address gives: no `autoindex`, no second `root`, no extra `location`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nginxserver import BROTLI_STATIC, NGINX
from xiaobao.publish import address, caddy, nginx
from xiaobao.publish.address import AddressError
from xiaobao.publish.bundle import write_server_config

CADDY = shutil.which("caddy") or "/usr/bin/caddy"
HAN = re.compile(r"[\u4e00-\u9fff]")
POLICY = "default-src 'self'; script-src 'self' 'sha256-AbC+/1='"

PIECES = ["\n", "\r", "\r\n", ";", " ", "\t", "{", "}", "$", '"', "'", "\\", "#", "`", "%0a", "%", "?", "@", ":", "//",
          "/../", "/./", "\u2028", "\x00", "\x1b", "\u202e", "ｘ", "．", "消保", "中国", "xn--", "-", ".", "_", "~",
          "root /etc/;", "autoindex on;", "\nlocation / { root /etc/; autoindex on; }\n", "{$HOME}", "{env.HOME}",
          "\n}\nserver {\n", "\"; add_header X-Evil 1; #", "import /etc/passwd", "$host", "${x}", "*", "[::1]"]
hostile = st.builds(lambda scheme, parts: scheme + "".join(parts),
                    st.sampled_from(["https://", "http://", "", "ftp://", "HTTPS://", "https:/", "javascript:"]),
                    st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet="abcxyz0189.-/:", max_size=8)),
                             min_size=1, max_size=8))
allowed = st.one_of(
    st.from_regex(r"https?://[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){1,3}(:[1-9][0-9]{0,3})?(/[a-z0-9_~.-]{1,8}){0,2}/?",
                  fullmatch=True),
    st.sampled_from(["https://消保.中国/", "https://xiaobao.银行.cn:8443/edu/", "http://10.0.0.7/", "HTTPS://XB.Bank.CN/"]),
)


def _directives(conf: str) -> list[str]:
    """The first word of every line that is not a comment, brace or blank: what nginx or Caddy will do."""
    return sorted(line.split()[0] for line in conf.splitlines() if line.strip() and line.strip()[0] not in "#}")


def _reference(https: bool, port: int | None) -> nginx.Site:
    return nginx.Site(f"{'https' if https else 'http'}://plain.example.org{f':{port}' if port else ''}/", "/r/site", POLICY)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("certs")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=xiaobao.test",
                           "-days", "2", "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
                          capture_output=True)
    if made.returncode:
        pytest.skip("openssl missing")
    return folder


def _nginx_t(out: Path, certificates: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on a main configuration that includes the generated virtual host, as an unprivileged user."""
    vhost = (out / "nginx" / "xiaobao.conf").read_text(encoding="utf-8")
    (out / "nginx" / "xiaobao.conf").write_text(vhost.replace("/etc/ssl/xiaobao", str(certificates)), encoding="utf-8")
    temp = "\n".join(f"    {kind}_temp_path {out / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = (f"load_module {BROTLI_STATIC};\nmaster_process off;\ndaemon off;\npid {out / 'nginx.pid'};\n"
            f"error_log {out / 'error.log'} warn;\nevents {{ worker_connections 16; }}\n"
            f"http {{\n    access_log off;\n{temp}\n    include {out / 'nginx' / 'xiaobao.conf'};\n}}\n")
    (out / "main.conf").write_text(main, encoding="utf-8")
    return subprocess.run([NGINX, "-t", "-p", str(out), "-c", str(out / "main.conf")], capture_output=True, text=True)


def _caddy_validate(out: Path) -> subprocess.CompletedProcess:
    head = f"{{\n\tadmin off\n\tauto_https off\n\tstorage file_system {out / 'data'}\n}}\n"
    (out / "Test.caddyfile").write_text(head + (out / "caddy" / "Caddyfile").read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "HOME": str(out), "XDG_DATA_HOME": str(out / "data"), "XDG_CONFIG_HOME": str(out / "config")}
    return subprocess.run([CADDY, "validate", "--config", str(out / "Test.caddyfile"), "--adapter", "caddyfile"],
                          capture_output=True, text=True, env=env)


def _check(url: str, tmp: Path, certificates: Path) -> None:
    try:
        site = nginx.Site(url, f"{tmp}/site", POLICY)
    except AddressError as err:
        assert HAN.search(str(err)), err
        message = address.problem(url)  # what `make build` and `make publish` print
        assert message and "site_url" in message and "\n" not in message.split("：", 1)[1].split("。")[0]
        return
    assert site.address.url == site.site_url and re.fullmatch(r"[a-z0-9.-]+", site.host), site.host
    out = tmp / f"out-{abs(hash(url))}"
    shutil.rmtree(out, ignore_errors=True)
    write_server_config(out, url, POLICY, str(out))
    nginx_files = {name: (out / "nginx" / name).read_text(encoding="utf-8") for name in ("xiaobao.conf", "xiaobao-site.conf")}
    caddy_files = {name: (out / "caddy" / name).read_text(encoding="utf-8") for name in ("Caddyfile", "xiaobao-site.caddy")}
    reference = _reference(site.https, site.address.port)
    assert _directives(nginx_files["xiaobao.conf"]) == _directives(nginx.vhost_conf(reference, "/r/nginx"))
    assert _directives(nginx_files["xiaobao-site.conf"]) == _directives(nginx.site_conf(reference))
    assert _directives(caddy_files["xiaobao-site.caddy"]) == _directives(caddy.site_conf(reference))
    assert [line for line in nginx_files["xiaobao.conf"].splitlines() if "server_name" in line] == \
        [f'    server_name "{site.host}";'] * (2 if site.https else 1)
    assert "autoindex" not in "".join(nginx_files.values())
    checked = _nginx_t(out, certificates)
    assert checked.returncode == 0, (url, checked.stderr[-2000:])
    validated = _caddy_validate(out)
    assert validated.returncode == 0, (url, validated.stderr[-2000:])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(url=st.one_of(hostile, allowed))
def test_any_site_url_is_refused_or_gives_a_configuration_nginx_and_caddy_accept(url, tmp_path, certificates):
    _check(url, tmp_path, certificates)


@pytest.mark.parametrize("url", [
    "https://xb.bank.cn/;\nroot /etc/;\nautoindex on;",  # the review's one-line edit
    "https://xb.bank.cn;autoindex on/", "https://xb bank.cn/", "https://xb.bank.cn/{$HOME}/",
    'https://xb.bank.cn/"; add_header X 1; "', "https://xb.bank.cn/\n", "https://消保.中国/", "http://xb.bank.cn:8080/edu/",
])
def test_known_hostile_and_allowed_addresses(url, tmp_path, certificates):
    _check(url, tmp_path, certificates)


def test_https_on_port_80_is_refused_because_80_carries_the_redirect(tmp_path):
    """Found by Hypothesis: https://a.aa:80 gave `listen 80` and `listen 80 ssl` together, which nginx refuses."""
    with pytest.raises(AddressError, match="80 端口"):
        nginx.Site("https://a.aa:80/", f"{tmp_path}/site", POLICY)
    assert "80 端口" in address.problem("https://xb.bank.cn:80/")
    assert address.problem("http://xb.bank.cn:80/") is None and address.problem("https://xb.bank.cn:8443/") is None


def test_configuration_values_are_refused_rather_than_half_escaped():
    from xiaobao.publish.confsyntax import ConfigValueError, caddy_string, nginx_string, server_path

    assert nginx_string('a "b" \\c') == '"a \\"b\\" \\\\c"'
    for bad in ("$host", "a\nb", "a\rb"):
        with pytest.raises(ConfigValueError):
            nginx_string(bad)
    for bad in ("{env.HOME}", "{$HOME}", "a\nb"):
        with pytest.raises(ConfigValueError):
            caddy_string(bad)
    for bad in ("relative", "/srv/../etc", "/srv/x;y", "/srv/x y", "/srv//x"):
        with pytest.raises(ConfigValueError):
            server_path(bad)
