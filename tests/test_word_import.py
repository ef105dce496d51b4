"""Word files: everything Word shows as accepted text is read, in order; header, footer and
signature name the organisation and date; a table repeating the body is not counted twice;
what cannot be read is named (issues 25 and 26). Each test builds its own .docx."""

import base64
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from xiaobao.importer import import_file
from xiaobao.importer.reading import ReadError, read_source

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ALL_NS = (
    f'{W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def save(document, tmp_path: Path, name: str = "总结.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def figures(campaign) -> set[tuple[str, float]]:
    return {(m.metric, m.value) for m in campaign.mentions}


def test_header_footer_and_signature_give_organisation_and_date(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "中国农业银行如东县支行"
    section.footer.paragraphs[0].text = "第 1 页"
    document.add_paragraph("减少往返银行，方便群众办事")
    document.add_paragraph("3月15日，我行在营业厅开展金融知识宣传，发放宣传资料300份。")
    for _ in range(8):  # the body runs on, so the signature is well past the opening
        document.add_paragraph("工作人员向到店客户讲解银行卡安全、个人信息保护和防范电信网络诈骗的常识，提醒客户不要轻信陌生来电，"
                               "不要向他人透露验证码，遇到可疑情况及时拨打官方客服电话核实。")
    document.add_paragraph("中国农业银行如东县支行")
    document.add_paragraph("2024年3月20日")
    [c] = import_file(save(document, tmp_path))
    assert c.organization == "中国农业银行如东县支行"
    assert c.region == "江苏省南通市如东县"
    assert c.start == "2024-03-15"  # month and day from the opening, year from the signature
    assert any("落款" in w for w in c.warnings)
    assert "第 1 页" not in c.text


def test_date_in_the_footer_when_the_text_has_none(tmp_path):
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "江苏银行海安支行  2025年6月"
    document.add_paragraph("江苏银行海安支行开展防范非法集资宣传，发放折页500份。")
    [c] = import_file(save(document, tmp_path))
    assert c.start == "2025-06" and c.organization == "江苏银行海安支行"


def test_table_repeating_the_body_is_shown_in_place_and_not_added(tmp_path):
    document = docx.Document()
    document.add_paragraph("某某银行南通分行开展“3·15”宣传活动。")
    document.add_paragraph("活动期间共发放宣传资料3000份，接待群众咨询500人次，举办讲座12场。")
    table = document.add_table(rows=4, cols=2)
    for row, (label, value) in zip(table.rows, [("项目", "数量"), ("发放宣传资料（份）", "3000"),
                                                 ("接待咨询（人次）", "500"), ("举办讲座（场）", "12")]):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("某某银行南通分行")
    document.add_paragraph("2024年3月20日")
    [c] = import_file(save(document, tmp_path))
    assert c.stats["materials"]["value"] == 3000 and c.stats["events"]["value"] == 12
    assert c.stats["consultations"]["value"] == 500
    assert any("表格" in w and "没有重复计入" in w for w in c.warnings)
    table_at = c.text.index("| 发放宣传资料（份） | 3000 |")
    assert table_at < c.text.index("2024年3月20日")  # the table stays where it stood, before the signature
    assert "| --- | --- |" in c.text


def test_table_with_new_figures_adds_them_with_the_row_as_quote(tmp_path):
    document = docx.Document()
    document.add_paragraph("某某银行南通分行开展宣传活动，发放宣传资料3000份。")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(table.rows, [("项目", "数量"), ("悬挂横幅（条）", "45"), ("受理投诉（件）", "7")]):
        row.cells[0].text, row.cells[1].text = label, value
    [c] = import_file(save(document, tmp_path))
    assert {("displays", 45), ("complaints", 7), ("materials", 3000)} <= figures(c)
    quote = next(m.quote for m in c.mentions if m.metric == "displays")
    assert quote in c.text and "45" in quote


def test_tracked_insertions_in_deletions_out(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("某某银行开展宣传，")
    paragraph._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>发放宣传折页800份</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>，发放宣传折页999份</w:delText></w:r></w:del>'))
    hidden = document.add_paragraph()
    hidden._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t>受理投诉77件</w:t></w:r>'))
    [c] = import_file(save(document, tmp_path))
    assert "发放宣传折页800份" in c.text and "999" not in c.text and "77" not in c.text
    assert ("materials", 800) in figures(c)


def test_content_controls_nested_tables_and_text_boxes_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("某某银行南通分行开展金融知识宣传。")
    body = document.element.body
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>设立咨询台6个。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    body.insert(len(body) - 1, sdt)
    inline = document.add_paragraph("另外")
    inline._p.append(parse_xml(f'<w:sdt {W}><w:sdtContent><w:r><w:t>悬挂横幅18条。</w:t></w:r></w:sdtContent></w:sdt>'))
    outer = document.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "全年受理投诉12起。"
    box = document.add_paragraph("见下框：")
    box._p.append(parse_xml(
        f'<w:r {ALL_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>举办讲座9场。</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>举办讲座9场。</w:t></w:r></w:p></w:txbxContent></v:textbox>'
        '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    [c] = import_file(save(document, tmp_path))
    assert {("outlets", 6), ("displays", 18), ("complaints", 12), ("events", 9)} <= figures(c)
    assert c.text.count("举办讲座9场") == 1  # the text box's fallback copy is not read twice


def test_what_cannot_be_read_is_named_in_the_review_notes(tmp_path):
    document = docx.Document()
    document.add_paragraph("某某银行南通分行开展宣传，发放资料200份。")
    image = tmp_path / "dot.png"
    image.write_bytes(PNG)
    document.add_picture(str(image))
    chart = document.add_paragraph()
    chart._p.append(parse_xml(
        f'<w:r {ALL_NS}><w:drawing><wp:inline><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId999"/></a:graphicData>'
        '</a:graphic></wp:inline></w:drawing></w:r>'))
    [c] = import_file(save(document, tmp_path))
    assert "这份文件里有我们读不出的内容：图片 1 处、图表 1 处。请打开原文件核对其中有没有数字或单位名称" in c.warnings


def test_a_zip_that_unpacks_too_large_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * (90 * 1024 * 1024))
    with pytest.raises(ReadError, match="超过"):
        read_source(path)
