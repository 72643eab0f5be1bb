"""Exemplar pages with every persona; the consent rule on the list, the detail and the
CSV export; recording from the page with errors at their fields; query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.people.models import Exemplar, Recognition
from tests.conftest import PERSONAS
from tests.people.conftest import ExemplarFactory, RecognitionFactory, group

pytestmark = pytest.mark.django_db

PARTY_STAFF = {"lead_officer", "leader", "partner_officer", "admin_user"}


def outcome(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).lstrip("\ufeff"))))


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_page_for_every_persona(request, persona, client_as, signed_program, consented, private):
    name = request.node.callspec.params["persona"]
    staff = name in PARTY_STAFF
    client = client_as(persona)
    write_consented = "login" if persona is None else (200 if staff else 403)
    write_private = "login" if persona is None else (200 if staff else 404)
    recognition = consented.recognitions.get()
    pages = [
        ("get", reverse("people:list", args=[signed_program.pk]), 200),
        ("get", reverse("people:list", args=[signed_program.pk]) + "?format=csv", 200),
        ("get", reverse("people:detail", args=[consented.pk]), 200),
        ("get", reverse("people:detail", args=[private.pk]), 200 if staff else 404),
        ("get", reverse("people:create", args=[signed_program.pk]), write_consented),
        ("get", reverse("people:edit", args=[consented.pk]), write_consented),
        ("get", reverse("people:edit", args=[private.pk]), write_private),
        (
            "post",
            reverse("people:recognition_add", args=[consented.pk]),
            400 if write_consented == 200 else write_consented,
        ),
        (
            "post",
            reverse("people:recognition_add", args=[private.pk]),
            400 if write_private == 200 else write_private,
        ),
        (
            "post",
            reverse("people:recognition_delete", args=[consented.pk, recognition.pk]),
            302 if write_consented == 200 else write_consented,
        ),
        ("post", reverse("people:delete", args=[private.pk]), 302 if write_private == 200 else write_private),
    ]
    for method, url, expected in pages:
        response = getattr(client, method)(url)
        assert outcome(response) == expected, (url, response.status_code)
    # Refused writes changed nothing.
    assert Exemplar.objects.filter(pk=private.pk).exists() == (not staff)
    assert Recognition.objects.filter(pk=recognition.pk).exists() == (not staff)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_list_detail_and_csv_follow_the_consent_rule(
    request, persona, client_as, signed_program, consented, private
):
    name = request.node.callspec.params["persona"]
    staff = name in PARTY_STAFF
    client = client_as(persona)
    url = reverse("people:list", args=[signed_program.pk])
    page = client.get(url)
    assert [e.name for e in page.context["page"]] == (
        ["Lâm Sô Phanh", "Thạch Thị Sa Ry"] if staff else ["Thạch Thị Sa Ry"]
    )
    assert ("Lâm Sô Phanh" in body(page)) == staff
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert [row[1] for row in rows[1:]] == (
        ["Lâm Sô Phanh", "Thạch Thị Sa Ry"] if staff else ["Thạch Thị Sa Ry"]
    )
    # Asking for the non-consented ones finds nothing for whoever may not see them.
    rows = csv_rows(client.get(url, {"format": "csv", "consent": "no"}))
    assert [row[1] for row in rows[1:]] == (["Lâm Sô Phanh"] if staff else [])


def test_draft_program_list_is_hidden_from_outsiders(client_as, other_officer, program):
    url = reverse("people:list", args=[program.pk])
    assert client_as(other_officer).get(url).status_code == 404
    assert client_as(None).get(url).status_code == 404


def test_detail_shows_consent_clearly(client_as, lead_officer, consented, private):
    client = client_as(lead_officer)
    page = body(client.get(reverse("people:detail", args=[consented.pk])))
    assert "Đã đồng ý công khai" in page and "20/11/2024" in page
    assert "Bằng khen" in page and "2871/QĐ-UBND" in page
    page = body(client.get(reverse("people:detail", args=[private.pk])))
    assert "Chưa có đồng ý công khai — chỉ cán bộ các bên xem được" in page
    assert "2023–2027" in page


def test_anonymous_detail_has_no_edit_controls_or_history(client_as, consented):
    response = client_as(None).get(reverse("people:detail", args=[consented.pk]))
    page = body(response)
    assert "Thạch Thị Sa Ry" in page and "Khơ-me" in page
    assert reverse("people:edit", args=[consented.pk]) not in page
    assert "Lịch sử thay đổi" not in page and "history" not in response.context


def test_csv_columns(client_as, partner_officer, signed_program, consented, private):
    rows = csv_rows(
        client_as(partner_officer).get(reverse("people:list", args=[signed_program.pk]) + "?format=csv")
    )
    assert rows[0] == [
        "STT",
        "Tên cá nhân, tập thể",
        "Loại",
        "Dân tộc",
        "Giới tính",
        "Năm sinh",
        "Xã, phường",
        "Nơi cư trú, hoạt động",
        "Lĩnh vực",
        "Thành tích tiêu biểu",
        "Người có uy tín, nhiệm kỳ",
        "Khen thưởng",
        "Đồng ý công khai",
        "Ngày đồng ý",
    ]
    assert rows[1][:6] == ["1", "Lâm Sô Phanh", "Cá nhân", "Khơ-me", "Nam", "1956"]
    assert rows[1][10] == "2023–2027" and rows[1][12:] == ["không", ""]
    assert (
        rows[2][11]
        == "Bằng khen tỉnh, thành phố, Chủ tịch UBND thành phố Cần Thơ, số 2871/QĐ-UBND, 05/12/2024"
    )
    assert rows[2][12:] == ["có", "20/11/2024"]


def test_filters_search_consent_and_ethnic_group(client_as, lead_officer, signed_program, consented, private):
    client = client_as(lead_officer)
    url = reverse("people:list", args=[signed_program.pk])

    def names(**params) -> list[str]:
        return [e.name for e in client.get(url, params).context["page"]]

    assert names(q="THACH thi") == ["Thạch Thị Sa Ry"]
    assert names(q="vinh hai") == ["Lâm Sô Phanh"]  # the commune's name
    assert names(consent="yes") == ["Thạch Thị Sa Ry"]
    assert names(consent="no") == ["Lâm Sô Phanh"]
    assert names(ethnic_group=group("05").pk) == ["Lâm Sô Phanh", "Thạch Thị Sa Ry"]
    assert names(ethnic_group=group("04").pk) == []


def test_htmx_request_gets_only_the_results(client_as, lead_officer, signed_program, consented):
    response = client_as(lead_officer).get(
        reverse("people:list", args=[signed_program.pk]), headers={"HX-Request": "true"}
    )
    page = body(response)
    assert consented.name in page and "<html" not in page and "<form" not in page


def test_officer_records_an_exemplar_from_the_page(client_as, partner_officer, signed_program):
    client = client_as(partner_officer)
    response = client.post(
        reverse("people:create", args=[signed_program.pk]),
        {
            "kind": "person",
            "name": "Kim Thị Sô Phia",
            "ethnic_group": group("05").pk,
            "sex": "female",
            "birth_year": "1990",
            "locality": "Tài Văn",
            "place_as_written": "Trường Tiểu học Tài Văn 2",
            "field": "education",
            "achievements": "Dạy song ngữ Việt – Khmer.",
            "is_prestigious": "",
            "consent_to_publish": "on",
            "consent_date": "15/05/2025",
            "consent_note": "Phiếu đồng ý có chữ ký.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    exemplar = Exemplar.objects.get()
    assert response["Location"] == reverse("people:detail", args=[exemplar.pk])
    assert (exemplar.locality.code, exemplar.birth_year, exemplar.consent_date.isoformat()) == (
        "31687",
        1990,
        "2025-05-15",
    )
    assert exemplar.created_by == partner_officer
    page = body(client.get(reverse("people:edit", args=[exemplar.pk])))
    assert 'value="Xã Tài Văn"' in page


def test_form_errors_are_shown_at_their_fields(client_as, lead_officer, signed_program):
    client = client_as(lead_officer)
    response = client.post(
        reverse("people:create", args=[signed_program.pk]),
        {
            "kind": "person",
            "name": "Lâm Sô Phanh",
            "field": "unity",
            "achievements": "Hòa giải mâu thuẫn.",
            "birth_year": "1850",
            "is_prestigious": "on",
            "prestige_term_start": "2027",
            "prestige_term_end": "2023",
            "consent_to_publish": "on",
            "locality": "Không Có Xã Này",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Không tìm thấy xã/phường «Không Có Xã Này»" in errors["locality"][0]
    assert not Exemplar.objects.exists()
    response = client.post(
        reverse("people:create", args=[signed_program.pk]),
        {
            "kind": "person",
            "name": "Lâm Sô Phanh",
            "field": "unity",
            "achievements": "Hòa giải mâu thuẫn.",
            "birth_year": "1850",
            "is_prestigious": "on",
            "prestige_term_start": "2027",
            "prestige_term_end": "2023",
            "consent_to_publish": "on",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["birth_year"][0].startswith("Năm sinh phải từ 1900 đến ")
    assert errors["prestige_term_end"] == ["Năm kết thúc nhiệm kỳ không được trước năm bắt đầu."]
    assert errors["consent_date"] == [
        "Ghi ngày người được biểu dương (hoặc đại diện tập thể) đồng ý công khai."
    ]
    assert "Chưa lưu được" in body(response)
    response = client.post(
        reverse("people:create", args=[signed_program.pk]),
        {"kind": "person", "name": "", "field": "", "achievements": "", "is_prestigious": "on"},
    )
    errors = response.context["form"].errors
    assert errors == {
        "name": ["Nhập tên cá nhân hoặc tập thể, mô hình."],
        "field": ["Chọn lĩnh vực tiêu biểu."],
        "achievements": ["Ghi thành tích tiêu biểu."],
    }
    assert not Exemplar.objects.exists()


def test_edit_from_the_page_withdraws_consent(client_as, lead_officer, signed_program, consented):
    client = client_as(lead_officer)
    url = reverse("people:edit", args=[consented.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(consent_to_publish="", consent_date="", is_prestigious="")
    data["ethnic_group"] = consented.ethnic_group_id
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    consented.refresh_from_db()
    assert (consented.consent_to_publish, consented.consent_date) == (False, None)
    # Now hidden from the public.
    client.logout()
    assert client.get(reverse("people:detail", args=[consented.pk])).status_code == 404


def test_recognition_added_from_the_detail_page(client_as, lead_officer, consented, commendation):
    client = client_as(lead_officer)
    url = reverse("people:recognition_add", args=[consented.pk])
    page = client.get(reverse("people:detail", args=[consented.pk]))
    assert (commendation.pk, f"{commendation.title} ({commendation.start_date:%d/%m/%Y})") in list(
        page.context["recognition_form"].fields["activity"].choices
    )
    response = client.post(
        url,
        {
            "form": "letter",
            "level": "province",
            "issuer": "Trưởng Ban Dân tộc thành phố Cần Thơ",
            "date": "05/12/2024",
            "activity": commendation.pk,
        },
    )
    assert response.status_code == 302
    added = consented.recognitions.get(form="letter")
    assert added.activity == commendation
    bad = client.post(url, {"form": "", "level": "", "issuer": "", "date": ""})
    assert bad.status_code == 400
    assert bad.context["recognition_form"].errors == {
        "form": ["Chọn hình thức khen thưởng."],
        "level": ["Chọn cấp khen thưởng."],
        "issuer": ["Ghi cơ quan hoặc người khen thưởng."],
        "date": ["Ghi ngày khen thưởng."],
    }


def test_delete_redirects_to_the_list(client_as, leader, signed_program, consented):
    response = client_as(leader).post(reverse("people:delete", args=[consented.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:list", args=[signed_program.pk])
    assert not Exemplar.objects.exists()


def test_delete_needs_post(client_as, leader, consented):
    assert client_as(leader).get(reverse("people:delete", args=[consented.pk])).status_code == 405


def test_program_page_links_to_its_exemplars(client_as, partner_officer, signed_program):
    url = reverse("people:list", args=[signed_program.pk])
    client = client_as(partner_officer)
    assert url in body(client.get(reverse("programs:detail", args=[signed_program.pk])))
    client.logout()
    assert url in body(client.get(reverse("programs:detail", args=[signed_program.pk])))


@pytest.mark.parametrize("persona", ["anonymous", "lead_officer"], indirect=True)
def test_list_query_count_does_not_grow(persona, client_as, signed_program):
    client = client_as(persona)
    url = reverse("people:list", args=[signed_program.pk])

    def add(n: int) -> None:
        for _ in range(n):
            exemplar = ExemplarFactory(program=signed_program, ethnic_group=group("05"))
            RecognitionFactory(exemplar=exemplar)
            RecognitionFactory(exemplar=exemplar, form="letter")

    add(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(9)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert response.context["page"].paginator.count == 10
    assert len(ten) == len(one)


def test_xlsx_export_follows_the_consent_rule(client, signed_program, consented, private):
    response = client.get(reverse("people:list", args=[signed_program.pk]), {"format": "xlsx"})
    assert response["Content-Disposition"].endswith(f'dien-hinh-ct{signed_program.pk}.xlsx"')
    raw = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(raw), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["Thạch Thị Sa Ry"]
