"""Fixtures for the reports tests: templates made to order, a stand-in for the context
builders (phoihop/reports/context.py is written separately), a review, LibreOffice."""

import copy
import datetime as dt
import io
import sys
import types

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from phoihop.reports.docx import DOCX_TYPE, default_template
from phoihop.reports.samples import SAMPLE_CONTEXT


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def template_with(kind: str, *, add: tuple[str, ...] = (), replace: dict[str, str] | None = None) -> bytes:
    """The default template of `kind` with paragraphs added at the end and texts replaced
    (whole paragraph texts containing a key are set to its value)."""
    document = Document(io.BytesIO(default_template(kind)))
    for old, new in (replace or {}).items():
        for paragraph in _paragraphs(document):
            if old in paragraph.text:
                paragraph.text = new
    for text in add:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "mau-moi.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=DOCX_TYPE)


def docx_text(data: bytes) -> str:
    """Every paragraph's text, body and tables, in document order enough for assertions."""
    return "\n".join(p.text for p in _paragraphs(Document(io.BytesIO(data))))


class FakeContext(types.ModuleType):
    """Stands for phoihop.reports.context: returns the sample values, and remembers calls."""

    def __init__(self):
        super().__init__("phoihop.reports.context")
        self.calls: list[tuple] = []
        self.fail: Exception | None = None

    def _give(self, kind, *args):
        self.calls.append((kind, *args))
        if self.fail is not None:
            raise self.fail
        return copy.deepcopy(SAMPLE_CONTEXT[kind])

    def review_report_context(self, review):
        return self._give("review_report", review)

    def program_document_context(self, program):
        return self._give("program_document", program)

    def annual_report_context(self, program, year):
        return self._give("annual_report", program, year)


@pytest.fixture
def fake_context(monkeypatch):
    fake = FakeContext()
    monkeypatch.setitem(sys.modules, "phoihop.reports.context", fake)
    return fake


@pytest.fixture
def review(signed_program):
    from phoihop.reviews.models import Review

    item = Review(
        program=signed_program,
        kind="interim",
        period_start=dt.date(2021, 5, 13),
        period_end=dt.date(2024, 6, 30),
        place="Hội trường Ban Dân tộc",
    )
    item.full_clean()
    item.save()
    return item


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setattr("phoihop.reports.docx.shutil.which", lambda name: None)


@pytest.fixture
def bearer(db):
    """bearer(user) → the headers that authenticate `user` with a fresh API token ({} for
    None, the anonymous persona), as in tests/api."""
    from phoihop.accounts.services import token_create

    def make(user) -> dict:
        if user is None:
            return {}
        _, raw = token_create(user=user, name="pytest")
        return {"Authorization": f"Bearer {raw}"}

    return make
