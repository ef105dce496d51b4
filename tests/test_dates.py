import datetime as dt

import pytest

from xiaobao.campaigns.dates import DateError, PartialDate, parse_date, period_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-03-15", PartialDate(2024, 3, 15)),
        (dt.date(2024, 3, 15), PartialDate(2024, 3, 15)),
        ("2024-03", PartialDate(2024, 3)),
        ("2024", PartialDate(2024)),
        (2024, PartialDate(2024)),
        (None, None),
        ("20xx", None),
        ("20XX-03-15", None),
        ("unknown", None),
    ],
)
def test_partial_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw, fragment", [("2024-02-30", "只有 29 天"), ("2023-02-29", "只有 28 天"),
                                           ("2024-13", "没有这个月份"), ("3月15日", "不是日期"), ("1024", "年份不合常理"),
                                           ([2024], "不是日期")])
def test_impossible_dates(raw, fragment):
    with pytest.raises(DateError) as err:
        parse_date(raw)
    assert fragment in str(err.value)


def test_period_text():
    assert period_text(PartialDate(2024, 3, 9), PartialDate(2024, 3, 15)) == "2024年3月9日—2024年3月15日"
    assert period_text(None, None) == "时间未注明"
    assert period_text(PartialDate(2024, 3), None) == "2024年3月"
