"""Table exports as CSV or XLSX with flat memory, whatever the number of rows.

An exporter names its file and columns and yields its rows; `render(fmt)` gives
`(filename, content_type, content)` where content is an iterator of bytes (CSV, streamed
as it is produced) or an open file (XLSX, written row by row by openpyxl's write-only
mode into a temporary file). Views answer with `export_response`.

Cells that start with = + - @ would be read by a spreadsheet as formulas (CSV injection):
in CSV they get a leading apostrophe, as OWASP advises; in XLSX they are stored as text.
"""

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, HttpResponse, QueryDict, StreamingHttpResponse

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHUNK_ROWS = 500


class _Lines:
    """A file-like object whose write() hands back the line (the csv module writes one
    line per call)."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, bool):
        return "có" if value else "không"
    return value


def csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly; rows are
    encoded in chunks of a few hundred."""
    writer = csv.writer(_Lines())
    yield ("\ufeff" + writer.writerow(header)).encode("utf-8")
    chunk: list[str] = []
    for row in rows:
        chunk.append(writer.writerow([_csv_cell(v) for v in row]))
        if len(chunk) >= _CHUNK_ROWS:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    if chunk:
        yield "".join(chunk).encode("utf-8")


def xlsx_file(header: list[str], rows: Iterable[list], *, title: str, widths: list[int] | None = None):
    """A temporary file holding the workbook, rewound, to be streamed and then closed."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for i, width in enumerate(widths or []):
        sheet.column_dimensions[_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v, WriteOnlyCell) for v in row])
    out = tempfile.TemporaryFile(prefix="phoihop-export-")  # noqa: SIM115 - closed by the response
    book.save(out)
    out.seek(0)
    return out


def _xlsx_cell(sheet, value, cell_class):
    if isinstance(value, str) and value.startswith("="):
        cell = cell_class(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.date):
        cell = cell_class(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


class Exporter:
    """Subclasses set `filename` (without extension), `title` (the sheet's name) and
    `columns` ([(header, width)]), and implement rows()."""

    filename = "xuat"
    title = "Dữ liệu"
    columns: list[tuple[str, int]] = []

    def header(self) -> list[str]:
        return [name for name, _ in self.columns]

    def rows(self) -> Iterator[list]:
        raise NotImplementedError

    def render(self, fmt: str) -> tuple[str, str, object]:
        if fmt == "xlsx":
            widths = [width for _, width in self.columns]
            return (
                f"{self.filename}.xlsx",
                XLSX_TYPE,
                xlsx_file(self.header(), self.rows(), title=self.title, widths=widths),
            )
        return f"{self.filename}.csv", CSV_TYPE, csv_stream(self.header(), self.rows())


@dataclass(frozen=True)
class Asked:
    """A list page's query split for downloads: the ?format= asked for, the filters, and
    the filters as the start of a download link's query ("q=x&" or "")."""

    format: str
    filters: QueryDict | None
    prefix: str


def asked(request) -> Asked:
    params = request.GET.copy()
    fmt = params.pop("format", [""])[-1]
    query = params.urlencode()
    return Asked(format=fmt, filters=params or None, prefix=f"{query}&" if query else "")


def attachment(filename: str, content_type: str, body: bytes) -> HttpResponse:
    """A small file built in memory (a template), as a download."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(exporter: Exporter, fmt: str):
    filename, content_type, content = exporter.render(fmt)
    if fmt == "xlsx":
        return FileResponse(content, as_attachment=True, filename=filename, content_type=content_type)
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
