import pytest

from xiaobao.importer.mentions import extract
from xiaobao.campaigns.numerals import NumeralError, to_number


@pytest.mark.parametrize(
    "text, value",
    [("7600", 7600), ("1.5万", 15000), ("十万", 100000), ("百", 100), ("三千", 3000), ("两千", 2000),
     ("1000", 1000), ("1.8亿", 180_000_000), ("2.64万", 26400), ("19.2795万", 192795), ("24,000", 24000),
     ("两万", 20000), ("万", 10000), ("二十", 20), ("5000", 5000), ("13", 13)],
)
def test_to_number_reads_every_form(text, value):
    assert to_number(text) == value


@pytest.mark.parametrize("text", ["", "网点", "XX", "三进", "abc", "3.1.5"])
def test_to_number_returns_none_for_non_numerals(text):
    assert to_number(text) is None


@pytest.mark.parametrize("text", ["七千六", "三万五"])
def test_to_number_refuses_elided_forms(text):
    with pytest.raises(NumeralError):
        to_number(text)


@pytest.mark.parametrize(
    "sentence, metric, value, qualifier",
    [
        ("发放宣传折页7600余份。", "materials", 7600, "more_than"),
        ("发放宣传资料共计1.5万余份。", "materials", 15000, "more_than"),
        ("发放宣传资料十万余份。", "materials", 100000, "more_than"),
        ("全辖近百家网点参与。", "outlets", 100, "nearly"),
        ("接待客户超5000人次。", "audience", 5000, "more_than"),
        ("发放宣传单三千多份。", "materials", 3000, "more_than"),
        ("出动宣传员工两千余人次。", "staff", 2000, "more_than"),
        ("接待群众约1000人。", "audience", 1000, "about"),
        ("发放宣传资料1.8亿份。", "materials", 180_000_000, "exact"),
        ("集中销毁假冒伪劣商品13吨。", "goods_destroyed_kg", 13000, "exact"),
        ("为消费者挽回经济损失2.64万元。", "recovered_yuan", 26400, "exact"),
        ("罚没款19.2795万元。", "fines_yuan", 192795, "exact"),
        ("发放宣传资料24,000多份。", "materials", 24000, "more_than"),
        ("播放宣传视频两万余次。", "media", 20000, "more_than"),
        ("覆盖群众万余人次。", "audience", 10000, "more_than"),
        ("参与员工数约1000余人。", "staff", 1000, "about"),
    ],
)
def test_mentions_read_every_written_form(sentence, metric, value, qualifier):
    mentions, _ = extract(sentence)
    assert [(m.metric, m.value, m.qualifier) for m in mentions] == [(metric, value, qualifier)]
    assert mentions[0].quote in sentence


def test_placeholder_is_listed_never_counted():
    mentions, placeholders = extract("共受理申诉举报XX起，发放宣传资料XXX份。")
    assert mentions == []
    assert [p.quote for p in placeholders] == ["共受理申诉举报XX起", "发放宣传资料XXX份"]


@pytest.mark.parametrize(
    "sentence",
    ["20xx年3月15日开展活动。", "拨打12315投诉热线。", "使用“95588”咨询电话。", "依照消费者权益保护法第八条规定。",
     "结合“三进”活动。", "发挥“一会两站”作用。", "一位老年客户反映情况。", "活动持续5个小时。",
     "开展三项宣传。", "于2023年3月9日—15日开展。", "“金融知识进万家”活动。", "走进百村行。"],
)
def test_not_figures(sentence):
    assert extract(sentence)[0] == []
