"""The activity pages: every view with every persona, recording a training with its
participants from the page, errors shown at their fields, and the submit → accept /
return flow as the two officers walk it."""

import datetime as dt

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.activities import services
from phoihop.activities.forms import CommuneResolver, parse_vnd
from phoihop.activities.models import Activity
from tests import factories as f
from tests.activities.conftest import group
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

LEAD_STAFF = {"lead_officer", "leader", "admin_user"}
PARTY_USERS = {"lead_officer", "leader", "editor", "partner_officer", "admin_user"}
RECORDERS = {"lead_officer", "leader", "partner_officer", "admin_user"}


def outcome(response) -> int | str:
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


def name_of(request) -> str:
    return request.node.callspec.params["persona"]


def expected_for(name: str, allowed: set[str], ok=200, refused=403) -> int | str:
    if name == "anonymous":
        return "login"
    if name == "other_officer":
        return 404
    return ok if name in allowed else refused


@pytest.fixture
def activity(signed_program, partner_officer, activity_data):
    """A draft training of the partner agency (45 people, Tày and Nùng)."""
    return services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)


@pytest.fixture
def submitted(activity, partner_officer):
    return services.activity_submit(activity=activity, by=partner_officer)


def page_form(signed_program, partner_agency, **overrides) -> dict:
    """The form as the partner officer fills it: a two-day training of 45 young people,
    20 Tày women and 15 Nùng men, in a commune of Cần Thơ before the 2025 reform."""
    data = {
        "content_area": signed_program.content_areas.get(number=1).pk,
        "kind": "training",
        "title": "Tập huấn chính sách dân tộc cho đoàn viên thanh niên",
        "start_date": "12/03/2024",
        "end_date": "13/03/2024",
        "organiser": partner_agency.pk,
        "total_participants": "45",
        "budget_vnd": "1.234.000",
        "funding_source": "ntp_1719",
        "funding_detail": "Dự án 10",
        "description": "Hai ngày tập huấn tại nhà văn hóa.",
        "participation-TOTAL_FORMS": "3",
        "participation-INITIAL_FORMS": "0",
        "participation-0-ethnic_group": group("02").pk,
        "participation-0-sex": "female",
        "participation-0-age_band": "youth_16_30",
        "participation-0-count": "20",
        "participation-1-ethnic_group": group("07").pk,
        "participation-1-sex": "male",
        "participation-1-age_band": "youth_16_30",
        "participation-1-count": "15",
        "participation-2-ethnic_group": "",
        "participation-2-sex": "unspecified",
        "participation-2-age_band": "unspecified",
        "participation-2-count": "",
        "localities-TOTAL_FORMS": "2",
        "localities-INITIAL_FORMS": "0",
        "localities-0-unit": "nhon ai",
        "localities-0-written": "Nhà văn hóa ấp Nhơn Lộc",
        "localities-1-unit": "",
        "localities-1-written": "",
        "outputs-TOTAL_FORMS": "2",
        "outputs-INITIAL_FORMS": "0",
        "outputs-0-name": "Học viên",
        "outputs-0-unit": "người",
        "outputs-0-value": "45",
        "outputs-1-name": "",
        "outputs-1-unit": "",
        "outputs-1-value": "",
    }
    data.update(overrides)
    return data


# --- every view × every persona ---------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_list_page(request, persona, client_as, signed_program, activity):
    response = client_as(persona).get(reverse("activities:list", args=[signed_program.pk]))
    name = name_of(request)
    assert outcome(response) == expected_for(name, PARTY_USERS, refused=404)
    if response.status_code == 200:
        page = response.content.decode()
        assert activity.title in page
        assert (reverse("activities:create", args=[signed_program.pk]) in page) is (name in RECORDERS)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_create_page(request, persona, client_as, signed_program):
    response = client_as(persona).get(reverse("activities:create", args=[signed_program.pk]))
    assert outcome(response) == expected_for(name_of(request), RECORDERS)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_create_post(request, persona, client_as, signed_program, partner_agency, lead_agency):
    name = name_of(request)
    organiser = lead_agency if name in {"lead_officer", "leader"} else partner_agency
    response = client_as(persona).post(
        reverse("activities:create", args=[signed_program.pk]),
        page_form(signed_program, partner_agency, organiser=organiser.pk),
    )
    assert outcome(response) == expected_for(name, RECORDERS, ok=302)
    assert Activity.objects.count() == (1 if name in RECORDERS else 0)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_detail_page(request, persona, client_as, activity):
    response = client_as(persona).get(reverse("activities:detail", args=[activity.pk]))
    name = name_of(request)
    assert outcome(response) == expected_for(name, PARTY_USERS, refused=404)
    if response.status_code == 200:
        page = response.content.decode()
        assert activity.title in page
        submitters = {"lead_officer", "leader", "partner_officer", "admin_user"}
        assert (reverse("activities:submit", args=[activity.pk]) in page) is (name in submitters)
        assert reverse("activities:accept", args=[activity.pk]) not in page  # a draft is not reviewed


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_edit_page(request, persona, client_as, activity):
    response = client_as(persona).get(reverse("activities:edit", args=[activity.pk]))
    assert outcome(response) == expected_for(name_of(request), RECORDERS)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_edit_post(request, persona, client_as, activity, signed_program, partner_agency):
    response = client_as(persona).post(
        reverse("activities:edit", args=[activity.pk]),
        page_form(signed_program, partner_agency, title="Tập huấn (đã sửa)"),
    )
    name = name_of(request)
    assert outcome(response) == expected_for(name, RECORDERS, ok=302)
    activity.refresh_from_db()
    assert (activity.title == "Tập huấn (đã sửa)") is (name in RECORDERS)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_submit(request, persona, client_as, activity):
    response = client_as(persona).post(reverse("activities:submit", args=[activity.pk]))
    name = name_of(request)
    assert outcome(response) == expected_for(name, RECORDERS, ok=302)
    activity.refresh_from_db()
    assert activity.status == ("submitted" if name in RECORDERS else "draft")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_accept(request, persona, client_as, submitted):
    response = client_as(persona).post(reverse("activities:accept", args=[submitted.pk]))
    name = name_of(request)
    assert outcome(response) == expected_for(name, LEAD_STAFF, ok=302)
    submitted.refresh_from_db()
    assert submitted.status == ("accepted" if name in LEAD_STAFF else "submitted")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_return(request, persona, client_as, submitted):
    response = client_as(persona).post(
        reverse("activities:return", args=[submitted.pk]), {"comment": "Bổ sung danh sách học viên."}
    )
    name = name_of(request)
    assert outcome(response) == expected_for(name, LEAD_STAFF, ok=302)
    submitted.refresh_from_db()
    assert submitted.status == ("returned" if name in LEAD_STAFF else "submitted")


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_review_queue(request, persona, client_as, submitted):
    response = client_as(persona).get(reverse("activities:review"))
    name = name_of(request)
    if name == "anonymous":
        assert outcome(response) == "login"
        return
    assert response.status_code == 200
    assert (submitted.title in response.content.decode()) is (name in LEAD_STAFF)


# --- recording from the page ----------------------------------------------------------------


def test_partner_records_the_tay_nung_training_from_the_page(
    client_as, partner_officer, signed_program, partner_agency
):
    client = client_as(partner_officer)
    form_page = client.get(reverse("activities:create", args=[signed_program.pk])).content.decode()
    assert f'<option value="{partner_agency.pk}" selected>' in form_page  # her agency preselected
    response = client.post(
        reverse("activities:create", args=[signed_program.pk]), page_form(signed_program, partner_agency)
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "activities:detail", args=[activity.pk]
    )
    assert activity.status == "draft" and activity.organiser == partner_agency
    assert activity.budget_vnd == 1_234_000 and activity.total_participants == 45
    rows = sorted((p.ethnic_group.code, p.sex, p.age_band, p.count) for p in activity.participation.all())
    assert rows == [("02", "female", "youth_16_30", 20), ("07", "male", "youth_16_30", 15)]
    place = activity.localities.get()
    assert (place.unit.name, place.unit.era, place.written) == (
        "Xã Nhơn Ái",
        "legacy",
        "Nhà văn hóa ấp Nhơn Lộc",
    )
    assert [(o.name, o.unit, o.value) for o in activity.outputs.all()] == [("Học viên", "người", 45)]
    page = client.get(response["Location"]).content.decode()
    assert "Tày" in page and "Nùng" in page and "1.234.000" in page
    assert "Trong đó người dân tộc thiểu số" in page and '<td class="num">35</td>' in page


def test_edit_page_shows_the_saved_values(client_as, partner_officer, activity):
    page = client_as(partner_officer).get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert 'value="35.000.000"' in page
    assert 'value="12/03/2024"' in page
    unit = activity.localities.get().unit
    assert CommuneResolver.label(unit) in page


def test_errors_are_shown_at_their_fields_and_nothing_is_saved(
    client_as, partner_officer, signed_program, partner_agency
):
    response = client_as(partner_officer).post(
        reverse("activities:create", args=[signed_program.pk]),
        page_form(
            signed_program,
            partner_agency,
            total_participants="30",
            start_date="13/03/2024",
            end_date="12/03/2024",
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu." in page
    assert Activity.objects.count() == 0
    form = response.context["form"]
    assert form.errors["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    # The participation check runs in the same pass: both errors at once.
    assert response.context["participation"].non_form_errors() == [
        "Cộng các dòng người tham gia (35) lớn hơn tổng số người tham gia (30)."
    ]
    assert 'id="participation-errors"' in page


def test_a_commune_not_found_is_shown_at_its_row(client_as, partner_officer, signed_program, partner_agency):
    response = client_as(partner_officer).post(
        reverse("activities:create", args=[signed_program.pk]),
        page_form(signed_program, partner_agency, **{"localities-0-unit": "Xã Không Có"}),
    )
    assert response.status_code == 400
    errors = response.context["localities"].forms[0].errors["unit"]
    assert errors == [
        "Không tìm thấy xã/phường «Xã Không Có» (trước 01/07/2025) thuộc Thành phố Cần Thơ. "
        "Kiểm tra lại tên, hoặc để trống và ghi địa điểm."
    ]
    assert Activity.objects.count() == 0


def test_a_commune_of_the_wrong_era_and_an_ambiguous_name(signed_program):
    before = CommuneResolver(program=signed_program, on=dt.date(2024, 3, 12))
    after = CommuneResolver(program=signed_program, on=dt.date(2025, 8, 1))
    assert before.resolve("phu huu, chau thanh").code == "31378"
    assert before.resolve("Xã Phú Hữu, Huyện Long Phú").code == "31657"
    assert before.resolve("31657").code == "31657"
    with pytest.raises(forms.ValidationError) as exc:
        before.resolve("Phú Hữu")
    assert exc.value.messages == [
        "«Phú Hữu» trùng tên nhiều xã/phường: Xã Phú Hữu, Huyện Châu Thành (mã 31378); "
        "Xã Phú Hữu, Huyện Long Phú (mã 31657). Ghi thêm tên huyện sau dấu phẩy, hoặc ghi mã xã."
    ]
    assert after.resolve("PHONG ĐIỀN").name == "Xã Phong Điền"
    with pytest.raises(forms.ValidationError) as exc:
        after.resolve("giai xuan")
    assert exc.value.messages == [
        "«giai xuan» là xã/phường trước 01/07/2025 (nay thuộc Xã Phong Điền); hoạt động từ ngày này "
        "ghi theo đơn vị hành chính hiện hành."
    ]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234.000", 1_234_000),
        ("1,234,000", 1_234_000),
        ("1234000", 1_234_000),
        ("1 234 000 đ", 1_234_000),
        ("", None),
    ],
)
def test_budget_is_read_as_written(typed, value):
    assert parse_vnd(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-500.000", "Kinh phí không được âm."),
        ("1.234,5", "Kinh phí ghi bằng số đồng nguyên, ví dụ 1.234.000 (không có phần thập phân)."),
        ("12.5", "Kinh phí ghi bằng số đồng nguyên, ví dụ 1.234.000 (không có phần thập phân)."),
        ("1.234,000", "Kinh phí ghi bằng số đồng nguyên, ví dụ 1.234.000 (không có phần thập phân)."),
    ],
)
def test_budget_with_decimals_or_a_sign_is_refused_at_its_field(
    typed, message, client_as, partner_officer, signed_program, partner_agency
):
    response = client_as(partner_officer).post(
        reverse("activities:create", args=[signed_program.pk]),
        page_form(signed_program, partner_agency, budget_vnd=typed),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["budget_vnd"] == [message]
    assert Activity.objects.count() == 0


def test_partner_cannot_record_for_another_agency(
    client_as, partner_officer, signed_program, partner_agency, lead_agency
):
    response = client_as(partner_officer).post(
        reverse("activities:create", args=[signed_program.pk]),
        page_form(signed_program, partner_agency, organiser=lead_agency.pk),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organiser"] == [
        "Bạn chỉ ghi nhận được hoạt động của cơ quan mình."
    ]


# --- the flow between the two agencies ------------------------------------------------------


def test_submit_then_accept_through_the_pages(client_as, partner_officer, lead_officer, activity):
    detail = reverse("activities:detail", args=[activity.pk])
    partner = client_as(partner_officer)
    assert partner.post(reverse("activities:submit", args=[activity.pk])).status_code == 302
    page = partner.get(detail).content.decode()
    assert "Đã gửi hoạt động cho cơ quan chủ trì xác nhận." in page
    assert reverse("activities:accept", args=[activity.pk]) not in page  # the partner cannot accept
    assert partner.post(reverse("activities:accept", args=[activity.pk])).status_code == 403
    assert partner.get(reverse("activities:edit", args=[activity.pk])).status_code == 403  # submitted

    lead = client_as(lead_officer)
    queue = lead.get(reverse("activities:review")).content.decode()
    assert activity.title in queue and detail in queue
    page = lead.get(detail).content.decode()
    assert reverse("activities:accept", args=[activity.pk]) in page and "Trả lại" in page
    assert lead.post(reverse("activities:accept", args=[activity.pk])).status_code == 302
    activity.refresh_from_db()
    assert activity.status == "accepted" and activity.reviewed_by == lead_officer
    page = lead.get(detail).content.decode()
    assert "Đã xác nhận" in page and "Xác nhận" in page  # status badge and the history reason
    assert activity.title not in lead.get(reverse("activities:review")).content.decode()
    # Accepting again is refused with the service's message, not an error page.
    response = lead.post(reverse("activities:accept", args=[activity.pk]), follow=True)
    assert "Chỉ xác nhận hoặc trả lại hoạt động đã gửi (hiện: «Đã xác nhận»)." in response.content.decode()


def test_return_with_a_comment_then_the_partner_edits_and_resubmits(
    client_as, partner_officer, lead_officer, submitted, signed_program, partner_agency
):
    lead = client_as(lead_officer)
    empty = lead.post(reverse("activities:return", args=[submitted.pk]), {"comment": "  "})
    assert empty.status_code == 400
    assert empty.context["return_form"].errors["comment"] == ["Ghi rõ lý do trả lại."]
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    lead.post(reverse("activities:return", args=[submitted.pk]), {"comment": "Bổ sung danh sách học viên."})
    submitted.refresh_from_db()
    assert submitted.status == "returned" and submitted.review_comment == "Bổ sung danh sách học viên."

    partner = client_as(partner_officer)
    page = partner.get(reverse("activities:detail", args=[submitted.pk])).content.decode()
    assert "Bổ sung danh sách học viên." in page and "Trả lại" in page
    response = partner.post(
        reverse("activities:edit", args=[submitted.pk]),
        page_form(signed_program, partner_agency, total_participants="46"),
    )
    assert response.status_code == 302
    assert partner.post(reverse("activities:submit", args=[submitted.pk])).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.total_participants == 46


# --- the list -----------------------------------------------------------------------------------


def test_list_filters_and_search(client_as, lead_officer, signed_program, lead_officer_activity, activity):
    client = client_as(lead_officer)
    url = reverse("activities:list", args=[signed_program.pk])

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {a.title for a in (activity, lead_officer_activity) if a.title in page}

    assert titles() == {activity.title, lead_officer_activity.title}
    assert titles(q="hoi nghi") == {lead_officer_activity.title}
    assert titles(q="TẬP HUẤN") == {activity.title}
    assert titles(status="draft", agency=activity.organiser_id) == {activity.title}
    assert titles(status="submitted") == set()


@pytest.fixture
def lead_officer_activity(signed_program, lead_officer, lead_agency, activity_data):
    return services.activity_create(
        program=signed_program,
        data=activity_data(
            kind="conference",
            title="Hội nghị sơ kết công tác dân tộc",
            organiser=lead_agency,
            participation=[],
            localities=[],
            outputs=[],
        ),
        by=lead_officer,
    )


def test_list_htmx_request_gets_only_the_results(client_as, lead_officer, signed_program, activity):
    response = client_as(lead_officer).get(
        reverse("activities:list", args=[signed_program.pk]), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert activity.title in page and "<html" not in page and "<form" not in page


def test_list_query_count_does_not_grow(
    client_as, lead_officer, signed_program, partner_officer, activity_data
):
    client = client_as(lead_officer)
    url = reverse("activities:list", args=[signed_program.pk])
    services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for i in range(9):
        services.activity_create(
            program=signed_program, data=activity_data(title=f"Tập huấn {i}"), by=partner_officer
        )
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert response.context["page"].paginator.count == 10
    assert len(ten) == len(one)


def test_review_queue_query_count_does_not_grow(
    client_as, lead_officer, signed_program, partner_officer, activity_data
):
    client = client_as(lead_officer)

    def add(n):
        for i in range(n):
            a = services.activity_create(
                program=signed_program, data=activity_data(title=f"Hoạt động {n}-{i}"), by=partner_officer
            )
            services.activity_submit(activity=a, by=partner_officer)

    add(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("activities:review")).status_code == 200
    add(9)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(reverse("activities:review")).status_code == 200
    assert len(ten) == len(one)


def test_program_page_links_to_its_activities_for_party_members(
    client_as, partner_officer, other_officer, signed_program
):
    url = reverse("activities:list", args=[signed_program.pk])
    page = (
        client_as(partner_officer).get(reverse("programs:detail", args=[signed_program.pk])).content.decode()
    )
    assert url in page
    page = client_as(other_officer).get(reverse("programs:detail", args=[signed_program.pk])).content.decode()
    assert url not in page


def test_activities_of_a_draft_program_cannot_be_recorded(
    client_as, partner_officer, program, partner_agency
):
    response = client_as(partner_officer).post(
        reverse("activities:create", args=[program.pk]), page_form(program, partner_agency)
    )
    assert response.status_code == 400
    assert "Chương trình chưa ký kết: chưa ghi nhận hoạt động được." in response.content.decode()
    assert Activity.objects.count() == 0


def test_other_province_program_resolves_its_own_communes(lead_agency, partner_agency):
    program = f.make_program(lead_agency, [partner_agency], status="signed", province=f.province("19"))
    resolver = CommuneResolver(program=program, on=dt.date(2025, 9, 1))
    with pytest.raises(forms.ValidationError):
        resolver.resolve("Phong Điền")  # a commune of Cần Thơ, not of Thái Nguyên
