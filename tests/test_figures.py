import pytest

from xiaobao.campaigns.figures import Figure, FigureError, format_figure, parse_figure


@pytest.mark.parametrize(
    "raw, value, qualifier",
    [
        (509, 509, "exact"),
        ("509", 509, "exact"),
        ("7600+", 7600, "more_than"),
        ("7600余", 7600, "more_than"),
        ("1.5万余", 15000, "more_than"),
        ("~1000", 1000, "about"),
        ("约1000", 1000, "about"),
        ("1000左右", 1000, "about"),
        ("近百", 100, "nearly"),
        ("近100余", 100, "nearly"),  # the prefix wins
        ("超5000", 5000, "more_than"),
        ("超过5000", 5000, "more_than"),
        ("5000以上", 5000, "more_than"),
        ("逾200", 200, "more_than"),
        ("至少200", 200, "at_least"),
        ("不少于200", 200, "at_least"),
        ("三千多", 3000, "more_than"),
        ("两万余", 20000, "more_than"),
        ("万余", 10000, "more_than"),
        ("24,000多", 24000, "more_than"),
        ("7600份", 7600, "exact"),
        ("1.8亿", 180_000_000, "exact"),
        ("19.2795万", 192795, "exact"),
    ],
)
def test_reads_figures_as_editors_write_them(raw, value, qualifier):
    assert parse_figure(raw, "份") == Figure(value, qualifier)


@pytest.mark.parametrize("raw", [None, "XX", "xx", "XXX", "未披露", "不详"])
def test_placeholders_are_undisclosed_never_zero(raw):
    figure = parse_figure(raw)
    assert figure.value is None and figure.qualifier == "undisclosed"
    assert format_figure(figure, "份") == "未披露"


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("七千六", "读法不唯一"),
        ("abc", "不是数字"),
        (True, "会被读成是/否"),
        ({"value": 1}, "只能写一个数字"),
        (-3, "负数"),
        ("-3", "不是数字"),
        (10**15, "不合常理"),
        ("很多", "不是数字"),
    ],
)
def test_rejects_what_cannot_be_read_and_says_what_to_write(raw, fragment):
    with pytest.raises(FigureError) as err:
        parse_figure(raw)
    assert fragment in str(err.value)
    if fragment in ("读法不唯一", "不是数字"):
        assert "7600余" in str(err.value)


@pytest.mark.parametrize(
    "figure, text",
    [
        (Figure(7600, "more_than"), "7,600 余份"),
        (Figure(1000, "about"), "约 1,000 份"),
        (Figure(100, "nearly"), "近 100 份"),
        (Figure(200, "at_least"), "≥ 200 份"),
        (Figure(509, "exact"), "509 份"),
    ],
)
def test_formats_for_readers(figure, text):
    assert format_figure(figure, "份") == text


def test_quick_reading_of_plain_figures_agrees_with_the_full_reading(monkeypatch):
    """parse_figure reads 约3900 / 7600余 in one step; the full path must give the same for every text."""
    import random
    import re

    from xiaobao.campaigns import figures

    parts = [*figures.PREFIXES, *figures.SUFFIXES, "份", "人次", " ", "０", "1", "7", "0", "00", ".", ",", "5万",
             "万", "七", "X", "-", "12345678901234", "9" * 16, "\t"]
    rng = random.Random(5)
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 4))) for _ in range(20000)]

    def outcome(text: str, unit: str | None) -> object:
        try:
            return figures.parse_figure(text, unit)
        except figures.FigureError as err:
            return str(err)

    quick = [outcome(t, u) for t in texts for u in (None, "份")]
    monkeypatch.setattr(figures, "_PLAIN", re.compile(r"(?!)"))
    assert quick == [outcome(t, u) for t in texts for u in (None, "份")]
    assert sum(isinstance(q, figures.Figure) for q in quick) > 5000
