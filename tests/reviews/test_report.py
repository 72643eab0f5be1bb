"""The review report (.docx, .pdf): its figures are the statistics endpoint's for the
review's period, in the Decree 30 layout (national name and motto, number, place and
date, signer, recipients)."""

import datetime as dt
import io

import pytest
from docx import Document

from phoihop.activities import services as activity_services
from phoihop.core.numbers import format_number
from phoihop.reports.context import annual_report_context, review_report_context
from phoihop.reports.docx import DOCX_TYPE, PDF_TYPE
from phoihop.reviews import services
from tests.activities.conftest import group
from tests.reviews.conftest import accepted, review_input

pytestmark = pytest.mark.django_db

PERIOD = {"from": "2021-06-01", "to": "2021-11-30"}


@pytest.fixture
def reported(signed_program, lead_officer, partner_officer, lead_agency, partner_agency, activity_data):
    """Two accepted activities in June–November 2021 (a training of 1.250 young Tày and Nùng
    people by the partner, co-organised by the lead; a propaganda session of 60 Khơ-me men
    by the lead) and one accepted in 2022, outside the period; the six-month review of the
    period, its conference held on 01/12/2021, concluded."""
    area1, area2 = signed_program.content_areas.order_by("number")
    P = activity_services.ParticipationInput
    accepted(
        signed_program,
        activity_data(
            start_date=dt.date(2021, 7, 10),
            end_date=dt.date(2021, 7, 12),
            content_area=area2,
            co_organisers=[lead_agency],
            total_participants=1250,
            participation=[
                P(count=700, ethnic_group=group("02"), sex="female", age_band="youth_16_30"),
                P(count=550, ethnic_group=group("07"), sex="male", age_band="youth_16_30"),
            ],
            localities=[],
        ),
        organiser_user=partner_officer,
        lead_user=lead_officer,
    )
    accepted(
        signed_program,
        activity_data(
            kind="propaganda",
            title="Tuyên truyền pháp luật cho người có uy tín",
            start_date=dt.date(2021, 9, 15),
            end_date=dt.date(2021, 9, 15),
            organiser=lead_agency,
            content_area=area1,
            total_participants=60,
            participation=[P(count=60, ethnic_group=group("05"), sex="male", age_band="adult_31_59")],
            budget_vnd=5_000_000,
            localities=[],
        ),
        organiser_user=lead_officer,
        lead_user=lead_officer,
    )
    accepted(
        signed_program,
        activity_data(start_date=dt.date(2022, 1, 10), end_date=dt.date(2022, 1, 10), localities=[]),
        organiser_user=partner_officer,
        lead_user=lead_officer,
    )
    review = services.review_create(
        program=signed_program,
        data=review_input(
            kind="six_month",
            period_start=dt.date(2021, 6, 1),
            period_end=dt.date(2021, 11, 30),
            document_number="25/BC-BDT",
            conference_date=dt.date(2021, 12, 1),
            chair_name="Nguyễn Văn Chủ",
            chair_title="Phó Trưởng Ban",
        ),
        by=lead_officer,
    )
    services.conclusion_add(
        review=review,
        text="Tập huấn cho cán bộ Mặt trận cơ sở.",
        assignee=partner_agency,
        due_date=dt.date(2022, 3, 31),
        by=lead_officer,
    )
    services.review_hold(review=review, by=lead_officer)
    services.review_conclude(review=review, by=lead_officer)
    return review


def tables(content: bytes) -> list[list[list[str]]]:
    return [
        [[cell.text.strip() for cell in row.cells] for row in table.rows]
        for table in Document(io.BytesIO(content)).tables
    ]


def table_under(content: bytes, *header: str) -> list[list[str]]:
    """The data rows of the table whose header row is `header`."""
    found = [t for t in tables(content) if tuple(t[0]) == header]
    assert len(found) == 1, header
    return found[0][1:]


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def n(value) -> str:
    return format_number(value)


def test_report_figures_equal_the_statistics_endpoint(
    client, bearer, partner_officer, reported, signed_program, lead_agency, partner_agency
):
    headers = bearer(partner_officer)
    stats = client.get(f"/api/v1/programs/{signed_program.pk}/statistics", PERIOD, headers=headers).json()
    assert stats["totals"] == {"activities": 2, "participants": 1310, "budget_vnd": 40_000_000}
    response = client.get(f"/api/v1/reviews/{reported.pk}/report.docx", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-so-ket-6-thang-chuong-trinh-{signed_program.pk}.docx"'
    )
    content = response.content
    text = text_of(content)

    totals = stats["totals"]
    assert (
        f"Trong kỳ báo cáo, các cơ quan phối hợp đã tổ chức {n(totals['activities'])} hoạt động với "
        f"{n(totals['participants'])} lượt người tham gia; tổng kinh phí thực hiện "
        f"{n(totals['budget_vnd'])} đồng."
    ) in text
    assert "1.310 lượt người tham gia; tổng kinh phí thực hiện 40.000.000 đồng." in text

    areas = {a.pk: f"{a.number}. {a.title}" for a in signed_program.content_areas.all()}
    assert table_under(content, "STT", "Nội dung phối hợp", "Số hoạt động", "Số người tham gia") == [
        [str(i), areas[r["content_area_id"]], n(r["activities"]), n(r["participants"])]
        for i, r in enumerate(stats["by_content_area"], 1)
    ]
    agencies = {lead_agency.pk: lead_agency.name, partner_agency.pk: partner_agency.name}
    assert table_under(content, "STT", "Cơ quan", "Số hoạt động", "Số người tham gia") == [
        [str(i), agencies[r["agency_id"]], n(r["activities"]), n(r["participants"])]
        for i, r in enumerate(stats["by_agency"], 1)
    ]
    groups = {"02": "Tày", "07": "Nùng", "05": "Khơ-me"}
    assert table_under(content, "STT", "Dân tộc", "Số người tham gia") == [
        [str(i), groups[r["ethnic_group_code"]], n(r["participants"])]
        for i, r in enumerate(stats["by_ethnic_group"], 1)
    ]
    sexes = {"female": "Nữ", "male": "Nam"}
    assert table_under(content, "STT", "Giới tính", "Số người tham gia") == [
        [str(i), sexes[r["sex"]], n(r["participants"])] for i, r in enumerate(stats["by_sex"], 1)
    ]
    bands = {"youth_16_30": "16–30 tuổi", "adult_31_59": "31–59 tuổi"}
    assert table_under(content, "STT", "Độ tuổi", "Số người tham gia") == [
        [str(i), bands[r["age_band"]], n(r["participants"])] for i, r in enumerate(stats["by_age_band"], 1)
    ]

    # The same numbers, written out: the endpoint is not trusted blindly.
    def by_label(*header):
        return {row[1]: row[2:] for row in table_under(content, *header)}

    assert by_label("STT", "Cơ quan", "Số hoạt động", "Số người tham gia") == {
        lead_agency.name: ["2", "1.310"],
        partner_agency.name: ["1", "1.250"],
    }
    assert by_label("STT", "Dân tộc", "Số người tham gia") == {
        "Tày": ["700"],
        "Khơ-me": ["60"],
        "Nùng": ["550"],
    }
    assert by_label("STT", "Giới tính", "Số người tham gia") == {"Nữ": ["700"], "Nam": ["610"]}
    assert by_label("STT", "Độ tuổi", "Số người tham gia") == {"16–30 tuổi": ["1.250"], "31–59 tuổi": ["60"]}


def test_report_has_the_decree_30_layout(
    client, bearer, lead_officer, reported, signed_program, partner_agency
):
    content = client.get(f"/api/v1/reviews/{reported.pk}/report.docx", headers=bearer(lead_officer)).content
    text = text_of(content)
    lines = text.splitlines()
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 25/BC-BDT",
        "Cần Thơ, ngày 01 tháng 12 năm 2021",
        "BÁO CÁO",
        "Nơi nhận:",
        f"- {partner_agency.name};",
        "- Lưu: VT, BDT.",
        "Trần Văn Minh",  # the lead's signatory, not the conference chair
        "Thời gian báo cáo: Từ ngày 01/06/2021 đến ngày 30/11/2021.",
    ):
        assert line in lines, line
    assert "BAN DÂN TỘC THÀNH PHỐ CẦN THƠ" in lines
    assert table_under(content, "STT", "Nội dung kết luận", "Cơ quan thực hiện", "Thời hạn") == [
        ["1", "Tập huấn cho cán bộ Mặt trận cơ sở.", partner_agency.name, "31/03/2022"]
    ]


def test_concluded_report_keeps_its_frozen_figures(
    client, bearer, lead_officer, partner_officer, reported, signed_program, activity_data
):
    accepted(
        signed_program,
        activity_data(start_date=dt.date(2021, 10, 1), end_date=dt.date(2021, 10, 1), localities=[]),
        organiser_user=partner_officer,
        lead_user=lead_officer,
    )
    content = client.get(f"/api/v1/reviews/{reported.pk}/report.docx", headers=bearer(lead_officer)).content
    assert "đã tổ chức 2 hoạt động với 1.310 lượt người tham gia" in text_of(content)


def test_report_is_hidden_from_outsiders(client, bearer, other_officer, reported):
    assert (
        client.get(f"/api/v1/reviews/{reported.pk}/report.docx", headers=bearer(other_officer)).status_code
        == 404
    )
    assert client.get(f"/api/v1/reviews/{reported.pk}/report.docx").status_code == 401


def test_place_date_writes_months_1_and_2_with_a_leading_zero(signed_program, lead_officer):
    review = services.review_create(
        program=signed_program,
        data=review_input(
            kind="annual",
            period_start=dt.date(2021, 5, 13),
            period_end=dt.date(2021, 12, 31),
            conference_date=dt.date(2022, 2, 5),
        ),
        by=lead_officer,
    )
    assert review_report_context(review)["dia_danh_ngay"] == "Cần Thơ, ngày 05 tháng 02 năm 2022"
    # An annual report is dated 15 January of the next year (once that day has passed).
    assert (
        annual_report_context(signed_program, 2023)["dia_danh_ngay"] == "Cần Thơ, ngày 15 tháng 01 năm 2024"
    )


def test_report_as_pdf(client, bearer, lead_officer, reported, signed_program, libreoffice):
    response = client.get(f"/api/v1/reviews/{reported.pk}/report.pdf", headers=bearer(lead_officer))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == PDF_TYPE
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-so-ket-6-thang-chuong-trinh-{signed_program.pk}.pdf"'
    )


def test_report_as_pdf_without_libreoffice_answers_422(client, bearer, lead_officer, reported, monkeypatch):
    monkeypatch.setattr("phoihop.reports.docx.shutil.which", lambda name: None)
    response = client.get(f"/api/v1/reviews/{reported.pk}/report.pdf", headers=bearer(lead_officer))
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "format"], "msg": "Máy chủ chưa cài LibreOffice nên không tạo được PDF."}
    ]
