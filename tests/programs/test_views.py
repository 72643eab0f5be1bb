import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.programs import services
from phoihop.programs.models import Program
from tests import factories as f
from tests.conftest import PERSONAS
from tests.core.test_uploads import PDF

pytestmark = pytest.mark.django_db

# persona → expected status. "login" = redirected to the sign-in page.
DRAFT_DETAIL = {
    "anonymous": 404,
    "lead_officer": 200,
    "leader": 200,
    "editor": 200,
    "partner_officer": 200,
    "other_officer": 404,
    "admin_user": 200,
}
EDIT_PAGE = {
    "anonymous": "login",
    "lead_officer": 200,
    "leader": 200,
    "editor": 403,
    "partner_officer": 403,
    "other_officer": 404,
    "admin_user": 200,
}
CREATE_PAGE = {
    "anonymous": "login",
    "lead_officer": 200,
    "leader": 200,
    "editor": 403,
    "partner_officer": 200,
    "other_officer": 200,
    "admin_user": 200,
}


def status_of(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_home_and_list_open_for_everyone(persona, client_as, signed_program):
    client = client_as(persona)
    home = client.get("/")
    assert home.status_code == 200
    assert "Chương trình phối hợp thực hiện công tác dân tộc" in home.content.decode()
    listing = client.get(reverse("programs:list"))
    assert listing.status_code == 200
    assert signed_program.title in listing.content.decode()


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_draft_detail_only_for_parties_and_admin(request, persona, client_as, program):
    response = client_as(persona).get(reverse("programs:detail", args=[program.pk]))
    assert response.status_code == DRAFT_DETAIL[request.node.callspec.params["persona"]]


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_signed_detail_public_summary_or_full(request, persona, client_as, signed_program):
    name = request.node.callspec.params["persona"]
    page = client_as(persona).get(reverse("programs:detail", args=[signed_program.pk])).content.decode()
    assert signed_program.title in page
    full = name in {"lead_officer", "leader", "editor", "partner_officer", "admin_user"}
    assert ("Lịch sử thay đổi" in page) is full
    assert ("Văn bản" in page) is full
    assert (">Sửa</a>" in page) is (name in {"lead_officer", "leader", "admin_user"})
    assert ("Gửi góp ý" in page) is (name in {"lead_officer", "leader", "partner_officer", "admin_user"})


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_edit_page_permissions(request, persona, client_as, program):
    response = client_as(persona).get(reverse("programs:edit", args=[program.pk]))
    assert status_of(response) == EDIT_PAGE[request.node.callspec.params["persona"]]


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_create_page_permissions(request, persona, client_as):
    response = client_as(persona).get(reverse("programs:create"))
    assert status_of(response) == CREATE_PAGE[request.node.callspec.params["persona"]]


@pytest.mark.parametrize("action", ["activate", "close", "delete"])
@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_state_actions_only_for_lead_staff(request, persona, action, client_as, signed_program):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).post(reverse(f"programs:{action}", args=[signed_program.pk]))
    allowed = name in {"lead_officer", "leader", "admin_user"}
    expected = {"anonymous": "login"}.get(name, 302 if allowed else 403)
    assert status_of(response) == expected
    signed_program.refresh_from_db()
    if not allowed:
        assert signed_program.status == "signed" and signed_program.deleted_at is None


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_sign_page_action(request, persona, client_as, program):
    name = request.node.callspec.params["persona"]
    response = client_as(persona).post(
        reverse("programs:sign", args=[program.pk]), {"signed_on": "2021-05-13"}
    )
    expected = {"anonymous": "login", "other_officer": 404, "editor": 403, "partner_officer": 403}.get(
        name, 302
    )
    assert status_of(response) == expected
    program.refresh_from_db()
    assert (program.status == "signed") is (expected == 302)


def test_create_program_from_the_page(client_as, lead_officer, lead_agency, partner_agency, other_agency):
    client = client_as(lead_officer)
    form = {
        "title": "Chương trình phối hợp giai đoạn 2026–2030",
        "scope": "province",
        "province": f.province("92").pk,
        "phase_start": "2026",
        "phase_end": "2030",
        "document_number": "05/CTr-BDT",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "0",
        "parties-0-agency": lead_agency.pk,
        "parties-0-role": "lead",
        "parties-0-signatory_name": "Trần Văn Minh",
        "parties-1-agency": partner_agency.pk,
        "parties-1-role": "partner",
        "parties-2-agency": other_agency.pk,
        "parties-2-role": "partner",
        "parties-3-agency": "",
        "parties-3-role": "partner",
        "areas-TOTAL_FORMS": "3",
        "areas-INITIAL_FORMS": "0",
        "areas-0-number": "1",
        "areas-0-title": "Tuyên truyền",
        "areas-1-number": "2",
        "areas-1-title": "Giảm nghèo",
        "areas-1-responsible_agency": partner_agency.pk,
        "areas-2-number": "3",
        "areas-2-title": "",
        "objectives": "Mục tiêu một\nMục tiêu hai\n",
    }
    response = client.post(reverse("programs:create"), form)
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "programs:detail", args=[program.pk]
    )
    assert program.parties.count() == 3 and program.content_areas.count() == 2
    assert program.objectives == ["Mục tiêu một", "Mục tiêu hai"]


def test_form_errors_are_shown_at_their_field_and_nothing_is_saved(client_as, lead_officer, lead_agency):
    form = {
        "title": "Chương trình thử",
        "scope": "province",
        "province": f.province("92").pk,
        "phase_start": "2025",
        "phase_end": "2021",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-0-agency": lead_agency.pk,
        "parties-0-role": "lead",
        "parties-1-agency": lead_agency.pk,
        "parties-1-role": "lead",
        "areas-TOTAL_FORMS": "0",
        "areas-INITIAL_FORMS": "0",
    }
    response = client_as(lead_officer).post(reverse("programs:create"), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Năm kết thúc giai đoạn không được trước năm bắt đầu." in page
    assert "Chương trình chỉ có một cơ quan chủ trì" in page
    assert Program.objects.count() == 0


def test_partner_officer_sees_no_edit_button(client_as, partner_officer, program):
    page = client_as(partner_officer).get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert reverse("programs:edit", args=[program.pk]) not in page
    assert reverse("programs:delete", args=[program.pk]) not in page


def test_search_box_ignores_diacritics_and_case(client, lead_agency, partner_agency):
    f.make_program(lead_agency, [partner_agency], title="Chương trình phối hợp tại Cần Thơ", status="signed")
    f.make_program(
        lead_agency,
        [partner_agency],
        title="Chương trình phối hợp tại Thái Nguyên",
        status="signed",
        province=f.province("19"),
    )
    for q in ("can tho", "CẦN THƠ", "Cần Thơ", "cần"):
        page = client.get(reverse("programs:list"), {"q": q}).content.decode()
        assert "tại Cần Thơ" in page and "tại Thái Nguyên" not in page, q


def test_htmx_request_gets_only_the_results(client, signed_program):
    response = client.get(reverse("programs:list"), {"q": "dan toc"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert signed_program.title in page
    assert "<html" not in page and "<form" not in page


def test_filters_province_year_status(client, lead_agency, partner_agency):
    from phoihop.reference.models import AdministrativeUnit

    soc_trang_legacy = AdministrativeUnit.objects.get(
        era="legacy", level="province", name__contains="Sóc Trăng"
    )
    a = f.make_program(
        lead_agency,
        [partner_agency],
        title="Chương trình A",
        status="signed",
        phase_start=2021,
        phase_end=2025,
    )
    b = f.make_program(
        lead_agency,
        [partner_agency],
        title="Chương trình B",
        status="active",
        phase_start=2013,
        phase_end=2017,
        province=f.province("19"),
    )
    c = f.make_program(
        lead_agency, [partner_agency], title="Chương trình C", status="signed", province=soc_trang_legacy
    )

    def titles(**params):
        page = client.get(reverse("programs:list"), params).content.decode()
        return {p.title for p in (a, b, c) if p.title in page}

    assert titles(province="92") == {"Chương trình A", "Chương trình C"}  # Sóc Trăng is part of Cần Thơ now
    assert titles(year="2016") == {"Chương trình B"}
    assert titles(status="active") == {"Chương trình B"}


def test_list_query_count_does_not_grow(client, lead_officer, lead_agency, partner_agency):
    client.force_login(lead_officer)
    f.make_program(lead_agency, [partner_agency], status="signed")
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("programs:list")).status_code == 200
    for _ in range(9):
        f.make_program(lead_agency, [partner_agency], status="signed")
    with CaptureQueriesContext(connection) as ten:
        assert client.get(reverse("programs:list")).status_code == 200
    assert len(ten) == len(one)


def test_document_upload_and_download_permissions(
    client_as, lead_officer, partner_officer, other_officer, signed_program, lead_agency
):
    client = client_as(lead_officer)
    response = client.post(
        reverse("programs:document_add", args=[signed_program.pk]),
        {
            "number": "01/CTr-BDT",
            "date": "2021-05-13",
            "type": "CTr",
            "issuer": lead_agency.pk,
            "file": SimpleUploadedFile("ctr.pdf", PDF),
        },
    )
    assert response.status_code == 302
    document = signed_program.documents.get()
    url = reverse("programs:document_file", args=[signed_program.pk, document.pk])
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    partner_download = client_as(partner_officer).get(url)
    assert partner_download.status_code == 200
    # Reading a streamed response to its end closes it (the test client's wrapper).
    assert b"".join(partner_download.streaming_content) == PDF
    client.logout()
    assert client_as(other_officer).get(url).status_code == 404
    client.logout()
    assert status_of(client.get(url)) == "login"


def test_executable_upload_shows_the_reason_at_the_file_field(
    client_as, lead_officer, signed_program, lead_agency
):
    from tests.core.test_uploads import ELF

    response = client_as(lead_officer).post(
        reverse("programs:document_add", args=[signed_program.pk]),
        {
            "number": "02/KH",
            "date": "2021-05-13",
            "type": "KH",
            "issuer": lead_agency.pk,
            "file": SimpleUploadedFile("ke-hoach.pdf", ELF),
        },
    )
    assert response.status_code == 400
    assert "chương trình chạy được" in response.content.decode()
    assert signed_program.documents.count() == 0


def test_oversized_request_is_refused_before_reading(client_as, lead_officer, signed_program):
    response = client_as(lead_officer).post(
        reverse("programs:document_add", args=[signed_program.pk]),
        data=b"x",
        content_type="multipart/form-data; boundary=abc",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Tệp tải lên quá lớn: tối đa 20 MB." in response.content.decode()


def test_comment_permissions(client_as, partner_officer, other_officer, editor, signed_program):
    url = reverse("programs:comment_add", args=[signed_program.pk])
    assert client_as(partner_officer).post(url, {"body": "Đề nghị họp giao ban quý."}).status_code == 302
    assert signed_program.comments.count() == 1
    for user in (other_officer, editor):
        assert client_as(user).post(url, {"body": "Ý kiến"}).status_code == 403
    assert signed_program.comments.count() == 1


def test_trash_and_restore_from_pages(client_as, lead_officer, other_officer, program):
    client = client_as(lead_officer)
    client.post(reverse("programs:delete", args=[program.pk]))
    assert client.get(reverse("programs:detail", args=[program.pk])).status_code == 404
    assert program.title in client.get(reverse("programs:trash")).content.decode()
    other = client_as(other_officer)
    assert other.post(reverse("programs:restore", args=[program.pk])).status_code == 404
    client = client_as(lead_officer)
    assert client.post(reverse("programs:restore", args=[program.pk])).status_code == 302
    assert client.get(reverse("programs:detail", args=[program.pk])).status_code == 200


def test_history_is_shown_on_the_detail_page(client_as, lead_officer, program, lead_agency, partner_agency):
    services.program_sign(program=program, signed_on=dt.date(2021, 5, 13), by=lead_officer)
    page = client_as(lead_officer).get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert "Ký kết" in page
    assert "Dự thảo" in page and "Đã ký kết" in page  # the status change, old → new


def test_filter_by_agency(client, lead_agency, partner_agency, other_agency):
    f.make_program(lead_agency, [partner_agency], title="Chương trình có Mặt trận", status="signed")
    f.make_program(lead_agency, [other_agency], title="Chương trình có Tỉnh đoàn", status="signed")
    page = client.get(reverse("programs:list"), {"agency": partner_agency.pk}).content.decode()
    assert "Chương trình có Mặt trận" in page and "Chương trình có Tỉnh đoàn" not in page
    assert f'<option value="{other_agency.pk}">Tỉnh đoàn Thái Nguyên</option>' in page
