"""The default templates: layout per Decree 30, filling with the sample values, empty lists,
escaping, PDF conversion."""

import copy
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from phoihop.reports import docx as d
from phoihop.reports.samples import SAMPLE_CONTEXT
from tests.reports.conftest import docx_text

KINDS = list(d.KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_default_template_fills_with_the_sample_values(kind):
    context = SAMPLE_CONTEXT[kind]

    text = docx_text(d.render(d.default_template(kind), context))

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert f"Số: {context['so_ky_hieu']}" in text
    assert context["dia_danh_ngay"] in text
    assert context["trich_yeu"] in text
    assert "Nơi nhận:" in text
    assert context["noi_nhan"][-1] in text
    signers = (
        [b["nguoi_ky"] for b in context["cac_ben"]] if kind == "program_document" else [context["nguoi_ky"]]
    )
    for name in signers:
        assert name in text
    assert "{{" not in text and "{%" not in text


def test_review_report_has_its_sections_and_table_rows_in_order():
    context = SAMPLE_CONTEXT["review_report"]

    text = docx_text(d.render(d.default_template("review_report"), context))

    headings = [
        "I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert (
        "đã tổ chức 1.284 hoạt động với 86.517 lượt người tham gia; tổng kinh phí thực hiện 4.365.200.000 đồng"
        in text
    )
    assert "Hội nghị được tổ chức ngày 15/7/2024 tại Hội trường Ban Dân tộc tỉnh" in text
    for row in context["theo_dan_toc"]:
        assert row["ten"] in text and row["nguoi_tham_gia"] in text
    assert context["ket_luan"][1]["noi_dung"] in text
    assert "Quá hạn" in text  # viec_ton_dong


def test_review_report_table_has_one_row_per_item_and_a_bold_header():
    document = Document(
        io.BytesIO(d.render(d.default_template("review_report"), SAMPLE_CONTEXT["review_report"]))
    )
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "STT" and "Dân tộc" in t.rows[0].cells[1].text
    )

    assert [row.cells[1].text for row in table.rows] == ["Dân tộc", "Tày", "Nùng", "Dao", "Sán Chay", "Kinh"]
    assert all(run.bold for run in table.rows[0].cells[1].paragraphs[0].runs)
    number = table.rows[1].cells[2].paragraphs[0]
    assert number.alignment == d_align("RIGHT") and number.text == "31.420"
    assert table.style.name == "Table Grid"


def d_align(name):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return getattr(WD_ALIGN_PARAGRAPH, name)


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_a4_with_decree_30_margins_and_times_new_roman(kind):
    document = Document(io.BytesIO(d.default_template(kind)))
    section = document.sections[0]

    def mm(length):  # stored in twentieths of a point: 210 mm is 11906 twips
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert fonts.get(qn("w:asciiTheme")) is None
    assert mm(normal.paragraph_format.first_line_indent) == 12.7
    assert normal.paragraph_format.space_after == Pt(6)
    assert normal.paragraph_format.alignment == d_align("JUSTIFY")


def test_header_runs_have_the_decree_formats():
    document = Document(io.BytesIO(d.default_template("review_report")))
    left, right = document.tables[0].rows[0].cells
    runs = {run.text: run for cell in (left, right) for p in cell.paragraphs for run in p.runs}

    parent, issuer = runs["{{ co_quan_chu_quan }}"], runs["{{ co_quan_ban_hanh }}"]
    assert (parent.font.all_caps, parent.bold, parent.font.size) == (True, None, Pt(13))
    assert (issuer.font.all_caps, issuer.bold, issuer.font.size) == (True, True, Pt(13))
    assert runs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].bold
    assert runs["Độc lập - Tự do - Hạnh phúc"].bold
    date = document.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert (date.text, date.italic) == ("{{ dia_danh_ngay }}", True)
    # The short rules are paragraphs with a top border.
    borders = [
        p
        for cell in (left, right)
        for p in cell.paragraphs
        if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None
    ]
    assert len(borders) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_empty_lists_render_cleanly(kind):
    context = copy.deepcopy(SAMPLE_CONTEXT[kind])
    for key, value in context.items():
        if isinstance(value, list) and key not in ("noi_nhan", "cac_ben"):
            context[key] = []

    text = docx_text(d.render(d.default_template(kind), context))

    assert "{{" not in text and "{%" not in text
    if kind != "program_document":
        assert "Không có số liệu." in text
        assert "Không có." in text


def test_data_with_ampersand_and_angle_brackets_stays_text():
    context = copy.deepcopy(SAMPLE_CONTEXT["review_report"])
    context["chu_tri"] = "ông A & bà <B>"

    text = docx_text(d.render(d.default_template("review_report"), context))

    assert "do ông A & bà <B> chủ trì" in text


def test_pdf_conversion_gives_a_pdf(libreoffice):
    filled = d.render(d.default_template("review_report"), SAMPLE_CONTEXT["review_report"])

    pdf = d.to_pdf(filled)

    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000


def test_pdf_without_libreoffice_says_so(no_libreoffice):
    assert d.libreoffice_path() is None
    with pytest.raises(d.PdfError, match="Máy chủ chưa cài LibreOffice nên không tạo được PDF."):
        d.to_pdf(b"x")
