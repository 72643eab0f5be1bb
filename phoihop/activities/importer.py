"""Activities from a spreadsheet (.xlsx or .csv): reading, checking every cell, and the
template officers fill in.

One sheet, one header row (the template's). An activity takes one row; more rows with the
same «Mã dòng» (the external key) add participation lines and outputs to it, with the
activity's own cells left empty or repeated unchanged. So a training of 20 Tày women and
15 Nùng men takes two rows:

    Mã dòng | … | Tên hoạt động | … | Dân tộc | Giới tính | Độ tuổi | Số người
    HD-001  | … | Tập huấn …    | … | Tày     | Nữ        | 16–30   | 20
    HD-001  |   |               |   | Nùng    | Nam       | 16–30   | 15

Every cell is checked before anything is written; each problem is reported with its row,
column and a reason in Vietnamese, and a file with any problem imports nothing. Re-importing
a file changes nothing: rows are matched to stored activities by (organiser, «Mã dòng»).
The writing itself is `services.activity_import`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from phoihop.activities import rules
from phoihop.activities.forms import CommuneResolver, ethnic_groups
from phoihop.activities.models import Activity, AgeBand, FundingSource, Kind, Locality, Participation, Sex
from phoihop.activities.services import (
    REFORM_DATE,
    ActivityInput,
    LocalityInput,
    OutputInput,
    ParticipationInput,
    input_from_activity,
    signature,
    validate_activity,
)
from phoihop.core.numbers import NumberError, parse_decimal, parse_int
from phoihop.core.text import fold, nfc
from phoihop.programs.models import Program
from phoihop.reference.models import Era

SHEET = "Hoạt động"
LISTS_SHEET = "Danh mục"
MAX_ROWS = 200_000
EXPORT_KEY = re.compile(r"^phoihop-(\d+)$")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    detail: bool = False  # may differ between the rows of one activity


COLUMNS = [
    Column("key", "Mã dòng", 12),
    Column("content_area", "Nội dung phối hợp", 32),
    Column("kind", "Loại hoạt động", 24),
    Column("title", "Tên hoạt động", 45),
    Column("start_date", "Ngày bắt đầu", 13),
    Column("end_date", "Ngày kết thúc", 13),
    Column("organiser", "Đơn vị tổ chức", 36),
    Column("co_organisers", "Đơn vị phối hợp", 36),
    Column("communes", "Xã, phường", 32),
    Column("written", "Địa điểm ghi trong báo cáo", 30),
    Column("total_participants", "Tổng số người tham gia", 12),
    Column("budget_vnd", "Kinh phí (đồng)", 15),
    Column("funding_source", "Nguồn kinh phí", 30),
    Column("funding_detail", "Dự án, tiểu dự án", 20),
    Column("description", "Mô tả, kết quả", 40),
    Column("ethnic_group", "Dân tộc", 14, detail=True),
    Column("sex", "Giới tính", 10, detail=True),
    Column("age_band", "Độ tuổi", 14, detail=True),
    Column("count", "Số người", 10, detail=True),
    Column("output_name", "Kết quả định lượng", 26, detail=True),
    Column("output_value", "Số lượng", 10, detail=True),
    Column("output_unit", "Đơn vị tính", 12, detail=True),
]
HEADER = [c.header for c in COLUMNS]
REQUIRED = ("key", "kind", "title", "start_date")
BY_KEY = {c.key: c for c in COLUMNS}
LIST_SEPARATOR = ";"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- problems -----------------------------------------------------------------------------


@dataclass
class Problem:
    row: int | None  # the spreadsheet's row number (header = 1); None: the whole file
    column: str  # letter, "" for the whole row or file
    header: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"Dòng {self.row}" if self.row else "Tệp"
        if self.column:
            where += f", cột {self.column} ({self.header})"
        return f"{where}: {self.message}"


class FileRefused(Exception):
    """The file cannot be read at all (type, size, sheet, header)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _file_problem(message: str) -> FileRefused:
    return FileRefused([Problem(None, "", "", "", message)])


# --- reading ------------------------------------------------------------------------------


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (row number, cells)
    kind: str  # "xlsx" | "csv"


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"


def read_table(upload, *, name: str = "") -> Table:
    """The header and rows of an uploaded .xlsx or .csv, recognised by content, not name."""
    size = getattr(upload, "size", None)
    limit = settings.UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise _file_problem(
            f"Tệp quá lớn ({_mb(size)} MB): tối đa {_mb(limit)} MB. Chia tệp thành nhiều phần."
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head:
        raise _file_problem("Tệp rỗng.")
    if head.startswith(_OLE2):
        raise _file_problem(
            "Tệp là bảng tính Excel 97–2003 (.xls)"
            + (f" dù tên là «{name}»" if name.lower().endswith(".xlsx") else "")
            + ": mở bằng Excel, chọn «Lưu thành» → «Sổ làm việc Excel (.xlsx)» rồi tải lên lại."
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(upload)
    return _read_csv(upload)


def _read_csv(upload) -> Table:
    data = upload.read()
    if b"\x00" in data[:4096]:
        raise _file_problem("Không nhận ra nội dung tệp: chỉ nhận bảng tính .xlsx hoặc .csv.")
    try:
        text = codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError:
        raise _file_problem(
            "Tệp CSV không mã hóa UTF-8: trong Excel chọn «Lưu thành» → «CSV UTF-8 (Comma delimited)»."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise _file_problem(f"Tệp CSV hỏng: {exc}.") from None
    if not lines:
        raise _file_problem("Tệp rỗng.")
    # The exporter protects text that starts like a formula with an apostrophe; take it off.
    rows = [
        (i, [cell[1:] if cell[:1] == "'" and cell[1:2] in "=+-@" else cell for cell in line])
        for i, line in enumerate(lines[1:], start=2)
    ]
    return Table(header=lines[0], rows=rows, kind="csv")


def _read_xlsx(upload) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _file_problem("Tệp .xlsx bị hỏng (không mở được).") from None
    if "xl/workbook.xml" not in names:
        raise _file_problem("Tệp không phải bảng tính .xlsx (có thể là tệp Word hoặc tệp nén khác).")
    upload.seek(0)
    try:
        book = CalamineWorkbook.from_filelike(upload)
    except CalamineError as exc:
        raise _file_problem(f"Không đọc được bảng tính: {exc}.") from None
    sheets = [
        m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible
    ] or book.sheet_names
    chosen = SHEET if SHEET in book.sheet_names else None
    if chosen is None:
        for name in sheets:
            first = book.get_sheet_by_name(name).to_python(nrows=1)
            if first and _header_keys([str(c) for c in first[0]])[0]:
                chosen = name
                break
    if chosen is None:
        raise _file_problem(
            f"Không thấy trang «{SHEET}» (các trang có: {', '.join(book.sheet_names)}). "
            "Dùng tệp mẫu tải từ hệ thống."
        )
    sheet = book.get_sheet_by_name(chosen)
    merged = sheet.merged_cell_ranges or []
    if merged:
        ranges = ", ".join(
            f"{column_letter(a[1])}{a[0] + 1}:{column_letter(b[1])}{b[0] + 1}" for a, b in merged[:10]
        )
        raise FileRefused(
            [
                Problem(
                    None,
                    "",
                    "",
                    ranges,
                    f"Trang «{chosen}» có ô gộp ({ranges}): bỏ gộp ô (Merge & Center → Unmerge), "
                    "ghi giá trị vào từng ô rồi tải lên lại.",
                )
            ]
        )
    formulas = _formula_cells(archive, chosen)
    if formulas:
        raise FileRefused(
            [
                Problem(
                    int(re.sub(r"\D", "", ref)),
                    re.sub(r"\d", "", ref),
                    "",
                    "",
                    "Ô có công thức: chép rồi «Dán đặc biệt → Giá trị» để chỉ còn số liệu, rồi tải lên lại.",
                )
                for ref in formulas[:50]
            ]
        )
    # With the empty area kept, list index + 1 is the spreadsheet's row number.
    data = sheet.to_python(skip_empty_area=False)
    if not data:
        raise _file_problem(f"Trang «{chosen}» trống.")
    header = [str(c).strip() if c not in (None, "") else "" for c in data[0]]
    rows = [(i, list(line)) for i, line in enumerate(data[1:], start=2)]
    return Table(header=header, rows=rows, kind="xlsx")


_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"[^>]*>\s*<f[ >/]')


def _formula_cells(archive: zipfile.ZipFile, sheet_name: str) -> list[str]:
    """References of the cells holding a formula, read from the sheet's XML (calamine
    gives their cached values and does not say which are formulas)."""
    path = _sheet_path(archive, sheet_name)
    if path is None:
        return []
    found: list[str] = []
    tail = b""
    with archive.open(path) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            if b"<f" in data:
                found += [m.group(1).decode() for m in _FORMULA.finditer(data)]
            tail = data[-512:]
    return list(dict.fromkeys(found))


def _sheet_path(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - the workbook part of an upload, no DTDs
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError):
        return None
    rid = None
    for sheet in book.iterfind("m:sheets/m:sheet", ns):
        if sheet.get("name") == sheet_name:
            rid = sheet.get(f"{{{ns['r']}}}id")
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _header_keys(header: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Column key → index, the template columns missing, the extra columns (ignored)."""
    known = {fold(c.header): c.key for c in COLUMNS}
    index: dict[str, int] = {}
    extra = []
    for i, name in enumerate(header):
        key = known.get(fold(str(name or "")))
        if key and key not in index:
            index[key] = i
        elif str(name or "").strip():
            extra.append(str(name))
    if not all(k in index for k in REQUIRED):
        return {}, [BY_KEY[k].header for k in REQUIRED if k not in index], extra
    return index, [c.header for c in COLUMNS if c.key not in index], extra


# --- checking -----------------------------------------------------------------------------


class CellError(Exception):
    pass


def _text(value) -> str:
    if type(value) is str:
        return value.strip() if value.isascii() else nfc(value).strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def parse_date(value) -> dt.date | None:
    """A date as a spreadsheet gives it: a date cell, an Excel serial number (44329), or
    text 13/5/2021, 13-05-2021, 13.05.2021, 2021-05-13."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value)
    text = str(value).strip()
    if text.isdigit() and len(text) == 5:
        return _serial(int(text))
    match = _DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise CellError(f"Ghi năm đủ bốn chữ số: «{text}» (ví dụ 13/05/2021).")
    else:
        match = _ISO.match(text)
        if not match:
            raise CellError(f"«{text}» không phải ngày: ghi ngày/tháng/năm, ví dụ 13/05/2021.")
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"Ngày «{text}» không có thật.") from None


def _serial(number: float) -> dt.date:
    # Excel counts days from 1899-12-30 (with its 1900 leap-year bug folded in).
    if not 1 <= number < 2_958_466:
        raise CellError(f"Số {number} không phải ngày theo cách Excel đếm.")
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(number))


def parse_count(value, what: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise CellError(f"{what} phải là số.")
    if isinstance(value, int):
        if value < 0:
            raise CellError(f"{what} không được âm.")
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"{what} phải là số nguyên (đang ghi {value}).")
        if value < 0:
            raise CellError(f"{what} không được âm.")
        return int(value)
    try:
        return parse_int(str(value), what=what)
    except NumberError as exc:
        raise CellError(str(exc)) from None


def parse_amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        try:
            number = parse_decimal(str(value), what="Số lượng")
        except NumberError as exc:
            raise CellError(str(exc)) from None
    if number is not None and number < 0:
        raise CellError("Số lượng không được âm.")
    return number


def _choices(pairs) -> dict[str, str]:
    """Folded label and code → code."""
    out = {}
    for code, label in pairs:
        out[fold(label)] = code
        out[fold(code)] = code
    return out


def _closest(key: str, options: dict[str, object]) -> object | None:
    match = difflib.get_close_matches(key, list(options), n=1, cutoff=0.75)
    return options[match[0]] if match else None


class Lookups:
    """Everything a row is resolved against, read once per file."""

    def __init__(self, program: Program):
        self.program = program
        self._folded: dict[str, str] = {}
        self._areas: dict[str, object] = {}
        self._communes: dict[tuple[str, str], object] = {}
        self.areas_by_number = {a.number: a for a in program.content_areas.all()}
        self.areas_by_title = {fold(a.title): a for a in program.content_areas.all()}
        self.agencies = {fold(p.agency.name): p.agency for p in program.parties.all()}
        self.party_agencies = {p.agency_id for p in program.parties.all()}
        self.kinds = _choices(Kind.choices)
        self.funding = _choices(FundingSource.choices)
        self.sexes = _choices(Sex.choices)
        self.bands = _choices(AgeBand.choices)
        self.bands.update({fold(label.replace("–", "-")): code for code, label in AgeBand.choices})
        groups = list(ethnic_groups().values())
        # Exact names and aliases (case aside): accepted as written.
        self.groups_exact = {}
        for group in groups:
            for name in (group.name, *(group.aliases or [])):
                self.groups_exact.setdefault(nfc(name).casefold(), group)
            self.groups_exact.setdefault(group.code, group)
            self.groups_exact.setdefault(str(int(group.code)), group)
        # Folded names: only to suggest ("tay" → Tày).
        self.groups_folded = {}
        for group in groups:
            for name in (group.name, *(group.aliases or [])):
                self.groups_folded.setdefault(fold(name).replace(" ", ""), group)
        cache: dict = {}
        self.resolvers = {
            Era.LEGACY: CommuneResolver(program=program, on=REFORM_DATE - dt.timedelta(days=1), cache=cache),
            Era.CURRENT: CommuneResolver(program=program, on=REFORM_DATE, cache=cache),
        }

    def area(self, text: str):
        if text in self._areas:
            return self._areas[text]
        match = re.match(r"^\s*(\d+)\s*(?:[.)\-:]|$)", text)
        area = self.areas_by_number.get(int(match.group(1))) if match else self.areas_by_title.get(fold(text))
        if area is None:
            numbers = ", ".join(str(n) for n in sorted(self.areas_by_number))
            raise CellError(f"Chương trình không có nội dung phối hợp «{text}» (các nội dung: {numbers}).")
        self._areas[text] = area
        return area

    def commune(self, era: str, text: str):
        """The unit a commune cell names in an era, remembered (with its error) per text."""
        key = (era, text)
        if key not in self._communes:
            try:
                self._communes[key] = self.resolvers[era].resolve(text)
            except ValidationError as exc:
                self._communes[key] = CellError(exc.messages[0])
        found = self._communes[key]
        if isinstance(found, CellError):
            raise found
        return found

    def fold(self, text: str) -> str:
        """fold(), remembered: a file repeats the same few agency, kind and group names."""
        key = self._folded.get(text)
        if key is None:
            key = self._folded[text] = fold(text)
        return key

    def choice(self, table: dict[str, str], text: str, what: str, choices) -> str:
        code = table.get(self.fold(text))
        if code is None:
            labels = "; ".join(str(label) for label in choices.labels)
            raise CellError(f"{what} «{text}» không có trong danh mục ({labels}).")
        return code

    def agency(self, text: str):
        agency = self.agencies.get(self.fold(text))
        if agency is None:
            guess = _closest(fold(text), self.agencies)
            hint = f" Có phải «{guess.name}»?" if guess else ""
            raise CellError(f"«{text}» không phải bên tham gia chương trình.{hint}")
        return agency

    def group(self, text: str):
        group = self.groups_exact.get(text.casefold())
        if group is not None:
            return group
        key = fold(text).replace(" ", "")
        guess = self.groups_folded.get(key) or _closest(key, self.groups_folded)
        hint = f" Có phải «{guess.name}»?" if guess else " Chọn trong danh sách 54 dân tộc của tệp mẫu."
        raise CellError(f"Không có dân tộc «{text}».{hint}")


@dataclass
class Parsed:
    """One activity of the file: its rows, its input for the services, and what it
    becomes (created, updated, unchanged)."""

    key: str
    first_row: int
    rows: list[int]
    data: ActivityInput
    existing: Activity | None = None
    outcome: str = "created"


@dataclass
class Checked:
    items: list[Parsed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    rows: int = 0

    def counts(self) -> dict:
        out = {"created": 0, "updated": 0, "unchanged": 0}
        for item in self.items:
            out[item.outcome] += 1
        return out


def check_table(table: Table, *, program: Program, user) -> Checked:
    """Resolve and check every cell and every activity of the table (no writes)."""
    index, missing, extra = _header_keys(table.header)
    if not index:
        raise FileRefused(
            [
                Problem(
                    1,
                    "",
                    "",
                    "",
                    f"Dòng tiêu đề không khớp tệp mẫu: thiếu cột {', '.join(f'«{m}»' for m in missing)}. "
                    "Dùng tệp mẫu tải từ hệ thống và giữ nguyên dòng đầu.",
                )
            ]
        )
    rows = [(n, cells) for n, cells in table.rows if any(c not in (None, "") for c in cells)]
    if not rows:
        raise _file_problem("Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).")
    if len(rows) > MAX_ROWS:
        raise _file_problem(f"Tệp có {len(rows):,} dòng: tối đa {MAX_ROWS:,} dòng một lần.".replace(",", "."))
    result = Checked(ignored_columns=extra, missing_columns=missing, rows=len(rows))
    lookups = Lookups(program)
    may_record_for_others = bool(user.is_superuser or rules.is_lead_staff(user, program))

    groups: dict[str, list[tuple[int, list]]] = {}
    for number, cells in rows:
        key = _text(_cell(cells, index, "key"))
        if not key:
            result.problems.append(
                _problem(number, index, "key", "", "Nhập mã dòng (mỗi hoạt động một mã, ví dụ HD-001).")
            )
            continue
        if len(key) > 100:
            result.problems.append(_problem(number, index, "key", key, "Mã dòng dài quá 100 ký tự."))
            continue
        groups.setdefault(key, []).append((number, cells))

    for key, lines in groups.items():
        item = _check_activity(key, lines, index, lookups, user, may_record_for_others, result.problems)
        if item is not None:
            result.items.append(item)
    _match_existing(result, program, index, user)
    result.problems.sort(key=lambda p: (p.row or 0, p.column))
    return result


def _cell(cells: list, index: dict[str, int], key: str):
    i = index.get(key)
    return cells[i] if i is not None and i < len(cells) else None


def _problem(row: int, index: dict[str, int], key: str, value, message: str) -> Problem:
    i = index.get(key)
    return Problem(
        row,
        column_letter(i) if i is not None else "",
        BY_KEY[key].header,
        _text(value)[:200],
        message,
    )


_OWN = (
    "key",
    "content_area",
    "kind",
    "title",
    "start_date",
    "end_date",
    "organiser",
    "co_organisers",
    "communes",
    "written",
    "total_participants",
    "budget_vnd",
    "funding_source",
    "funding_detail",
    "description",
)


def _check_activity(key, lines, index, lookups: Lookups, user, for_others: bool, problems) -> Parsed | None:
    first_row, first = lines[0]
    before = len(problems)
    width = len(first)
    own = {name: first[i] if i < width else None for name, i in index.items()}

    def get(name, cells=None):
        return own.get(name) if cells is None else _cell(cells, index, name)

    def fail(row, name, value, message):
        problems.append(_problem(row, index, name, value, message))

    # The activity's own cells come from its first row; later rows leave them empty or repeat them.
    for number, cells in lines[1:]:
        for name in _OWN[1:]:
            value = _text(get(name, cells))
            if value and value != _text(get(name)):
                fail(
                    number,
                    name,
                    value,
                    f"Dòng tiếp theo của mã «{key}» chỉ ghi dân tộc, giới tính, độ tuổi, số người hoặc kết quả; thông tin hoạt động ghi ở dòng {first_row}.",
                )

    title = _text(get("title"))
    if not title:
        fail(first_row, "title", "", "Nhập tên hoạt động.")
    elif len(title) > 500:
        fail(first_row, "title", title, "Tên hoạt động dài quá 500 ký tự.")
    kind = None
    kind_text = _text(get("kind"))
    if not kind_text:
        fail(first_row, "kind", "", "Chọn loại hoạt động.")
    else:
        try:
            kind = lookups.choice(lookups.kinds, kind_text, "Loại hoạt động", Kind)
        except CellError as exc:
            fail(first_row, "kind", kind_text, str(exc))

    dates = {}
    for name in ("start_date", "end_date"):
        try:
            dates[name] = parse_date(get(name))
        except CellError as exc:
            fail(first_row, name, get(name), str(exc))
            dates[name] = False  # unreadable, already reported
    start, end = dates["start_date"] or None, dates["end_date"]
    if dates["start_date"] is None:
        fail(first_row, "start_date", "", "Nhập ngày bắt đầu.")
    end = (end or None) if end is not None else start  # an empty end date: a one-day activity

    area = None
    area_text = _text(get("content_area"))
    if area_text:
        try:
            area = lookups.area(area_text)
        except CellError as exc:
            fail(first_row, "content_area", area_text, str(exc))

    organiser = user.agency if user.agency_id else None
    organiser_text = _text(get("organiser"))
    if organiser_text:
        try:
            organiser = lookups.agency(organiser_text)
        except CellError as exc:
            fail(first_row, "organiser", organiser_text, str(exc))
            organiser = None
    if organiser is not None and not for_others and organiser.pk != user.agency_id:
        fail(first_row, "organiser", organiser_text, "Bạn chỉ nhập được hoạt động của cơ quan mình.")
    elif organiser is None and not organiser_text:
        fail(first_row, "organiser", "", "Ghi đơn vị tổ chức.")

    co = []
    for part in _split(_text(get("co_organisers"))):
        try:
            co.append(lookups.agency(part))
        except CellError as exc:
            fail(first_row, "co_organisers", part, str(exc))

    places = []
    communes = _split(_text(get("communes")))
    # Places as written pair with the communes by position, so empty ones are kept.
    written = [part.strip() for part in _text(get("written")).split(LIST_SEPARATOR)] if get("written") else []
    if start is not None:
        era = Era.LEGACY if start < REFORM_DATE else Era.CURRENT
        for commune, text in zip_longest(communes, written):
            if not commune and not text:
                continue
            unit = None
            if commune:
                try:
                    unit = lookups.commune(era, commune)
                except CellError as exc:
                    fail(first_row, "communes", commune, str(exc))
                    continue
            places.append(LocalityInput(unit=unit, written=text or ""))

    numbers = {}
    for name, what in (("total_participants", "Tổng số người tham gia"), ("budget_vnd", "Kinh phí")):
        try:
            numbers[name] = parse_count(get(name), what)
        except CellError as exc:
            fail(first_row, name, get(name), str(exc))
            numbers[name] = None

    funding = ""
    funding_text = _text(get("funding_source"))
    if funding_text:
        try:
            funding = lookups.choice(lookups.funding, funding_text, "Nguồn kinh phí", FundingSource)
        except CellError as exc:
            fail(first_row, "funding_source", funding_text, str(exc))

    participation, outputs = [], []
    for number, cells in lines:
        _detail_row(number, cells, index, lookups, participation, outputs, fail)

    if len(problems) > before:
        return None
    data = ActivityInput(
        kind=kind,
        title=title,
        start_date=start,
        end_date=end,
        organiser=organiser,
        content_area=area,
        co_organisers=co,
        total_participants=numbers["total_participants"] or 0,
        participation=participation,
        localities=places,
        budget_vnd=numbers["budget_vnd"],
        funding_source=funding,
        funding_detail=_text(get("funding_detail"))[:200],
        outputs=outputs,
        description=_text(get("description")),
    )
    try:
        validate_activity(lookups.program, data, activity=None, party_agencies=lookups.party_agencies)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = {
                "localities": "communes",
                "participation": "count",
                "outputs": "output_value",
                "program": "key",
            }.get(name, name)
            column = column if column in BY_KEY else "key"
            for message in messages:
                fail(first_row, column, _text(get(column)) if column in _OWN else "", message)
        return None
    return Parsed(key=key, first_row=first_row, rows=[n for n, _ in lines], data=data)


def _detail_row(number, cells, index, lookups: Lookups, participation, outputs, fail) -> None:
    def get(name):
        return _cell(cells, index, name)

    group_text, sex_text, band_text = _text(get("ethnic_group")), _text(get("sex")), _text(get("age_band"))
    count_value = get("count")
    if group_text or sex_text or band_text or count_value not in (None, ""):
        group = None
        sex, band = Sex.UNSPECIFIED, AgeBand.UNSPECIFIED
        ok = True
        if group_text:
            try:
                group = lookups.group(group_text)
            except CellError as exc:
                fail(number, "ethnic_group", group_text, str(exc))
                ok = False
        if sex_text:
            try:
                sex = lookups.choice(lookups.sexes, sex_text, "Giới tính", Sex)
            except CellError as exc:
                fail(number, "sex", sex_text, str(exc))
                ok = False
        if band_text:
            try:
                band = lookups.choice(lookups.bands, band_text, "Độ tuổi", AgeBand)
            except CellError as exc:
                fail(number, "age_band", band_text, str(exc))
                ok = False
        try:
            count = parse_count(count_value, "Số người")
        except CellError as exc:
            fail(number, "count", count_value, str(exc))
            ok = False
        else:
            if count is None:
                fail(number, "count", "", "Nhập số người của dòng này.")
                ok = False
        if ok:
            participation.append(ParticipationInput(count=count, ethnic_group=group, sex=sex, age_band=band))

    name, unit, value = _text(get("output_name")), _text(get("output_unit")), get("output_value")
    if name or unit or value not in (None, ""):
        try:
            amount = parse_amount(value)
        except CellError as exc:
            fail(number, "output_value", value, str(exc))
            return
        if not name:
            fail(number, "output_name", "", "Ghi tên kết quả định lượng.")
        elif not unit:
            fail(number, "output_unit", "", "Ghi đơn vị tính của kết quả.")
        elif amount is None:
            fail(number, "output_value", "", "Ghi số lượng của kết quả.")
        else:
            outputs.append(OutputInput(name=name[:120], unit=unit[:40], value=amount))


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()] if text else []


def _match_existing(result: Checked, program: Program, index, user) -> None:
    """Find the stored activity each item updates (same organiser and «Mã dòng», or the
    «phoihop-<id>» key an export gave an activity that had none) and decide what happens."""
    if not result.items:
        return
    parts = (
        Prefetch("participation", queryset=Participation.objects.select_related("ethnic_group")),
        Prefetch("localities", queryset=Locality.objects.select_related("unit")),
        "outputs",
        "co_organisers",
    )
    keys = [item.key for item in result.items]
    stored: dict[tuple[int, str], Activity] = {}
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        qs = Activity.objects.filter(program=program, external_key__in=chunk).select_related(
            "organiser", "content_area", "program"
        )
        for activity in qs.prefetch_related(*parts):
            stored[(activity.organiser_id, activity.external_key)] = activity
    by_id = {}
    ids = [int(m.group(1)) for m in (EXPORT_KEY.match(k) for k in keys) if m]
    if ids:
        qs = Activity.objects.filter(program=program, pk__in=ids, external_key="").select_related(
            "organiser", "content_area", "program"
        )
        by_id = {a.pk: a for a in qs.prefetch_related(*parts)}
    for item in result.items:
        existing = stored.get((item.data.organiser.pk, item.key))
        export = EXPORT_KEY.match(item.key)
        if existing is None and export:
            candidate = by_id.get(int(export.group(1)))
            if candidate is not None and candidate.organiser_id == item.data.organiser.pk:
                existing = candidate
        item.data.external_key = item.key
        if existing is None:
            continue
        item.existing = existing
        same = signature(input_from_activity(existing)) == signature(item.data)
        if same and existing.external_key == item.key:
            item.outcome = "unchanged"
            continue
        item.outcome = "updated"
        if same:
            continue  # only the key is new: an export's «phoihop-<id>» is kept as the activity's key
        if not rules.can_edit_activity(user, existing):
            status = existing.get_status_display().lower()
            result.problems.append(
                _problem(
                    item.first_row,
                    index,
                    "key",
                    item.key,
                    f"Hoạt động mã «{item.key}» {status}; không sửa được qua tệp (chỉ sửa khi còn nháp hoặc bị trả lại).",
                )
            )
