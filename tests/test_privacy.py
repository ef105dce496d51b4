"""The private-data check: numbers with checksums built here, never real people's data."""

from __future__ import annotations

import pytest

from xiaobao.campaigns.privacy import (
    AllowEntry,
    check_campaign_text,
    find_private_data,
    id_check_char,
    is_id_number,
    luhn_ok,
    parse_allowlist,
)


def make_id(first17: str) -> str:
    return first17 + id_check_char(first17)


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def luhn_complete(partial: str) -> str:
    """Append the one digit that makes partial pass the Luhn check."""
    for d in "0123456789":
        if luhn_ok(partial + d):
            return partial + d
    raise AssertionError


VALID_ID = make_id("11010519491231002")  # the textbook example of GB 11643, ends in X
SYNTH_ID = make_id("32060219850315123")
CARD = luhn_complete("622202123456789012")  # 19 digits
CARD16 = luhn_complete("622848001234567")


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_private_data(text)]


def test_textbook_checksum():
    assert VALID_ID == "11010519491231002X"
    assert is_id_number(VALID_ID) and is_id_number(VALID_ID.lower())
    assert not is_id_number(wrong_check(VALID_ID))


@pytest.mark.parametrize("number", [VALID_ID, SYNTH_ID])
def test_id_number_with_valid_checksum_is_flagged_and_masked(number):
    [finding] = find_private_data(f"前来咨询的客户身份证号为{number}，已登记。")
    assert finding.kind == "id_number"
    assert finding.line == 1
    assert number not in finding.excerpt and finding.excerpt.count("*") == 10
    assert finding.excerpt.startswith(number[:4]) and finding.excerpt.endswith(number[-4:])
    assert "身份证号码" in finding.message and "privacy-allowlist.yml" in finding.message
    assert number not in finding.message


def test_id_number_with_wrong_checksum_passes():
    assert "id_number" not in kinds(f"编号{wrong_check(SYNTH_ID)}")


def test_id_number_with_impossible_birth_date_passes():
    assert kinds(make_id("32060219851345123")) == []  # month 13


def test_old_fifteen_digit_id():
    assert kinds("旧证号 320602850315123 ") == ["id_number"]


def test_mobile_numbers():
    assert kinds("联系电话13812345678。") == ["mobile"]
    assert kinds("电话 138-1234-5678") == ["mobile"]
    assert kinds("电话 138 1234 5678") == ["mobile"]
    [f] = find_private_data("第一行\n请拨19912345678")
    assert f.line == 2 and f.excerpt == "199****5678"
    assert "手机号码" in f.message and "19912345678" not in f.message


def test_mobile_inside_longer_digit_run_is_not_a_mobile():
    assert "mobile" not in kinds("流水号 213812345678901234")
    assert kinds("订单2138123456789") == []
    assert kinds("12812345678") == []  # 12x is not a mobile prefix


@pytest.mark.parametrize("text", [
    "投诉请拨打12315", "金融消费者可拨打12363", "银行保险投诉12378", "证券投诉12386",
    "反诈专线96110", "工商银行客服95588", "建设银行95533", "农业银行95599", "中国银行95566",
    "征信中心400-810-8866", "客服热线4008208820", "免费电话800-820-8820", "咨询电话0513-85012345",
    "已发放宣传资料7600余份，受众12000人次", "金额1000000000000000元",
])
def test_public_numbers_and_figures_pass(text):
    assert kinds(text) == []


def test_bank_card_luhn():
    assert luhn_ok(CARD) and not luhn_ok(CARD[:-1] + str((int(CARD[-1]) + 1) % 10))
    assert kinds(f"卡号{CARD}") == ["bank_card"]
    grouped = " ".join(CARD16[i:i + 4] for i in range(0, 16, 4))
    [f] = find_private_data(f"卡号 {grouped} 已挂失")
    assert f.kind == "bank_card" and f.excerpt.startswith("6228") and f.excerpt.endswith(CARD16[-4:])
    assert "银行卡号" in f.message


def test_bank_card_with_bad_luhn_passes():
    bad = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    assert kinds(f"卡号{bad}") == []


def test_valid_id_is_reported_as_id_not_card():
    assert kinds(SYNTH_ID) == ["id_number"]


@pytest.mark.parametrize("address, flagged", [
    ("zhangsan1985@qq.com", True),
    ("li.ming@163.com", True),
    ("someone@gmail.com", True),
    ("12345678@qq.com", True),
    ("xfz@samr.gov.cn", False),
    ("info@cca.org.cn", False),
    ("kefu@icbc.com.cn", False),
    ("service@bank.example.com", False),
    ("95588@icbc.com.cn", False),
])
def test_email(address, flagged):
    found = find_private_data(f"联系邮箱：{address}")
    assert (kinds(f"联系邮箱：{address}") == ["email"]) is flagged
    if flagged:
        assert address not in found[0].excerpt and found[0].excerpt.endswith(address.split("@")[1])


@pytest.mark.parametrize("text", [
    "张三丰先生来网点咨询", "客户李明反映收到诈骗短信", "王秀英女士表示感谢", "刘德福大爷说",
    "陈桂兰阿姨很高兴", "储户赵建国到柜台", "欧阳修先生", "客户张三丰先生到场",
])
def test_full_names_are_flagged(text):
    found = find_private_data(text)
    assert [f.kind for f in found] == ["full_name"]
    f = found[0]
    assert "*" in f.excerpt and "只保留姓氏" in f.message
    assert f.value not in f.excerpt


@pytest.mark.parametrize("text", [
    "张先生来网点咨询", "李女士表示感谢", "客户王某反映", "客户刘先生路过支行", "欧阳女士", "李老先生",
    "许多老人不会用手机", "高龄老人上门服务", "空巢老人", "客户陆续到场", "向客户发放宣传资料",
    "客户意见建议", "客户投诉管理", "受到广大客户的一致好评", "王阿姨", "张大爷", "向张先生讲解",
    "一位老年客户关于其他业务", "客户深表感谢", "提醒客户仔细阅读", "客户黄金走势",
])
def test_surnames_and_ordinary_words_pass(text):
    assert kinds(text) == []


def test_name_message_suggests_the_surname_only():
    [f] = find_private_data("王秀英女士表示感谢")
    assert "“王女士”" in f.message and f.excerpt == "王**女士"


def test_check_campaign_text_names_file_line_and_field():
    text = f"---\ntitle: 活动\nsummary: 客户李明来电\n---\n\n正文第一行\n联系电话13812345678\n"
    problems = check_campaign_text("campaigns/2024/x.md", text, [])
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("campaigns/2024/x.md", 3, "summary"), ("campaigns/2024/x.md", 7, None)]
    assert str(problems[1]).startswith("campaigns/2024/x.md（第 7 行）：疑似手机号码“138****5678”")
    assert all(p.severity == "error" for p in problems)


def test_allowlist_entry_silences_only_its_file_and_text():
    text = "行长王建国先生致辞\n客户李明来电"
    allow = [AllowEntry("campaigns/2024/x.md", "行长王建国先生", "公开报道中的单位负责人")]
    problems = check_campaign_text("campaigns/2024/x.md", text, allow)
    assert [p.line for p in problems] == [2]
    assert len(check_campaign_text("campaigns/2024/other.md", text, allow)) == 2
    wildcard = [AllowEntry("campaigns/*/*.md", "行长王建国先生", "同上")]
    assert len(check_campaign_text("campaigns/2023/y.md", text, wildcard)) == 2  # one file, by its path
    short = [AllowEntry("campaigns/2024/x.md", "王建国", "同上")]
    assert len(check_campaign_text("campaigns/2024/x.md", text, short)) == 2  # a specific text, six characters or more


def test_allowlist_entries_name_one_file_and_a_specific_text():
    entries, problems = parse_allowlist("- file: '*'\n  text: '1'\n  reason: 全部放行\n"
                                        "- file: campaigns/2024/x.md\n  text: '1'\n  reason: 太短\n"
                                        "- file: campaigns/2024/x.md\n  text: 行长王建国先生\n  reason: 公开人物\n")
    assert entries == [AllowEntry("campaigns/2024/x.md", "行长王建国先生", "公开人物")]
    assert [p.field for p in problems] == ["第 1 项", "第 2 项"]
    assert "不能用 * 等通配符" in problems[0].message and "至少 6 个字" in problems[1].message


def test_parse_allowlist_reports_broken_entries():
    entries, problems = parse_allowlist("- file: a.md\n  text: 行长王建国先生\n  reason: 公开人物\n- file: b.md\n  text: x\n")
    assert entries == [AllowEntry("a.md", "行长王建国先生", "公开人物")]
    assert len(problems) == 1 and "reason" in problems[0].message and problems[0].field == "第 2 项"
    assert parse_allowlist("{a: [")[1][0].message.startswith("YAML")
    assert parse_allowlist("a: b")[1][0].message.startswith("应当是列表")


def test_repository_allowlist_is_valid():
    from pathlib import Path
    from xiaobao.campaigns.privacy import load_allowlist
    entries, problems = load_allowlist(Path(__file__).resolve().parent.parent / "privacy-allowlist.yml")
    assert problems == []


def test_repository_campaigns_are_clean():
    """The committed summaries must pass the check (or carry a reviewed exception)."""
    from pathlib import Path
    from xiaobao.campaigns.privacy import load_allowlist
    root = Path(__file__).resolve().parent.parent
    allow, _ = load_allowlist(root / "privacy-allowlist.yml")
    problems = []
    for path in sorted((root / "campaigns").rglob("*.md")):
        label = path.relative_to(root).as_posix()
        problems += check_campaign_text(label, path.read_text(encoding="utf-8-sig"), allow)
    assert problems == [], "\n".join(map(str, problems))
