"""Activities out: the filtered list as CSV or XLSX (streamed, flat memory), and the
spreadsheet template officers fill in. Both use the importer's columns, so an exported
file can be edited and imported again: activities that had no «Mã dòng» are exported as
«phoihop-<id>» and matched back by it."""

import io

from phoihop.activities.forms import CommuneResolver
from phoihop.activities.importer import COLUMNS, HEADER, LISTS_SHEET, MAX_ROWS, SHEET, column_letter
from phoihop.activities.models import AgeBand, FundingSource, Kind, Sex
from phoihop.core.exporters import CSV_TYPE, XLSX_TYPE, Exporter, csv_stream
from phoihop.reference.models import CODE_SYSTEM_121, EthnicGroup

CHUNK = 2000


def export_key(activity) -> str:
    return activity.external_key or f"phoihop-{activity.pk}"


class ActivityExporter(Exporter):
    """One row per activity, and one more for each further participation line or output
    (the importer's continuation rows)."""

    title = SHEET
    columns = [(c.header, c.width) for c in COLUMNS]

    def __init__(self, *, activities, filename: str):
        self.activities = activities
        self.filename = filename
        self.written = 0  # rows produced so far (activities and their further rows)
        self.activities_written = 0

    def rows(self):
        kinds, sexes, bands = dict(Kind.choices), dict(Sex.choices), dict(AgeBand.choices)
        funding = dict(FundingSource.choices)
        for activity in self.activities.iterator(chunk_size=CHUNK):
            self.activities_written += 1
            key = export_key(activity)
            places = sorted(activity.localities.all(), key=lambda p: (p.unit_id is None, p.pk))
            people = sorted(activity.participation.all(), key=lambda r: r.pk)
            outputs = sorted(activity.outputs.all(), key=lambda o: o.pk)
            area = activity.content_area
            own = [
                key,
                f"{area.number}. {area.title}" if area else "",
                kinds.get(activity.kind, activity.kind),
                activity.title,
                activity.start_date,
                activity.end_date,
                activity.organiser.name,
                "; ".join(a.name for a in sorted(activity.co_organisers.all(), key=lambda a: a.pk)),
                "; ".join(CommuneResolver.coded_label(p.unit) for p in places if p.unit),
                "; ".join(p.written for p in places).rstrip("; ") if any(p.written for p in places) else "",
                activity.total_participants,
                activity.budget_vnd,
                funding.get(activity.funding_source, ""),
                activity.funding_detail,
                activity.description,
            ]
            for i in range(max(1, len(people), len(outputs))):
                self.written += 1
                row = own if i == 0 else [key] + [None] * (len(own) - 1)
                person = people[i] if i < len(people) else None
                output = outputs[i] if i < len(outputs) else None
                yield row + [
                    person.ethnic_group.name if person and person.ethnic_group else None,
                    sexes.get(person.sex) if person else None,
                    bands.get(person.age_band) if person else None,
                    person.count if person else None,
                    output.name if output else None,
                    output.value if output else None,
                    output.unit if output else None,
                ]


def template_csv() -> tuple[str, str, bytes]:
    return "mau-nhap-hoat-dong.csv", CSV_TYPE, b"".join(csv_stream(HEADER, []))


def template_xlsx(*, program, user) -> tuple[str, str, bytes]:
    """The workbook to fill in: sheet «Hoạt động» with the header and drop-down lists
    (kinds, content areas, the program's agencies, funding sources, ethnic groups, sexes,
    age bands, communes of the program's province in both eras), «Hướng dẫn» with the
    rules, and the lists themselves on a hidden sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADER)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEF1F5")
    for i, column in enumerate(COLUMNS):
        cell = sheet.cell(row=1, column=i + 1)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(i)].width = column.width
    sheet.freeze_panes = "B2"

    communes, areas, agencies = [], [], []
    if program is not None:
        resolver = CommuneResolver(program=program, on=None)
        communes = [CommuneResolver.coded_label(u) for u in resolver.units("current")["all"]]
        if program.phase_start < 2026:
            communes += [CommuneResolver.coded_label(u) for u in resolver.units("legacy")["all"]]
        areas = [f"{a.number}. {a.title}" for a in program.content_areas.all()]
        agencies = [p.agency.name for p in program.parties.all()]
    groups = EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121).order_by("code")
    lists = {
        "kind": Kind.labels,
        "content_area": areas,
        "organiser": agencies,
        "funding_source": FundingSource.labels,
        "ethnic_group": [g.name for g in groups],
        "sex": Sex.labels,
        "age_band": AgeBand.labels,
        "communes": communes,
    }
    listed = book.create_sheet(LISTS_SHEET)
    last = MAX_ROWS + 1
    for n, (key, values) in enumerate(lists.items()):
        letter = column_letter(n)
        listed.cell(row=1, column=n + 1, value=next(c.header for c in COLUMNS if c.key == key))
        for r, value in enumerate(values, start=2):
            listed.cell(row=r, column=n + 1, value=str(value))
        if not values:
            continue
        source = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        # Several agencies or communes go in one cell separated by «;»: the list only suggests.
        strict = key not in ("communes",)
        targets = [key] + (["co_organisers"] if key == "organiser" else [])
        for target in targets:
            index = next(i for i, c in enumerate(COLUMNS) if c.key == target)
            rule = DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                showErrorMessage=strict and target != "co_organisers",
                errorTitle="Giá trị không có trong danh mục",
                error="Chọn một giá trị trong danh sách thả xuống.",
            )
            rule.add(f"{column_letter(index)}2:{column_letter(index)}{last}")
            sheet.add_data_validation(rule)
    listed.sheet_state = "hidden"

    guide = book.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    for line in _guide(program):
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)

    out = io.BytesIO()
    book.save(out)
    suffix = f"-ct{program.pk}" if program is not None else ""
    return f"mau-nhap-hoat-dong{suffix}.xlsx", XLSX_TYPE, out.getvalue()


def _guide(program) -> list[str]:
    title = f"Mẫu nhập hoạt động — {program.title}" if program else "Mẫu nhập hoạt động"
    phase = f"Giai đoạn {program.phase_start}–{program.phase_end}. " if program else ""
    return [
        title,
        f"{phase}Mỗi hoạt động ghi trên một dòng của trang «{SHEET}».",
        "",
        "• «Mã dòng»: mỗi hoạt động một mã riêng (ví dụ HD-001). Nhập lại tệp có cùng mã thì cập nhật, không tạo trùng.",
        "• Nhiều dân tộc, giới tính, độ tuổi hoặc nhiều kết quả: thêm dòng dưới, ghi cùng «Mã dòng», chỉ điền các cột "
        "Dân tộc, Giới tính, Độ tuổi, Số người, Kết quả định lượng, Số lượng, Đơn vị tính.",
        "• Cộng «Số người» các dòng của một hoạt động không được lớn hơn «Tổng số người tham gia».",
        "• Ngày ghi ngày/tháng/năm (13/05/2021). «Ngày kết thúc» để trống nếu hoạt động trong một ngày.",
        "• Số ghi 1.234 hoặc 1234; kinh phí ghi số đồng nguyên (35.000.000).",
        "• «Đơn vị tổ chức» để trống là cơ quan của người tải tệp lên. Nhiều đơn vị phối hợp, nhiều xã: cách nhau bởi dấu «;».",
        "• Xã, phường: hoạt động từ 01/07/2025 chọn xã/phường hiện hành; trước đó chọn xã cũ (ghi «cũ» trong ngoặc).",
        "• Không dùng công thức, không gộp ô. Có thể lưu thành CSV UTF-8 với cùng dòng tiêu đề.",
        "• Tệp có lỗi thì không dòng nào được nhập; hệ thống liệt kê từng ô sai (dòng, cột, lý do).",
    ]


def template(*, program, user, fmt: str) -> tuple[str, str, bytes]:
    """The template as .xlsx (with the program's lists when a program is given) or .csv."""
    return template_csv() if fmt == "csv" else template_xlsx(program=program, user=user)
