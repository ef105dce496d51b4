"""Every output path has one source (xiaobao.pipeline.outputs)."""

from xiaobao.pipeline.outputs import Claim, conflicts
from xiaobao.outputs.leaflets import redirect_target


def test_a_path_claimed_twice_names_both_sources():
    found = conflicts([Claim("campaigns/x/index.html", "campaigns/2024/x.md"),
                       Claim("campaigns/x/index.html", "docs/campaigns/x.md")])
    assert found == ["网址 /campaigns/x/ 有两个来源：campaigns/2024/x.md 和 docs/campaigns/x.md。"
                     "一个网址只能对应一个页面，请改其中一个的 slug、redirects 或文件名"]


def test_a_file_cannot_also_be_a_folder():
    found = conflicts([Claim("feed.xml", "网站自动生成的订阅源"), Claim("feed.xml/index.html", "docs/about.md 的 redirects")])
    assert len(found) == 1 and "网站自动生成的订阅源 和 docs/about.md 的 redirects" in found[0]


def test_reserved_folders_take_only_our_own_files():
    reserved = [Claim("qr/", "二维码文件")]
    assert conflicts([Claim("qr/x/index.html", "docs/qr/x.md")], reserved) == [
        "网址 /qr/x/ 在 /qr/ 下面，这个文件夹留给二维码文件。请把 docs/qr/x.md 换个名字"]
    assert conflicts([Claim("qr/index.html", "网站自动生成的二维码下载页", ours=True)], reserved) == []


def test_one_source_claiming_twice_is_no_conflict():
    assert conflicts([Claim("a/index.html", "docs/a.md"), Claim("b/index.html", "docs/a.md")]) == []


def test_redirects_are_lowercase_words_and_single_slashes():
    assert redirect_target("topics/x/", "old-name") == "topics/old-name/index.html"
    assert redirect_target("topics/x/", "old/fraud-page/") == "old/fraud-page/index.html"
    for bad in ["feed.xml", "a//b", "a\nb", "Old", "a_b", "-a", "a-", "a b", ["x"], None, "..", "a/../b"]:
        assert redirect_target("topics/x/", bad) is None, bad
