"""Personal data in the forms people really write it, and public text that must pass (issue 12).

The check normalises first (xiaobao.campaigns.privacy.normalize): full-width digits, every space
and dash, zero-width characters, +86/0086, ＠ and （at）.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xiaobao.campaigns.privacy import find_private_data, id_check_char, luhn_ok, normalize

REPO = Path(__file__).resolve().parent.parent


def _id(first17: str) -> str:
    return first17 + id_check_char(first17)


def _card(first15: str) -> str:
    return next(first15 + str(d) for d in range(10) if luhn_ok(first15 + str(d)))


ID = _id("32060219850315123")
CARD = _card("622202123456789")

PRIVATE = [
    ("１３８００１３８０００", "mobile"),
    ("客户电话138 0013 8000", "mobile"),
    ("联系电话：138\u00a00013\u00a08000", "mobile"),
    ("电话 138–0013–8000", "mobile"),
    ("电话 138\u200b0013\u200b8000", "mobile"),
    ("+86 138-0013-8000", "mobile"),
    ("＋８６　１３８００１３８０００", "mobile"),
    ("0086 13800138000", "mobile"),
    ("(+86)13800138000", "mobile"),
    (f"身份证号 {ID[:6]} {ID[6:14]} {ID[14:]}", "id_number"),
    (f"身份证号 {ID[:6]}-{ID[6:14]}-{ID[14:]}", "id_number"),
    ("身份证号" + ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")), "id_number"),
    (f"卡号 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:]}", "bank_card"),
    (f"卡号 {CARD[:4]}\u3000{CARD[4:8]}\u3000{CARD[8:12]}\u3000{CARD[12:]}", "bank_card"),
    ("邮箱 zhangsan＠163.com", "email"),
    ("邮箱 zhangsan（at）163.com", "email"),
    ("邮箱 zhangsan [at] 163 [dot] com", "email"),
    ("邮箱 zhangsan(AT)qq.com", "email"),
    ("市民王建国反映", "full_name"),
    ("居民李秀英说", "full_name"),
    ("村民赵德胜家", "full_name"),
    ("群众刘桂兰来到网点", "full_name"),
    ("患者孙志强的家属", "full_name"),
    ("投诉人周晓明称", "full_name"),
    ("受害人吴海燕被骗", "full_name"),
    ("举报人郑国强", "full_name"),
]


@pytest.mark.parametrize("text,kind", PRIVATE)
def test_everyday_written_forms_are_found(text: str, kind: str):
    assert kind in [f.kind for f in find_private_data(text)], normalize(text)


PUBLIC = """
遇到问题请拨打12315、12378、12363，或者银行客服95588、95533，反诈专线96110，报警电话110。
全国统一客服电话 400-820-8820，800-810-8888。
市民热线12345，政务服务热线 12345-1。
固定电话 0513-85123456，传真（0513）8512 3456，010-6512 3456。
2024年3月15日至2024年3月21日，2024-03-15，2024.03.15，20240315，2024/3/15。
发放宣传资料7600余份，受众10,000人次，挽回损失1,234,567元，涉案金额 12 345 678 元，约1.5万元。
《中华人民共和国消费者权益保护法》第五十五条；国务院令第 731 号；银保监发〔2021〕18 号。
GB 11643-1999，GB/T 2260-2007，ISBN 978-7-5217-1234-5，统一社会信用代码 91320600MA1XYZ1234。
2021 2022 2023 2024 四年间，共 1 200 场活动，3 000 名员工参与。
市民朋友们，居民群众，村民代表，群众反映，患者家属，投诉人数，受害人数，市民们，居民区，村民委员会。
群众路线，老人家，居民身份证，群众满意度达到98.5%，举报人信息严格保密，业主委员会，乘客须知，网友留言。
村民纷纷表示，居民普遍认为，市民积极参与，群众广泛参加，患者及时就医，投诉人可以拨打12315。
受害人多为老年人，投诉人应当提供证据，居民小区，市民中心，村民小组，群众来信，网友热议。
邮箱 tousu@samr.gov.cn，service@icbc.com.cn，kefu（at）cmbchina.com。
第 1 期至第 12 期，编号 2024-001 至 2024-120，邮编 226001，工号 10086。
活动时间 9:00-17:00，13:30—16:30，共 138 个网点、13 个县区、800 余名志愿者。
"""


def test_public_text_passes():
    found = find_private_data(PUBLIC)
    assert found == [], [(f.line, f.kind, f.excerpt) for f in found]


def test_seed_campaigns_pass():
    files = sorted((REPO / "campaigns").rglob("*.md"))
    assert files
    found = {p.relative_to(REPO).as_posix(): [(f.line, f.kind, f.excerpt) for f in find_private_data(p.read_text("utf-8"))]
             for p in files}
    assert {k: v for k, v in found.items() if v} == {}


def test_normalising_keeps_lines():
    text = "第一行\r\n１３８　００１３\u2013８０００\n第三行"
    assert normalize(text).splitlines()[1] == "138 0013-8000"
    assert [f.line for f in find_private_data(text)] == [2]
