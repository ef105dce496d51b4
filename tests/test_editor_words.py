"""Editors type Chinese: vocabulary names and the usual YAML slips."""

from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS, metric_code, org_type_code, topic_code
from xiaobao.campaigns.yamlslips import find_slips
from xiaobao.site.guide import guide_tables


def test_every_chinese_name_and_code_resolves():
    for key, topic in TOPICS.items():
        assert topic_code(topic.label) == key and topic_code(key) == key
    for key, label in ORG_TYPES.items():
        assert org_type_code(label) == key and org_type_code(f" {key} ") == key
    for key, metric in METRICS.items():
        assert metric_code(metric.label) == key
    assert topic_code("防范电信网络诈骗") == "fraud-prevention"
    assert topic_code("诈骗") is None and org_type_code(["银行"]) is None


def test_guide_tables_list_names_beside_codes():
    tables = guide_tables()
    assert "| 防范电信网络诈骗 | `fraud-prevention` |" in tables
    assert "| 银行 | `bank` |" in tables


def test_all_slips_reported_at_once_on_their_own_lines():
    text = 'title: "某行宣传”\norganization：某行\norg_type:bank\nstats:\n\toutlets: 3\nsource: https://a.cn/x\n'
    slips = find_slips(text)
    assert [s.line for s in slips] == [1, 2, 3, 5]
    assert "中文引号" in slips[0].message and "中文冒号" in slips[1].message
    assert "少了一个空格" in slips[2].message and "Tab" in slips[3].message


def test_good_front_matter_has_no_slips():
    text = 'title: 工商银行南通分行“3·15”宣传\nsummary: "活动: 十个网点"\ntopics: [个人征信]\nstats:\n  materials: 7600余\n'
    assert find_slips(text) == []
