"""Campaign files the build tests share, and the topic page they list under (tests/conftest.py `good_site`)."""

CAMPAIGN = """
---
title: 工商银行南通分行“3·15”宣传
organization: 工商银行南通分行
org_type: bank
region: 江苏省南通市
campaign: 3·15 金融消费者权益日
start: 2024-03-09
end: 2024-03-15
topics: [consumer-law, credit-reporting]
summary: 115 个网点开展宣传，发放宣传折页 7600 余份。
slug: icbc-nantong-315
redirects: [nantong-2024]
stats:
  outlets: 115
  materials: 7600余
  audience: 约3900
  complaints: XX
---

为积极做好金融消费者权益保护工作，我行开展了宣传活动。

## 一、高度重视

各网点设立咨询台。
"""

SECOND = """
---
title: 某县市场监管局上半年消保工作
organization: 某县市场监督管理局
org_type: market_regulator
region: null
start: null
topics: [food-safety, complaint-handling]
summary: 受理投诉 120 件。
stats:
  complaints: 120
  materials: 500
---

上半年，我局加强流通领域食品安全监管，受理消费者投诉举报，开展了多项检查。
"""

# An imported file not yet checked: shown only in the preview, never published.
DRAFT = CAMPAIGN.replace("slug: icbc-nantong-315", "slug: draft-bank-315").replace(
    "redirects: [nantong-2024]\n", "").replace("---\ntitle:", """---
# 待核对（导入程序写的，核对完把这几行连同下面的 status: draft 一起删掉）
# 待核对：campaign：没有找到活动名称，留空
# 待核对：原文数字 outlets 115（exact）←“各网点设立咨询台”
status: draft
title:""", 1).replace("工商银行南通分行“3·15”宣传", "草稿银行的宣传").replace("为积极做好", "草稿正文：为积极做好")

CREDIT_PAGE = "---\ntitle: 个人征信\ntopic: credit-reporting\n---\n\n# 个人征信\n\n信用报告。\n"
