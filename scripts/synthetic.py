"""Synthetic but realistic campaign files for benchmarks, derived from the seed summaries' style."""

from __future__ import annotations

import random
import re
from pathlib import Path

from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS

BANKS = ["工商银行", "农业银行", "中国银行", "建设银行", "交通银行", "邮储银行", "招商银行", "兴业银行", "农村商业银行", "村镇银行"]
OTHERS = {"insurer": ["人寿保险", "财产保险"], "market_regulator": ["市场监督管理局"], "consumer_association": ["消费者协会"],
          "regulator": ["人民银行中心支行", "金融监管分局"], "securities": ["证券营业部"], "payment": ["支付公司"]}
PLACES = [("江苏省", ["南通市", "南京市", "苏州市", "徐州市"]), ("安徽省", ["蚌埠市", "合肥市", "阜阳市"]),
          ("上海市", ["浦东新区", "黄浦区"]), ("浙江省", ["杭州市", "温州市"]), ("四川省", ["成都市", "绵阳市"]),
          ("河南省", ["郑州市", "洛阳市"]), ("广东省", ["广州市", "梅州市"]), ("甘肃省", ["兰州市", "天水市"])]
CAMPAIGNS = ["3·15 金融消费者权益日", "普及金融知识万里行", "防范非法集资宣传月", "金融知识进万家", "消费者权益保护宣传服务月"]
STEMS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
QUALIFIED = ["{n}", "{n}余", "约{n}", "{n}+", "近{n}"]


def _tag(i: int) -> str:
    """A Chinese serial unique to each campaign, so bodies are not near-duplicates of each other."""
    out = ""
    while True:
        i, r = divmod(i, len(STEMS))
        out = STEMS[r] + out
        if not i:
            return out + "期"


def _sentences(seed_text: str) -> list[str]:
    body = re.sub(r"\s+", "", seed_text)
    return [s for s in re.split(r"(?<=[。！？])", body) if 20 <= len(s) <= 160]


def _stats(rng: random.Random) -> dict[str, str]:
    stats = {}
    for metric in rng.sample(list(METRICS)[:10], rng.randint(2, 6)):
        if rng.random() < 0.07:
            stats[metric] = "XX"
        else:
            stats[metric] = rng.choice(QUALIFIED).format(n=rng.choice([5, 12, 20, 36, 115, 509, 760, 3900, 7600, 15000]))
    return stats


def campaign_file(i: int, rng: random.Random, sentences: list[str]) -> tuple[str, str]:
    org_type = rng.choice(["bank"] * 6 + list(OTHERS))
    province, cities = rng.choice(PLACES)
    city = rng.choice(cities)
    org = f"{rng.choice(BANKS)}{city[:-1]}分行" if org_type == "bank" else f"{city}{rng.choice(OTHERS[org_type])}"
    year = rng.choice([None] + list(range(2015, 2027)))
    month = rng.randint(1, 12)
    topics = rng.sample(list(TOPICS), rng.randint(1, 4))
    name = rng.choice(CAMPAIGNS)
    tag = _tag(i)
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        chosen = rng.sample(sentences, 3)
        paragraphs.append(f"{org}在{tag}活动中" + "".join(chosen))
    stats = "\n".join(f"  {k}: {v}" for k, v in _stats(rng).items())
    slug = f"c{i:05d}"
    start = f"{year}-{month:02d}" if year else "null"
    text = (f"---\ntitle: {org}{name}宣传活动（{tag}）\norganization: {org}\norg_type: {org_type}\n"
            f"region: {province}{city}\ncampaign: {name}\nstart: {start}\nend: null\n"
            f"topics: [{', '.join(topics)}]\nsummary: {org}开展{name}宣传。\nslug: {slug}\n"
            f"source: 基准测试生成的样例\nstats:\n{stats}\n---\n\n" + "\n\n".join(paragraphs) + "\n")
    return f"{year or 'undated'}/{slug}.md", text


def repo_seed_text(repo: Path) -> str:
    """The bodies of the repository's own campaign files: the seed summaries, in the style to copy."""
    return "\n".join(p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted((repo / "campaigns").rglob("*.md")))


def write_campaigns(out: Path, n: int, seed_text: str, seed: int = 7) -> None:
    rng = random.Random(seed)
    sentences = _sentences(seed_text)
    for i in range(n):
        rel, text = campaign_file(i, rng, sentences)
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
