"""Activities from a spreadsheet: the template, the 300-row story, re-import changes
nothing, an export can be imported back, and every kind of bad input is reported at its
cell with nothing written."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from phoihop.activities import services
from phoihop.activities.exporters import template_xlsx
from phoihop.activities.importer import HEADER, SHEET, FileRefused, check_table, parse_date, read_table
from phoihop.activities.models import Activity, Participation
from phoihop.reference.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COL = {name: i for i, name in enumerate(HEADER)}


def legacy_commune(code_prefix: str = "312") -> AdministrativeUnit:
    """A commune of Cần Thơ before the 2025 reform."""
    return (
        AdministrativeUnit.objects.filter(era="legacy", level="commune", parent__parent__code="92")
        .order_by("code")
        .first()
    )


def row(**cells) -> list:
    """A spreadsheet row from {header: value}."""
    out = [None] * len(HEADER)
    for header, value in cells.items():
        out[COL[header]] = value
    return out


def training(key: str, partner_agency, **extra) -> list[list]:
    """A two-day training of 45 young people: 20 Tày women, 15 Nùng men (two rows)."""
    first = row(
        **{
            "Mã dòng": key,
            "Nội dung phối hợp": "1. Tuyên truyền chính sách dân tộc",
            "Loại hoạt động": "Tập huấn, bồi dưỡng",
            "Tên hoạt động": f"Tập huấn chính sách dân tộc cho thanh niên, lớp {key}",
            "Ngày bắt đầu": dt.date(2024, 3, 12),
            "Ngày kết thúc": dt.date(2024, 3, 13),
            "Đơn vị tổ chức": partner_agency.name,
            "Xã, phường": f"{legacy_commune().name} (cũ, {legacy_commune().code})",
            "Tổng số người tham gia": 45,
            "Kinh phí (đồng)": 35_000_000,
            "Nguồn kinh phí": "Chương trình MTQG 1719",
            "Dân tộc": "Tày",
            "Giới tính": "Nữ",
            "Độ tuổi": "16–30 tuổi",
            "Số người": 20,
            "Kết quả định lượng": "Học viên",
            "Số lượng": 45,
            "Đơn vị tính": "người",
        }
    )
    second = row(
        **{"Mã dòng": key, "Dân tộc": "Nùng", "Giới tính": "Nam", "Độ tuổi": "16–30 tuổi", "Số người": 15}
    )
    rows = [first, second]
    for header, value in extra.items():
        rows[0][COL[header]] = value
    return rows


def xlsx(
    rows: list[list], *, header=HEADER, title=SHEET, merge: str | None = None, formula: str | None = None
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    if header is not None:
        sheet.append(header)
    for line in rows:
        sheet.append(line)
    if merge:
        sheet.merge_cells(merge)
    if formula:
        sheet[formula] = "=SUM(K2:K3)"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "hoat-dong.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def check(content: bytes, program, user, name="hoat-dong.xlsx"):
    return check_table(read_table(upload(content, name), name=name), program=program, user=user)


def problems_of(content: bytes, program, user, name="hoat-dong.xlsx") -> list[tuple]:
    try:
        checked = check(content, program, user, name)
    except FileRefused as exc:
        return [(p.row, p.column, p.message) for p in exc.problems]
    return [(p.row, p.column, p.message) for p in checked.problems]


# --- the template ------------------------------------------------------------------------


def test_template_has_the_header_and_drop_down_lists(signed_program, partner_officer):
    _, content_type, body = template_xlsx(program=signed_program, user=partner_officer)
    assert content_type == XLSX
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == [SHEET, "Danh mục", "Hướng dẫn"]
    assert book["Danh mục"].sheet_state == "hidden"
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]] == HEADER
    rules = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert rules["C2"].startswith("'Danh mục'!$A$2")  # kinds
    lists = book["Danh mục"]
    columns = {
        lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
        for c in range(1, 9)
    }
    assert "Tập huấn, bồi dưỡng" in columns["Loại hoạt động"]
    assert columns["Đơn vị tổ chức"][:2] == [
        "Ban Dân tộc thành phố Cần Thơ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
    ]
    assert len([g for g in columns["Dân tộc"] if g]) == 54
    communes = [c for c in columns["Xã, phường"] if c]
    assert any(c.endswith(f"(cũ, {legacy_commune().code})") for c in communes)
    assert any(c.startswith("Phường Ninh Kiều (") for c in communes)


def test_csv_template_header_is_the_xlsx_header(client_as, partner_officer, signed_program):
    client = client_as(partner_officer)
    body = client.get(reverse("activities:import_template", args=[signed_program.pk, "csv"])).content
    assert next(csv.reader(io.StringIO(body.decode("utf-8").lstrip("\ufeff")))) == HEADER
    api = client.get("/api/v1/activities/import-template.csv", {"program": signed_program.pk})
    assert api.content == body
    book = load_workbook(
        io.BytesIO(
            client.get("/api/v1/activities/import-template.xlsx", {"program": signed_program.pk}).content
        )
    )
    assert [c.value for c in book[SHEET][1]] == HEADER


# --- the story -----------------------------------------------------------------------------


def fill_template(program, user, rows: list[list]) -> bytes:
    """The officer's way: download the template, fill its sheet, save."""
    _, _, body = template_xlsx(program=program, user=user)
    book = load_workbook(io.BytesIO(body))
    for line in rows:
        book[SHEET].append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_three_hundred_rows_from_the_template_through_the_page(
    client_as, partner_officer, partner_agency, signed_program
):
    rows = [r for n in range(150) for r in training(f"HD-{n:03d}", partner_agency)]
    content = fill_template(signed_program, partner_officer, rows)
    client = client_as(partner_officer)
    url = reverse("activities:import", args=[signed_program.pk])
    preview = client.post(url, {"file": upload(content)})
    assert preview.status_code == 200, preview.context.get("problems")
    assert preview.context["counts"] == {"created": 150, "updated": 0, "unchanged": 0}
    assert preview.context["checked"].rows == 300
    assert Activity.objects.count() == 0  # the preview writes nothing
    token = preview.context["token"]
    done = client.post(reverse("activities:import_confirm", args=[signed_program.pk, token]))
    assert done.status_code == 302
    assert Activity.objects.filter(program=signed_program, status="draft").count() == 150
    first = Activity.objects.get(external_key="HD-000")
    assert (first.total_participants, first.budget_vnd, first.funding_source) == (45, 35_000_000, "ntp_1719")
    assert sorted(first.participation.values_list("ethnic_group__name", "sex", "age_band", "count")) == [
        ("Nùng", "male", "youth_16_30", 15),
        ("Tày", "female", "youth_16_30", 20),
    ]
    assert first.localities.get().unit == legacy_commune()
    assert list(first.outputs.values_list("name", "unit")) == [("Học viên", "người")]
    assert first.history.first().history_change_reason == "Nhập từ tệp"
    assert first.history.first().history_user == partner_officer
    # The waiting file is gone and the token cannot be used twice.
    again = client.post(reverse("activities:import_confirm", args=[signed_program.pk, token]))
    assert again.status_code == 404

    # The same file again: nothing new, nothing changed.
    preview = client.post(url, {"file": upload(content)})
    assert preview.context["counts"] == {"created": 0, "updated": 0, "unchanged": 150}
    client.post(reverse("activities:import_confirm", args=[signed_program.pk, preview.context["token"]]))
    assert Activity.objects.count() == 150 and Participation.objects.count() == 300


def test_a_changed_row_updates_its_activity_and_submit_sends_them(
    partner_officer, partner_agency, signed_program, lead_officer
):
    content = xlsx(training("HD-1", partner_agency) + training("HD-2", partner_agency))
    services.activity_import(
        program=signed_program,
        items=check(content, signed_program, partner_officer).items,
        by=partner_officer,
    )
    changed = xlsx(
        training("HD-1", partner_agency, **{"Tổng số người tham gia": 50}) + training("HD-2", partner_agency)
    )
    checked = check(changed, signed_program, partner_officer)
    assert checked.counts() == {"created": 0, "updated": 1, "unchanged": 1}
    counts = services.activity_import(
        program=signed_program, items=checked.items, by=partner_officer, submit=True
    )
    assert counts == {"created": 0, "updated": 1, "unchanged": 1, "submitted": 2}
    assert Activity.objects.get(external_key="HD-1").total_participants == 50
    assert set(Activity.objects.values_list("status", flat=True)) == {"submitted"}
    # Accepted, the activity can no longer change through a file; the same content still imports.
    services.activity_accept(activity=Activity.objects.get(external_key="HD-1"), by=lead_officer)
    assert check(changed, signed_program, partner_officer).problems == []
    refused = problems_of(
        xlsx(training("HD-1", partner_agency, **{"Tổng số người tham gia": 55})),
        signed_program,
        partner_officer,
    )
    assert refused == [
        (
            2,
            "A",
            "Hoạt động mã «HD-1» đã xác nhận; không sửa được qua tệp (chỉ sửa khi còn nháp hoặc bị trả lại).",
        )
    ]


def test_an_export_imports_back_unchanged(
    client_as, lead_officer, partner_officer, signed_program, activity_data
):
    recorded = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    client = client_as(lead_officer)
    exported = client.get(reverse("activities:list", args=[signed_program.pk]), {"format": "xlsx"})
    body = b"".join(exported.streaming_content)
    sheet = load_workbook(io.BytesIO(body))[SHEET]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADER
    assert values[1][0] == f"phoihop-{recorded.pk}"
    checked = check(body, signed_program, lead_officer)
    assert checked.problems == []
    # The «phoihop-<id>» key finds the activity; its only change is to keep that key.
    assert checked.counts() == {"created": 0, "updated": 1, "unchanged": 0}
    services.activity_import(program=signed_program, items=checked.items, by=lead_officer)
    recorded.refresh_from_db()
    assert recorded.external_key == f"phoihop-{recorded.pk}"
    assert check(body, signed_program, lead_officer).counts() == {"created": 0, "updated": 0, "unchanged": 1}
    # The CSV export imports back the same way.
    csv_body = b"".join(
        client.get(reverse("activities:list", args=[signed_program.pk]), {"format": "csv"}).streaming_content
    )
    assert check(csv_body, signed_program, lead_officer, name="x.csv").counts()["unchanged"] == 1


def test_numbers_and_dates_as_officers_write_them(partner_officer, partner_agency, signed_program):
    rows = training(
        "A",
        partner_agency,
        **{
            "Tổng số người tham gia": "1.234",
            "Kinh phí (đồng)": "35,000,000",
            "Ngày bắt đầu": "13/5/2021",
            "Ngày kết thúc": "13-05-2021",
        },
    ) + training(
        "B",
        partner_agency,
        **{"Tổng số người tham gia": "1,234", "Ngày bắt đầu": 44329, "Ngày kết thúc": None},
    )
    checked = check(xlsx(rows), signed_program, partner_officer)
    assert checked.problems == []
    a, b = checked.items
    assert (a.data.total_participants, a.data.budget_vnd, a.data.start_date, a.data.end_date) == (
        1234,
        35_000_000,
        dt.date(2021, 5, 13),
        dt.date(2021, 5, 13),
    )
    assert (b.data.total_participants, b.data.start_date, b.data.end_date) == (
        1234,
        dt.date(2021, 5, 13),
        dt.date(2021, 5, 13),
    )


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("13/5/2021", dt.date(2021, 5, 13)),
        ("13-05-2021", dt.date(2021, 5, 13)),
        ("2021-05-13", dt.date(2021, 5, 13)),
        (44329, dt.date(2021, 5, 13)),
        ("44329", dt.date(2021, 5, 13)),
        (dt.datetime(2021, 5, 13, 8, 30), dt.date(2021, 5, 13)),
    ],
)
def test_dates(value, day):
    assert parse_date(value) == day


# --- bad input: each reported at its cell, nothing written ------------------------------------


def assert_refused(content, program, user, expected: list[tuple], name="hoat-dong.xlsx"):
    before = (Activity.objects.count(), Participation.objects.count())
    assert problems_of(content, program, user, name) == expected
    assert (Activity.objects.count(), Participation.objects.count()) == before


def test_participation_over_the_total(partner_officer, partner_agency, signed_program):
    rows = training("HD-1", partner_agency, **{"Tổng số người tham gia": 30})
    assert_refused(
        xlsx(rows),
        signed_program,
        partner_officer,
        [(2, "S", "Cộng các dòng người tham gia (35) lớn hơn tổng số người tham gia (30).")],
    )


def test_negative_counts(partner_officer, partner_agency, signed_program):
    rows = training("HD-1", partner_agency)
    rows[1][COL["Số người"]] = -15
    rows[0][COL["Tổng số người tham gia"]] = "-45"
    assert_refused(
        xlsx(rows),
        signed_program,
        partner_officer,
        [(2, "K", "Tổng số người tham gia không được âm."), (3, "S", "Số người không được âm.")],
    )


def test_end_before_start_and_outside_the_phase(partner_officer, partner_agency, signed_program):
    rows = training("HD-1", partner_agency, **{"Ngày kết thúc": dt.date(2024, 3, 1)}) + training(
        "HD-2", partner_agency, **{"Ngày bắt đầu": dt.date(2019, 3, 1), "Ngày kết thúc": dt.date(2019, 3, 1)}
    )
    assert_refused(
        xlsx(rows),
        signed_program,
        partner_officer,
        [
            (2, "F", "Ngày kết thúc không được trước ngày bắt đầu."),
            (4, "E", "Hoạt động nằm ngoài giai đoạn của chương trình (2021–2025)."),
        ],
    )


def test_a_commune_that_did_not_exist_on_the_day(partner_officer, partner_agency, signed_program):
    rows = training(
        "HD-1", partner_agency, **{"Ngày bắt đầu": dt.date(2025, 9, 1), "Ngày kết thúc": dt.date(2025, 9, 1)}
    )
    (problem,) = problems_of(xlsx(rows), signed_program, partner_officer)
    assert problem[:2] == (2, "I")
    assert problem[2].startswith(
        f"«{legacy_commune().name} (cũ, {legacy_commune().code})» là xã/phường trước 01/07/2025"
    )


def test_unknown_ethnic_group_suggests_the_closest(partner_officer, partner_agency, signed_program):
    rows = training("HD-1", partner_agency, **{"Dân tộc": "tay"})
    rows[1][COL["Dân tộc"]] = "Nùngg"
    assert_refused(
        xlsx(rows),
        signed_program,
        partner_officer,
        [
            (2, "P", "Không có dân tộc «tay». Có phải «Tày»?"),
            (3, "P", "Không có dân tộc «Nùngg». Có phải «Nùng»?"),
        ],
    )


def test_formulas_are_refused(partner_officer, partner_agency, signed_program):
    assert_refused(
        xlsx(training("HD-1", partner_agency), formula="K2"),
        signed_program,
        partner_officer,
        [(2, "K", "Ô có công thức: chép rồi «Dán đặc biệt → Giá trị» để chỉ còn số liệu, rồi tải lên lại.")],
    )


def test_merged_cells_are_refused(partner_officer, partner_agency, signed_program):
    (problem,) = problems_of(
        xlsx(training("HD-1", partner_agency), merge="A2:A3"), signed_program, partner_officer
    )
    assert problem[0] is None and "có ô gộp (A2:A3)" in problem[2]


def test_empty_and_wrong_sheets(partner_officer, partner_agency, signed_program):
    assert_refused(
        xlsx([]),
        signed_program,
        partner_officer,
        [(None, "", "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).")],
    )
    (problem,) = problems_of(
        xlsx([["a", "b"]], header=["Họ tên", "Ngày"], title="Sheet1"), signed_program, partner_officer
    )
    assert problem[2].startswith("Không thấy trang «Hoạt động» (các trang có: Sheet1)")
    (problem,) = problems_of(xlsx([], header=None), signed_program, partner_officer)
    assert problem[2] in (
        "Trang «Hoạt động» trống.",
        "Dòng tiêu đề không khớp tệp mẫu: thiếu cột «Mã dòng», «Loại hoạt động», «Tên hoạt động», «Ngày bắt đầu». Dùng tệp mẫu tải từ hệ thống và giữ nguyên dòng đầu.",
    )


def test_an_xls_renamed_xlsx(partner_officer, signed_program):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert_refused(
        ole2,
        signed_program,
        partner_officer,
        [
            (
                None,
                "",
                "Tệp là bảng tính Excel 97–2003 (.xls) dù tên là «hoat-dong.xlsx»: mở bằng Excel, chọn «Lưu thành» → "
                "«Sổ làm việc Excel (.xlsx)» rồi tải lên lại.",
            )
        ],
    )


def test_a_word_file_renamed_xlsx(partner_officer, signed_program):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert problems_of(out.getvalue(), signed_program, partner_officer) == [
        (None, "", "Tệp không phải bảng tính .xlsx (có thể là tệp Word hoặc tệp nén khác).")
    ]


def test_a_50_mb_file_is_refused_before_reading(client_as, partner_officer, signed_program):
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"0" * (50 * 1024 * 1024), content_type=XLSX)
    with pytest.raises(FileRefused) as caught:
        read_table(big, name="lon.xlsx")
    assert caught.value.problems[0].message == "Tệp quá lớn (50 MB): tối đa 20 MB. Chia tệp thành nhiều phần."


def test_a_partner_cannot_import_another_agencys_activity(partner_officer, lead_agency, signed_program):
    rows = training("HD-1", lead_agency)
    assert_refused(
        xlsx(rows),
        signed_program,
        partner_officer,
        [(2, "G", "Bạn chỉ nhập được hoạt động của cơ quan mình.")],
    )


def test_continuation_rows_carry_only_details(partner_officer, partner_agency, signed_program):
    rows = training("HD-1", partner_agency)
    rows[1][COL["Tên hoạt động"]] = "Một tên khác"
    assert_refused(
        xlsx(rows),
        signed_program,
        partner_officer,
        [
            (
                3,
                "D",
                "Dòng tiếp theo của mã «HD-1» chỉ ghi dân tộc, giới tính, độ tuổi, số người hoặc kết quả; thông tin hoạt động ghi ở dòng 2.",
            )
        ],
    )


def test_csv_with_semicolons_and_a_failed_import_writes_nothing(
    client_as, partner_officer, partner_agency, signed_program
):
    lines = [";".join(HEADER)]
    for r in training("HD-1", partner_agency) + training(
        "HD-2", partner_agency, **{"Loại hoạt động": "Họp chợ"}
    ):
        lines.append(
            ";".join(
                "" if v is None else (v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v)) for v in r
            )
        )
    content = ("\ufeff" + "\n".join(lines)).encode("utf-8")
    response = client_as(partner_officer).post(
        reverse("activities:import", args=[signed_program.pk]), {"file": upload(content, "hd.csv")}
    )
    assert response.status_code == 400
    problems = response.context["problems"]
    assert [(p.row, p.column, p.message) for p in problems] == [
        (
            4,
            "C",
            "Loại hoạt động «Họp chợ» không có trong danh mục (Tuyên truyền, phổ biến; Tập huấn, bồi dưỡng; Hỗ trợ mô hình kinh tế; Hỗ trợ giảm nghèo; Phong trào thi đua; Giao lưu, gặp mặt; Biểu dương, khen thưởng; Kiểm tra, giám sát; Đào tạo cán bộ; Bảo tồn văn hóa; Hội nghị; Khác).",
        )
    ]
    assert "Dòng" in response.content.decode() and not Activity.objects.exists()
    # A CSV that is not UTF-8 (Excel's «CSV» in a Vietnamese Windows) gets told how to save it.
    latin = ",".join(HEADER).encode("cp1258", errors="replace") + b"\n\xe0\xe8"
    assert problems_of(latin, signed_program, partner_officer, name="hd.csv") == [
        (
            None,
            "",
            "Tệp CSV không mã hóa UTF-8: trong Excel chọn «Lưu thành» → «CSV UTF-8 (Comma delimited)».",
        )
    ]
