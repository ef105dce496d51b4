"""The published directory behind Debian's nginx and Caddy, visited by Chromium: every page type, headers,
sizes, CSP.

scripts/publish.py builds it (strict publishing build, .gz/.br twins, generated configuration) under a
umask of 077, scripts/deploy.sh copies it as a release to a stand-in server (tests/deployshim.py), and
tests/nginxserver.py and tests/caddyserver.py run each server over that release on 127.0.0.1 with the
configuration as written; under root (CI) nginx's workers read it as www-data, as on Debian.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from caddyserver import CADDY, caddy
from checkers import missing
from deployshim import run, stand_in
from nginxserver import BROTLI_STATIC, NGINX, check, complaints, first_answer, nginx
from xiaobao.publish.permissions import unreadable

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://xiaobao.test/"  # reserved name: a real-looking public address for the build
DONE = r"/共 \d+ 条结果|约 \d+ 条结果|没有找到/"
CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""
HEADERS = {"content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[Path]:
    """A release as an operator makes it: `make publish` under a hardened umask (077), then
    scripts/deploy.sh to a stand-in server (tests/deployshim.py); yields BASE/current.

    BASE is a folder of /tmp like /srv/xiaobao: the servers' unprivileged user must be able to reach
    it, which it cannot under pytest's own 0700 tmp folder."""
    if not Path(NGINX).exists() or not BROTLI_STATIC.exists():
        pytest.skip("nginx or libnginx-mod-http-brotli-static missing (.ci/run installs them)")
    base = Path(tempfile.mkdtemp(prefix="xiaobao-srv-"))  # 0700, as a strict umask makes it: deploy.sh opens it
    work, deploy_env = stand_in(tmp_path_factory.mktemp("deploy"), base)
    out = work / "public"
    env = {**os.environ, "XIAOBAO_SITE_URL": PUBLIC_URL}
    proc = subprocess.run([sys.executable, "scripts/publish.py", "--out", str(out), "--root", str(base / "current")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=900, preexec_fn=lambda: os.umask(0o077))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not unreadable(out), f"make publish left files other users cannot read: {unreadable(out)[:3]}"
    done = run(work, deploy_env, "deploy@server", umask=0o077)
    assert done.returncode == 0, done.stdout + done.stderr
    try:
        yield base / "current"
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module", params=["nginx", "caddy"])
def server(request, published, tmp_path_factory):
    """Each server the publishing output configures, in turn."""
    if request.param == "caddy" and not Path(CADDY).exists():
        missing("caddy is not installed (.ci/run installs it)")
    with (nginx if request.param == "nginx" else caddy)(published, tmp_path_factory.mktemp(request.param)) as url:
        yield url


def _campaign(published: Path) -> str:
    listing = (published / "site" / "campaigns" / "index.html").read_text(encoding="utf-8")
    return re.search(r'href="((?:\.\./)?campaigns/[a-z0-9-]+/|[a-z0-9-]+/)"', listing.split('md-content', 1)[1]).group(1)


def _print_page(published: Path) -> str:
    return next(p.parent.relative_to(published / "site").as_posix() + "/"
                for p in sorted((published / "site" / "print").rglob("index.html")))


def _body_size(response) -> int:
    """Bytes of a response as the browser unpacked them; a page its script left at once (/s/) may have
    none to give back, and then counts as sent."""
    try:
        return len(response.body())
    except Exception:  # playwright's Error: "Response body is not available for a response that was navigated away from"
        return max(response.request.sizes()["responseBodySize"], 0)


def visit(browser, url: str, action=None) -> dict:
    """A first visit in a fresh profile (nothing cached): open url, run action; return what was loaded.

    CSP violations come from two places: the page's securitypolicyviolation events and the console.
    """
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    responses, console, requests = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: responses.append(r))
    page.on("console", lambda m: console.append(m.text))
    page.add_init_script(CSP_LISTENER)
    try:
        main = page.goto(url)
        page.wait_for_load_state("networkidle")
        if action:
            action(page)
            page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__csp || []")
        seen = {"main": main, "headers": main.all_headers(), "violations": violations, "requests": requests,
                "console": [c for c in console if "Content Security Policy" in c or "Content-Security-Policy" in c],
                "types": {urlsplit(r.url).path: r.all_headers().get("content-type", "") for r in responses},
                "sent": sum(max(r.request.sizes()["responseBodySize"], 0) for r in responses),
                "plain": sum(_body_size(r) for r in responses if r.status < 300 or r is main)}
    finally:
        context.close()
    return seen


def _search(page) -> None:
    page.click(".xb-search__toggle")  # at phone width the box opens from the header button
    page.keyboard.insert_text("非法集资")
    page.wait_for_function(f"() => {DONE}.test((document.querySelector('.xb-search__status') || {{}}).textContent || '')",
                           timeout=15000)
    assert page.locator(".xb-search__results a").count() > 0, "search found nothing"


def _lands_on_screen(org: str):
    """/s/?code goes on to /screen/ by script: the policy must allow both pages' scripts."""
    def action(page) -> None:
        page.wait_for_url("**/screen/?*")
        assert page.locator("#xb-org").inner_text() == org + " 提醒您"
    return action


def _short_link_shown(page) -> None:
    page.get_by_label("第二步").fill("某某银行南通分行")
    assert page.locator("#xb-builder-short").get_attribute("href").endswith("/s/?106eg6eghqpejc1aqggt106ejc")
    said = page.locator("#xb-builder-length").inner_text()  # what the branch name costs on a TV remote
    assert "其中网点名称占 24 个（每个汉字 3 个）" in said and "不填网点名称只要输入" in said, said


def test_every_page_type_served(browser, server, published, request):
    pages = {
        "home": ("", None), "topic": ("topics/fraud-prevention/", None),
        "campaign": ("campaigns/" + _campaign(published).split("campaigns/")[-1], None),
        "listing": ("campaigns/", None), "years": ("years/", None), "regions": ("regions/", None),
        "org-types": ("org-types/", None), "stats": ("stats/", None), "search": ("about/", _search),
        "screen": ("screen/", None), "builder": ("screen-builder/", _short_link_shown),
        "short-link": ("s/?2c6eg6eghqpejc1aqggt106ejc", _lands_on_screen("某某银行南通分行")),
        "short-no-slash": ("s?2c6eg", _lands_on_screen("某")),  # typed without the last "/": the server adds it
        "short-link-wrong": ("s/?2c6eg6x", None), "print": (_print_page(published), None), "404": ("no-such-page/", None),
        "feed": ("feed.xml", None), "data": ("data/", None), "qr": ("qr/", None),
    }
    report, requests, types = [], [], {}
    for kind, (path, action) in pages.items():
        seen = visit(browser, server + path, action)
        requests += seen["requests"]
        types.update(seen["types"])
        assert seen["main"].status == (404 if kind == "404" else 200), (kind, path, seen["main"].status)
        assert not seen["violations"], f"{kind}: CSP violations {seen['violations']}"
        assert not seen["console"], f"{kind}: console {seen['console']}"
        headers = seen["headers"]
        assert HEADERS <= set(headers), (kind, sorted(HEADERS - set(headers)))
        policy = headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy and "frame-ancestors 'self'" in policy, policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "strict-transport-security" not in headers, "HSTS over plain HTTP"
        assert headers["cache-control"] == "public, max-age=300", (kind, headers["cache-control"])
        assert headers.get("content-encoding") == "br", (kind, headers.get("content-encoding"))
        report.append(f"{kind:16} /{path:40} {len(seen['requests']):3} requests  {seen['plain'] / 1024:7.1f} KB  "
                      f"sent {seen['sent'] / 1024:6.1f} KB")
    print(f"\n{request.node.callspec.params['server']} + Chromium, first visit to each page type at 390x844 "
          "(uncompressed / as sent):\n" + "\n".join(report))
    foreign = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
                      and urlsplit(u).hostname != "127.0.0.1"})
    assert not foreign, f"requests left the site: {foreign}"
    assert not any(urlsplit(u).path.endswith("sitemap.xml") for u in requests), "Material fetched sitemap.xml"
    by_ext = {}
    for path, kind in types.items():
        by_ext.setdefault(path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "/", set()).add(kind)
    assert by_ext["bin"] == {"application/octet-stream"}, by_ext
    assert by_ext["json"] == {"application/json; charset=utf-8"}, by_ext
    assert by_ext["svg"] == {"image/svg+xml; charset=utf-8"}, by_ext
    assert by_ext["xml"] == {"application/atom+xml; charset=utf-8"}, by_ext
    assert by_ext["js"] == {"text/javascript; charset=utf-8"}, by_ext
    assert by_ext["css"] == {"text/css; charset=utf-8"}, by_ext


def test_fingerprinted_assets_cached_for_a_year(server, published):
    import urllib.request

    bundle = next((published / "site" / "assets" / "javascripts").glob("bundle.*.min.js"))
    shard = next(p for p in (published / "site" / "search").rglob("*.bin"))
    for path in (bundle, shard):
        rel = path.relative_to(published / "site").as_posix()
        with urllib.request.urlopen(server + rel) as r:
            assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable", rel
    with urllib.request.urlopen(urllib.request.Request(server + "assets/css/site.css", headers={"Accept-Encoding": "gzip"})) as r:
        assert r.headers["Content-Encoding"] == "gzip" and r.headers["Cache-Control"] == "public, max-age=300"
        assert r.headers["Vary"] == "Accept-Encoding"


def _insecure():
    """TLS without checking the certificate: the tests' certificates are thrown away after the test."""
    import ssl

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def test_https_virtual_host_sends_hsts(published, tmp_path):
    """The virtual host as an operator installs it, on free ports with a throw-away certificate: HTTPS adds HSTS."""
    from nginxserver import free_port

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=xiaobao.test",
                           "-keyout", str(key), "-out", str(cert), "-days", "1"], capture_output=True)
    if made.returncode != 0:
        pytest.skip("openssl missing")
    plain, tls = free_port(), free_port()
    vhost = (published / "nginx" / "xiaobao.conf").read_text(encoding="utf-8")
    vhost = vhost.replace("/etc/ssl/xiaobao/fullchain.pem", str(cert)).replace("/etc/ssl/xiaobao/privkey.pem", str(key))
    vhost = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", vhost)
    vhost = vhost.replace("listen 80;", f"listen 127.0.0.1:{plain};").replace("listen 443 ", f"listen 127.0.0.1:{tls} ")
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"load_module {BROTLI_STATIC};\nmaster_process off;\ndaemon off;\npid {tmp_path}/pid;\n"
                    f"error_log {tmp_path}/error.log;\nevents {{}}\nhttp {{\naccess_log off;\n{vhost}\n}}\n", encoding="utf-8")
    tested = check(conf, tmp_path)  # the virtual host as installed: nginx -t says nothing but success
    assert tested.returncode == 0 and not complaints(tested), tested.stderr
    proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        headers = first_answer(f"https://127.0.0.1:{tls}/", proc, lambda: proc.stderr.read().decode(), _insecure())
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        redirect = subprocess.run(["curl", "-sI", f"http://127.0.0.1:{plain}/topics/"], capture_output=True, text=True)
        if redirect.returncode == 0:
            assert " 301" in redirect.stdout.splitlines()[0] and "location: https://" in redirect.stdout.lower()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_caddy_https_site_sends_hsts(published, tmp_path):
    """The Caddyfile as an operator installs it, on free ports with Caddy's own throw-away CA: HTTPS adds
    HSTS, plain HTTP only redirects."""
    from nginxserver import free_port

    if not Path(CADDY).exists():
        missing("caddy is not installed (.ci/run installs it)")
    plain, tls = free_port(), free_port()
    site = (published / "caddy" / "Caddyfile").read_text(encoding="utf-8")
    assert '\n"xiaobao.test" {' in site  # https:// in site_url: Caddy's automatic HTTPS for the host (quoted token)
    site = site.replace('\n"xiaobao.test" {', f"\nxiaobao.test:{tls}, 127.0.0.1:{tls} {{\n\ttls internal")
    conf = tmp_path / "Caddyfile"
    conf.write_text(f"{{\n\tadmin off\n\tskip_install_trust\n\thttp_port {plain}\n\thttps_port {tls}\n"
                    f"\tstorage file_system {tmp_path / 'data'}\n\tdefault_sni xiaobao.test\n}}\n{site}", encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.Popen([CADDY, "run", "--config", str(conf), "--adapter", "caddyfile"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        headers = first_answer(f"https://127.0.0.1:{tls}/", proc, lambda: proc.stderr.read().decode()[-3000:], _insecure())
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        redirect = subprocess.run(["curl", "-sI", "-H", "Host: xiaobao.test", f"http://127.0.0.1:{plain}/topics/"],
                                  capture_output=True, text=True)
        if redirect.returncode == 0:
            lines = redirect.stdout.lower()
            assert " 308" in lines.splitlines()[0] or " 301" in lines.splitlines()[0], redirect.stdout
            assert "location: https://" in lines and "strict-transport-security" not in lines
    finally:
        proc.terminate()
        proc.wait(timeout=10)
