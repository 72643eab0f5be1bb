"""The building blocks of a document laid out per Decree 30/2020/NĐ-CP (Appendix I), written
with python-docx: the page, the styles, the two-column header, numbered headings, body
paragraphs, bordered tables and the signature block.

Jinja placeholders are written as plain text; docxtpl fills them. Repeated parts use docxtpl's
paragraph and row tags: a paragraph holding only `{%p for x in items %}` (or a table row whose
first cell holds `{%tr for r in rows %}`) is replaced by the Jinja tag, so the paragraphs or
rows between it and `{%p endfor %}` repeat. `{%p else %}` / `{%tr else %}` give what an empty
list shows.
"""

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH_MM = 165  # 210 - 30 - 15
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT = Mm(12.7)

LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)

# Style ids are ASCII (Word and LibreOffice both accept others, but ids appear in the XML and
# in macros); their names, shown to whoever edits the template, are Vietnamese.
HEADING_STYLE = ("DeMuc", "Đề mục")
CELL_STYLE = ("ChuTrongBang", "Chữ trong bảng")


def _fonts(rpr) -> None:
    """Times New Roman for every script, including w:eastAsia (Word uses that attribute for
    some Vietnamese characters) and without the theme attributes, which would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")


# Children that follow w:pBdr in w:pPr, and w:tblBorders / w:tblCellMar in w:tblPr: Word
# refuses a file whose elements are out of the schema's order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_TBLCELLMAR)


def _border(paragraph, side: str, size: int = 6) -> None:
    """A single line on one side of a paragraph (size in eighths of a point)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)


class Builder:
    """One document being built. `content()` returns the .docx bytes."""

    def __init__(self):
        self.doc = Document()
        self._page()
        self._styles()
        self._page_numbers()

    def content(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # --- page and styles ---------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE
        section.top_margin = MARGINS["top"]
        section.bottom_margin = MARGINS["bottom"]
        section.left_margin = MARGINS["left"]
        section.right_margin = MARGINS["right"]
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(rpr)
        _lang(rpr)

        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        _fonts(normal.element.get_or_add_rPr())
        fmt = normal.paragraph_format
        fmt.alignment = JUSTIFY
        fmt.first_line_indent = FIRST_LINE_INDENT
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.0
        fmt.widow_control = True

        style_id, name = HEADING_STYLE
        heading = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        heading.style_id = style_id
        heading.base_style = normal
        heading.font.bold = True
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(6)

        style_id, name = CELL_STYLE
        cell = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell.style_id = style_id
        cell.base_style = normal
        cell.font.size = Pt(TABLE_PT)
        cell.paragraph_format.alignment = LEFT
        cell.paragraph_format.first_line_indent = Mm(0)
        cell.paragraph_format.space_before = Pt(2)
        cell.paragraph_format.space_after = Pt(2)

    def _page_numbers(self) -> None:
        """Page numbers centred in the top margin from the second page on (Decree 30,
        Appendix I, item 11)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        self._format(paragraph, align=CENTER, indent=0, after=0)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    # --- paragraphs ------------------------------------------------------------------------

    @staticmethod
    def _format(paragraph, *, align=None, indent=None, before=None, after=None) -> None:
        fmt = paragraph.paragraph_format
        if align is not None:
            fmt.alignment = align
        if indent is not None:
            fmt.first_line_indent = Mm(indent)
        if before is not None:
            fmt.space_before = Pt(before)
        if after is not None:
            fmt.space_after = Pt(after)

    def line(
        self,
        text: str = "",
        *,
        container=None,
        bold=False,
        italic=False,
        caps=False,
        size=None,
        align=None,
        indent=None,
        before=None,
        after=None,
        style=None,
    ):
        """One paragraph with one run of text in the body or in a table cell."""
        target = container if container is not None else self.doc
        if container is not None and len(container.paragraphs) == 1 and not container.paragraphs[0].text:
            paragraph = container.paragraphs[0]  # a new cell holds one empty paragraph
            if style:
                paragraph.style = self.doc.styles[style]
        else:
            paragraph = target.add_paragraph(style=style)
        self._format(paragraph, align=align, indent=indent, before=before, after=after)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            run.font.all_caps = caps or None
            if size is not None:
                run.font.size = Pt(size)
        return paragraph

    def tag(self, text: str, container=None) -> None:
        """A paragraph that only holds a docxtpl tag ({%p …%}); it disappears when filled."""
        self.line(text, container=container, after=0)

    def rule(self, container, *, width_mm: float, box_mm: float, after: float = 0) -> None:
        """A short centred horizontal line: an empty paragraph with a top border, narrowed by
        indents to `width_mm` inside a box `box_mm` wide."""
        paragraph = self.line("", container=container, align=CENTER, indent=0, before=3, after=after)
        side = Mm(max((box_mm - width_mm) / 2, 0))
        paragraph.paragraph_format.left_indent = side
        paragraph.paragraph_format.right_indent = side
        paragraph.paragraph_format.line_spacing = Pt(2)
        _border(paragraph, "top")

    def heading(self, text: str) -> None:
        self.line(text, style=HEADING_STYLE[1])

    def para(self, text: str, **kwargs) -> None:
        self.line(text, **kwargs)

    def paragraphs(self, name: str, empty: str = "Không có.", *, prefix: str = "") -> None:
        """Each string of the list `name` as a body paragraph; `empty` when the list is."""
        self.tag(f"{{%p for doan in {name} %}}")
        self.para(f"{prefix}{{{{ doan }}}}")
        self.tag("{%p else %}")
        self.para(empty)
        self.tag("{%p endfor %}")

    # --- tables ------------------------------------------------------------------------------

    @staticmethod
    def _widths(table, widths_mm: list[float]) -> None:
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)

    @staticmethod
    def _no_borders(table) -> None:
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = OxmlElement(f"w:{side}")
            line.set(qn("w:val"), "nil")
            borders.append(line)
        tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)

    @staticmethod
    def _cell_margins(table, left_mm: float, right_mm: float) -> None:
        tbl_pr = table._tbl.tblPr
        margins = OxmlElement("w:tblCellMar")
        for side, mm in (("left", left_mm), ("right", right_mm)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(int(mm * 56.7)))  # twentieths of a point per millimetre
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.insert_element_before(margins, *_AFTER_TBLCELLMAR)

    def layout_table(self, rows: int, widths_mm: list[float]):
        """A borderless table used for layout (header, signature)."""
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._no_borders(table)
        self._cell_margins(table, 0, 0)
        self._widths(table, widths_mm)
        for row in table.rows:  # a signature block is never split across two pages
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        return table

    def data_table(self, name: str, columns: list[tuple[str, str, float, str]], empty: str) -> None:
        """A bordered table over the list `name`: columns are (header, field of the row, or
        "=expression", width in mm, "l"|"c"|"r"). Header row bold and repeated on each page; numbers right-aligned; one
        merged row saying `empty` when the list is."""
        align = {"l": LEFT, "c": CENTER, "r": RIGHT}
        table = self.doc.add_table(rows=5, cols=len(columns))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._widths(table, [width for _, _, width, _ in columns])
        head, loop, row, other, end = table.rows
        header_pr = head._tr.get_or_add_trPr()
        header_pr.append(OxmlElement("w:tblHeader"))
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
        for index, (title, field, _, how) in enumerate(columns):
            top = head.cells[index]
            self.line(title, container=top, bold=True, align=CENTER, style=CELL_STYLE[1])
            top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            value = field[1:] if field.startswith("=") else f"r.{field}"
            self.line(f"{{{{ {value} }}}}", container=row.cells[index], align=align[how], style=CELL_STYLE[1])
        self.line(f"{{%tr for r in {name} %}}", container=loop.cells[0], style=CELL_STYLE[1])
        self.line("{%tr else %}", container=other.cells[0], style=CELL_STYLE[1])
        self.line("{%tr endfor %}", container=end.cells[0], style=CELL_STYLE[1])
        # The "else" row is the one after the tag row: build it by inserting a merged row.
        empty_row = table.add_row()
        merged = empty_row.cells[0].merge(empty_row.cells[-1])
        self.line(empty, container=merged, italic=True, align=CENTER, style=CELL_STYLE[1])
        end._tr.addprevious(empty_row._tr)
        self.para("", after=0)

    # --- the standard parts ------------------------------------------------------------------

    def header(self) -> None:
        """The two-column header: agencies and number on the left; the national name, motto
        and place-date line on the right, each group centred in its column."""
        # 170 mm, centred: 2.5 mm into each margin, so that "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        # holds on one line at 12 pt, as in the Decree's samples.
        left, right = 74, 96
        table = self.layout_table(2, [left, right])
        top_left, top_right = table.rows[0].cells
        # Without a parent agency the issuing agency takes the first line (Decree 30).
        self.tag("{%p if co_quan_chu_quan %}", container=top_left)
        self.line(
            "{{ co_quan_chu_quan }}", container=top_left, caps=True, size=13, align=CENTER, indent=0, after=0
        )
        self.tag("{%p endif %}", container=top_left)
        self.line(
            "{{ co_quan_ban_hanh }}",
            container=top_left,
            bold=True,
            caps=True,
            size=13,
            align=CENTER,
            indent=0,
            after=0,
        )
        self.rule(top_left, width_mm=25, box_mm=left)
        self.line(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            container=top_right,
            bold=True,
            size=12,
            align=CENTER,
            indent=0,
            after=0,
        )
        self.line(
            "Độc lập - Tự do - Hạnh phúc",
            container=top_right,
            bold=True,
            size=13,
            align=CENTER,
            indent=0,
            after=0,
        )
        self.rule(top_right, width_mm=58, box_mm=right)
        bottom_left, bottom_right = table.rows[1].cells
        self.line(
            "Số: {{ so_ky_hieu }}", container=bottom_left, size=13, align=CENTER, indent=0, before=6, after=0
        )
        self.line(
            "{{ dia_danh_ngay }}",
            container=bottom_right,
            italic=True,
            size=14,
            align=CENTER,
            indent=0,
            before=6,
            after=0,
        )

    def title(self) -> None:
        self.line("{{ tieu_de }}", bold=True, size=14, align=CENTER, indent=0, before=18, after=0)
        self.line("{{ trich_yeu }}", bold=True, size=14, align=CENTER, indent=0, after=0)
        self.rule(None, width_mm=45, box_mm=TEXT_WIDTH_MM, after=12)

    def _recipients(self, cell) -> None:
        self.line(
            "Nơi nhận:",
            container=cell,
            bold=True,
            italic=True,
            size=12,
            align=LEFT,
            indent=0,
            before=12,
            after=0,
        )
        self.tag("{%p for noi in noi_nhan %}", container=cell)
        self.line("{{ noi }}", container=cell, size=11, align=LEFT, indent=0, after=0)
        self.tag("{%p endfor %}", container=cell)

    def signature(self) -> None:
        """Recipients on the left; authority, title, room to sign and name on the right."""
        table = self.layout_table(1, [80, TEXT_WIDTH_MM - 80])
        left, right = table.rows[0].cells
        self._recipients(left)
        self.tag("{%p if quyen_han_ky %}", container=right)
        self._signer_heading("{{ quyen_han_ky }}", right, size=14)
        self.tag("{%p endif %}", container=right)
        self._signer("{{ chuc_vu_ky }}", "{{ nguoi_ky }}", right, size=14)

    def _signer_heading(self, text: str, cell, *, size: int) -> None:
        """The authority (KT./TM. …) or the party's agency above a signature."""
        self.line(
            text, container=cell, bold=True, caps=True, size=size, align=CENTER, indent=0, before=12, after=0
        )

    def _signer(self, title: str, name: str, cell, *, size: int, after: int = 0) -> None:
        """The signer's title, room to sign, and the name."""
        self.line(title, container=cell, bold=True, caps=True, size=size, align=CENTER, indent=0, after=0)
        for _ in range(4):
            self.line("", container=cell, align=CENTER, indent=0, after=0)
        self.line(name, container=cell, bold=True, size=14, align=CENTER, indent=0, before=12, after=after)

    def party_signatures(self) -> None:
        """The parties of a joint program sign side by side, two to a row."""
        half = TEXT_WIDTH_MM / 2
        table = self.layout_table(3, [half, half])
        self.line("{%tr for hang in cac_ben|batch(2) %}", container=table.rows[0].cells[0])
        self.line("{%tr endfor %}", container=table.rows[2].cells[0])
        for index, cell in enumerate(table.rows[1].cells):
            item = f"hang[{index}]"
            if index:
                self.tag("{%p if hang|length > 1 %}", container=cell)
            self._signer_heading(f"{{{{ {item}.co_quan }}}}", cell, size=13)
            self._signer(f"{{{{ {item}.chuc_vu }}}}", f"{{{{ {item}.nguoi_ky }}}}", cell, size=13, after=12)
            if index:
                self.tag("{%p endif %}", container=cell)
        recipients = self.layout_table(1, [80, TEXT_WIDTH_MM - 80])
        self._recipients(recipients.rows[0].cells[0])
