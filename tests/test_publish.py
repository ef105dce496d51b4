"""Publishing: the public address check, media types, precompression, the CSP hashes, the nginx configuration."""

from __future__ import annotations

import base64
import gzip
import hashlib
import subprocess
import sys

import brotli
import pytest

from sitebuild import REPO, build, make_tree
from xiaobao.pipeline.settings import Run, SettingsError, read_settings, site_url_override
from xiaobao.publish import address, caddy, csp, nginx
from xiaobao.publish.compress import precompress
from xiaobao.publish.mime import TYPES, unknown_types


@pytest.mark.parametrize("url", [None, "", "https://xiaobao.example.cn/", "http://127.0.0.1:8000/",
                                 "http://localhost/", "xiaobao.gov.cn", "https://www.example.com/sub/"])
def test_placeholder_or_local_addresses_cannot_be_published(url):
    message = address.problem(url, REPO / "mkdocs.yml")
    assert message and "site_url" in message and "mkdocs.yml 第 2 行" in message


@pytest.mark.parametrize("url", ["https://xiaobao.icbc-nantong.cn/", "http://consumer.bank.cn/xiaobao/"])
def test_real_addresses_can_be_published(url):
    assert address.problem(url) is None


def test_site_url_read_back_from_mkdocs_yml(monkeypatch):
    monkeypatch.delenv(address.SITE_URL_ENV, raising=False)
    assert address.configured_site_url(REPO / "mkdocs.yml", site_url_override()) == address.PLACEHOLDER
    monkeypatch.setenv(address.SITE_URL_ENV, "https://xb.bank.cn/")
    assert address.configured_site_url(REPO / "mkdocs.yml", site_url_override()) == "https://xb.bank.cn/"


def test_the_address_check_reads_the_variable_only_through_its_caller(monkeypatch):
    """problem() names XIAOBAO_SITE_URL when the caller says the address came from it, and reads no
    environment itself: settings.py is the one place the variable is read."""
    monkeypatch.setenv(address.SITE_URL_ENV, address.PLACEHOLDER)
    from_file = address.problem(address.PLACEHOLDER, REPO / "mkdocs.yml")
    assert "mkdocs.yml 第 2 行" in from_file and "环境变量" not in from_file.split("：", 1)[0]
    from_env = address.problem(address.PLACEHOLDER, REPO / "mkdocs.yml", from_env=address.PLACEHOLDER)
    assert from_env.startswith(f"环境变量 {address.SITE_URL_ENV}（它代替 mkdocs.yml 里的 site_url）：")
    monkeypatch.delenv(address.SITE_URL_ENV)
    values = {"config_file_path": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"), "site_dir": str(REPO / "site"),
              "site_name": "消保", "site_url": "https://xb.bank.cn/", "dev_addr": ("127.0.0.1", 8000)}
    environ = {address.SITE_URL_ENV: address.PLACEHOLDER, address.PUBLISH_ENV: "1", "XIAOBAO_CACHE_DIR": "off"}
    with pytest.raises(SettingsError) as stopped:
        read_settings(values, Run("build"), environ=environ)
    assert str(stopped.value).startswith(f"环境变量 {address.SITE_URL_ENV}"), stopped.value
    assert read_settings(values, Run("build"), environ={address.PUBLISH_ENV: "1", "XIAOBAO_CACHE_DIR": "off"}).site_url == "https://xb.bank.cn/"


def test_serve_address_is_recognised():
    assert address.preview_url(("127.0.0.1", 8000), "http://127.0.0.1:8000/")
    assert address.preview_url(("127.0.0.1", 8000), "http://127.0.0.1:8000/sub/")
    assert not address.preview_url(("127.0.0.1", 8000), "https://xiaobao.example.cn/")
    assert not address.preview_url(("127.0.0.1", 8000), None)


@pytest.mark.build
def test_publishing_build_with_the_placeholder_fails_in_plain_chinese(tmp_path, monkeypatch):
    root = make_tree(tmp_path, {})
    monkeypatch.delenv(address.SITE_URL_ENV, raising=False)
    monkeypatch.setenv(address.PUBLISH_ENV, "1")
    result = build(root)
    assert result.returncode == 1
    assert "mkdocs.yml 第 2 行" in result.output and "示例网址" in result.output and "XIAOBAO_SITE_URL" in result.output
    assert "Traceback" not in result.output
    monkeypatch.setenv(address.SITE_URL_ENV, "https://xb.bank.cn/")
    result = build(root)
    assert result.returncode == 0, result.output
    assert '<link rel="canonical" href="https://xb.bank.cn/">' in (result.site / "index.html").read_text("utf-8")


def test_make_build_is_the_publishing_build():
    dry = subprocess.run(["make", "-n", "build"], cwd=REPO, capture_output=True, text=True)
    assert f"{address.PUBLISH_ENV}=1" in dry.stdout


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_hashes_inline_scripts_and_styles_only():
    found = csp.Inline()
    page = ('<script>var a=1</script><script src="x.js"></script><script type="application/json">{"a":1}</script>'
            '<script type="module">import "./m.js"</script><style>b{color:red}</style>')
    csp.scan_page(page, "a.html", found)
    assert found.scripts == {_hash("var a=1"), _hash('import "./m.js"')}
    assert found.styles == {_hash("b{color:red}")} and not found.problems
    policy = csp.policy(found)
    assert "'unsafe-inline'" not in policy and _hash("var a=1") in policy and "frame-ancestors 'self'" in policy


def test_inline_handlers_and_style_attributes_stop_publishing():
    found = csp.Inline()
    csp.scan_page('<button onclick="print()">打印</button><p style="color:red">x</p>', "print/a.html", found)
    assert len(found.problems) == 2 and all(p.startswith("print/a.html：") for p in found.problems)
    assert "onclick=" in found.problems[0]


def test_unknown_file_types_are_named(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ok.html").write_text("x")
    (tmp_path / "a" / "tool.exe").write_bytes(b"MZ")
    (tmp_path / "README").write_text("x")
    problems = unknown_types(tmp_path)
    assert len(problems) == 2 and any("a/tool.exe" in p and ".exe" in p for p in problems)


def test_twins_decompress_to_the_original(tmp_path):
    text = ("<p>消费者权益保护</p>\n" * 200).encode()
    (tmp_path / "page.html").write_bytes(text)
    (tmp_path / "tiny.css").write_bytes(b"a{}")
    (tmp_path / "img.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 8)
    sizes = precompress(tmp_path, workers=1)
    assert gzip.decompress((tmp_path / "page.html.gz").read_bytes()) == text
    assert brotli.decompress((tmp_path / "page.html.br").read_bytes()) == text
    assert not (tmp_path / "tiny.css.gz").exists() and not (tmp_path / "img.png.gz").exists()
    assert sizes.files == 2 and sizes.br < sizes.gz < sizes.plain


def test_nginx_configuration_names_every_type_and_header():
    conf = nginx.site_conf(nginx.Site("https://xb.bank.cn/", "/srv/xiaobao/current/site", "default-src 'self'"))
    types = conf.split("types {", 1)[1].split("}", 1)[0]
    for ext, (media, _) in TYPES.items():
        assert any(line.split()[0] == media and ext in line.rstrip(";").split()[1:] for line in types.strip().splitlines()
                   if line.strip()), ext
    assert conf.count("\nlocation ") == 6
    admin = conf.split("location ^~ /admin/", 1)[1].split("\n}", 1)[0]  # the CMS form: a policy of its own
    assert nginx.ADMIN_CSP in admin and "default-src 'self'\" always" not in admin
    assert conf.count("default-src 'self'\" always;") == 5  # every readers' location keeps the strict one
    for location in conf.split("\nlocation ")[1:]:
        for header in ("Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                       "Strict-Transport-Security"):
            assert header in location, (header, location[:60])
    assert "error_page 404 /404.html;" in conf and 'root "/srv/xiaobao/current/site";' in conf
    vhost = nginx.vhost_conf(nginx.Site("https://xb.bank.cn/", "/r/site", "x"), "/r/nginx")
    assert 'server_name "xb.bank.cn";' in vhost and "return 301 https://" in vhost
    assert 'include "/r/nginx/xiaobao-site.conf";' in vhost


def test_shared_assets_get_the_best_compression():
    from xiaobao.publish.compress import PAGE_QUALITY, SHARED_QUALITY, quality

    assert quality("assets/stylesheets/main.abcdef12.min.css") == quality("/assets/js/search.js") == SHARED_QUALITY
    assert quality("campaigns/x/index.html") == quality("/search/abc/s/1.bin") == PAGE_QUALITY


def test_caddyfile_serves_site_url_with_hsts_only_over_https():
    secure = nginx.Site("https://xiaobao.example.org/", "/srv/xiaobao/current/site", "default-src 'self'")
    whole = caddy.caddyfile(secure, "/srv/xiaobao/current/caddy")
    assert '\n"xiaobao.example.org" {\n\timport "/srv/xiaobao/current/caddy/xiaobao-site.caddy"\n' in whole
    assert 'Strict-Transport-Security "max-age=31536000"' in whole
    plain = caddy.caddyfile(nginx.Site("http://xiaobao.example.org/", "/srv/x/site", "x"), "/srv/x/caddy")
    assert '\n"http://xiaobao.example.org" {' in plain and "Strict-Transport-Security" not in plain
    inside = caddy.site_conf(secure)
    assert 'root * "/srv/xiaobao/current/site"' in inside and "Strict-Transport-Security" not in inside
    assert "precompressed br gzip" in inside and "rewrite * /404.html" in inside
    # the same media types as nginx: every extension the build writes, twins excepted
    assert {f"@type_{ext} path *.{ext}" for ext in TYPES if ext not in ("gz", "br")} <= set(inside.splitlines())
    # the removal stands alone: in one block with the policy it would defer it past the narrower lines
    assert "header -Server" in inside and inside.index("header -Server") > inside.index("Cache-Control")


def test_an_editors_html_copied_into_the_site_stops_publishing_and_is_not_hashed(tmp_path):
    """The second lock (issue 26 item 3): should the build ever copy docs/x.html as it is, its inline
    script must stop `make publish`, not be allowed into script-src by hash."""
    from xiaobao.publish.bundle import PublishError, finish

    docs, site = tmp_path / "docs", tmp_path / "out" / "site"
    (docs / "assets" / "uploads").mkdir(parents=True)
    (site / "assets" / "uploads").mkdir(parents=True)
    evil = '<!doctype html><script>fetch("/x?"+document.cookie)</script>'
    (docs / "assets" / "uploads" / "evil.html").write_text(evil, encoding="utf-8")
    (site / "assets" / "uploads" / "evil.html").write_text(evil, encoding="utf-8")
    (site / "index.html").write_text("<!doctype html><p>首页</p>", encoding="utf-8")
    with pytest.raises(PublishError) as err:
        finish(tmp_path / "out", "https://xiaobao.example.org/", docs=docs)
    assert "assets/uploads/evil.html" in str(err.value) and "docs/assets/uploads/evil.html" in str(err.value)
    assert not (tmp_path / "out" / "csp.txt").exists()
