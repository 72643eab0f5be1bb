"""What the activities API returns, and how it refuses bad input: the Vietnamese message
at the body's field, and nothing written."""

import pytest

from phoihop.activities.models import Activity, Locality, Output, Participation
from phoihop.reference.models import AdministrativeUnit
from tests import factories as f
from tests.activities.conftest import commune
from tests.api import conftest as api_fixtures

pytestmark = pytest.mark.django_db

# The API tests' fixture: bearer(user) → the headers of a fresh token for `user`.
bearer = api_fixtures.bearer

URL = "/api/v1/activities"


@pytest.fixture
def legacy_commune() -> AdministrativeUnit:
    return commune("legacy")


@pytest.fixture
def body(signed_program, partner_agency, legacy_commune):
    area = signed_program.content_areas.get(number=2)
    return {
        "program_id": signed_program.pk,
        "content_area_id": area.pk,
        "kind": "training",
        "title": "Tập huấn chính sách dân tộc cho đoàn viên thanh niên",
        "start_date": "2024-03-12",
        "end_date": "2024-03-13",
        "organiser_id": partner_agency.pk,
        "co_organiser_ids": [],
        "locality_codes": [f"legacy:{legacy_commune.code}"],
        "total_participants": 45,
        "participation": [
            {"ethnic_group_code": "02", "sex": "female", "age_band": "youth_16_30", "count": 20},
            {"ethnic_group_code": "07", "sex": "male", "age_band": "youth_16_30", "count": 15},
            {"ethnic_group_code": "01", "sex": "male", "age_band": "adult_31_59", "count": 5},
        ],
        "budget_vnd": 35_000_000,
        "funding_source": "ntp_1719",
        "funding_detail": "Dự án 10",
        "outputs": [{"name": "Học viên", "unit": "người", "value": 45}],
        "description": "Hai ngày tại nhà văn hóa xã.",
    }


@pytest.fixture
def auth(bearer, partner_officer):
    return bearer(partner_officer)


def post(client, auth, data):
    return client.post(URL, data, content_type="application/json", headers=auth)


def patch(client, auth, pk, data):
    return client.patch(f"{URL}/{pk}", data, content_type="application/json", headers=auth)


def written() -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        Participation.objects.count(),
        Locality.objects.count(),
        Output.objects.count(),
        Activity.history.count(),
    )


def refused(response, loc: list, msg: str) -> None:
    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["body", *loc], "msg": msg}]}


# --- what comes back ---------------------------------------------------------------------


def test_created_activity_has_the_whole_shape(
    client, auth, body, partner_officer, partner_agency, lead_agency, legacy_commune
):
    body["co_organiser_ids"] = [lead_agency.pk]

    response = post(client, auth, body)

    assert response.status_code == 201
    activity = Activity.objects.get()
    assert response.json() == {
        "id": activity.pk,
        "program_id": body["program_id"],
        "content_area_id": body["content_area_id"],
        "kind": "training",
        "title": "Tập huấn chính sách dân tộc cho đoàn viên thanh niên",
        "start_date": "2024-03-12",
        "end_date": "2024-03-13",
        "organiser_id": partner_agency.pk,
        "co_organiser_ids": [lead_agency.pk],
        "locality_codes": [f"legacy:{legacy_commune.code}"],
        "localities": [
            {
                "code": f"legacy:{legacy_commune.code}",
                "era": "legacy",
                "name": legacy_commune.name,
                "written": "",
            }
        ],
        "total_participants": 45,
        "participation": [
            {"ethnic_group_code": "02", "sex": "female", "age_band": "youth_16_30", "count": 20},
            {"ethnic_group_code": "07", "sex": "male", "age_band": "youth_16_30", "count": 15},
            {"ethnic_group_code": "01", "sex": "male", "age_band": "adult_31_59", "count": 5},
        ],
        # Tày and Nùng; the Kinh are the majority.
        "ethnic_minority_participants": 35,
        "budget_vnd": 35_000_000,
        "funding_source": "ntp_1719",
        "funding_detail": "Dự án 10",
        "outputs": [{"name": "Học viên", "unit": "người", "value": 45.0}],
        "description": "Hai ngày tại nhà văn hóa xã.",
        "status": "draft",
        "review_comment": "",
        "external_key": "",
    }
    assert client.get(f"{URL}/{activity.pk}", headers=auth).json() == response.json()
    assert activity.history.get().history_user == partner_officer


def test_localities_keep_the_place_as_written_and_take_current_units(client, auth, body):
    current = commune("current")
    del body["locality_codes"]
    body.update(
        start_date="2025-08-04",
        end_date="2025-08-04",
        localities=[
            {"code": current.code, "written": "ấp Phú Lợi"},
            {"code": "92", "written": ""},
            {"code": None, "written": "Nhà văn hóa Khmer"},
        ],
    )

    response = post(client, auth, body)

    assert response.status_code == 201
    assert response.json()["locality_codes"] == [current.code, "92"]
    assert response.json()["localities"] == [
        {"code": current.code, "era": "current", "name": current.name, "written": "ấp Phú Lợi"},
        {"code": "92", "era": "current", "name": "Thành phố Cần Thơ", "written": ""},
        {"code": None, "era": None, "name": None, "written": "Nhà văn hóa Khmer"},
    ]


def test_organiser_defaults_to_the_callers_agency(client, auth, body, partner_agency):
    del body["organiser_id"]

    response = post(client, auth, body)

    assert response.status_code == 201
    assert response.json()["organiser_id"] == partner_agency.pk


def test_patch_changes_only_what_is_sent(client, auth, body):
    created = post(client, auth, body).json()

    response = patch(client, auth, created["id"], {"title": "Tập huấn kỹ năng số", "budget_vnd": 20_000_000})

    assert response.status_code == 200
    assert response.json() == {**created, "title": "Tập huấn kỹ năng số", "budget_vnd": 20_000_000}


def test_patch_replaces_a_list_sent_and_keeps_the_written_place(client, auth, body, legacy_commune):
    body["localities"] = [{"code": f"legacy:{legacy_commune.code}", "written": "thôn Nà Lẹng"}]
    created = post(client, auth, body).json()

    response = patch(
        client,
        auth,
        created["id"],
        {
            "participation": [{"ethnic_group_code": "5", "sex": "female", "count": 10}],
            "locality_codes": [f"legacy:{legacy_commune.code}"],
        },
    )

    assert response.status_code == 200
    assert response.json()["participation"] == [
        {"ethnic_group_code": "05", "sex": "female", "age_band": "unspecified", "count": 10}
    ]
    assert response.json()["ethnic_minority_participants"] == 10
    assert response.json()["localities"][0]["written"] == "thôn Nà Lẹng"


# --- bad input: the message at the field, nothing written ---------------------------------


def test_participation_above_the_total(client, auth, body):
    body["total_participants"] = 30

    response = post(client, auth, body)

    refused(
        response, ["participation"], "Cộng các dòng người tham gia (40) lớn hơn tổng số người tham gia (30)."
    )
    assert written() == (0, 0, 0, 0, 0)


def test_negative_counts(client, auth, body):
    body["participation"][0]["count"] = -3

    response = post(client, auth, body)

    refused(response, ["participation"], "Dòng 1: số người không được âm.")
    assert written() == (0, 0, 0, 0, 0)


def test_negative_total(client, auth, body):
    body.update(total_participants=-1, participation=[])

    response = post(client, auth, body)

    refused(response, ["total_participants"], "Tổng số người tham gia phải là số không âm.")
    assert written() == (0, 0, 0, 0, 0)


def test_end_date_before_start(client, auth, body):
    body.update(start_date="2024-03-13", end_date="2024-03-12")

    response = post(client, auth, body)

    refused(response, ["end_date"], "Ngày kết thúc không được trước ngày bắt đầu.")
    assert written() == (0, 0, 0, 0, 0)


def test_activity_outside_the_programs_phase(client, auth, body):
    body.update(start_date="2027-01-05", end_date="2027-01-05", locality_codes=[])

    response = post(client, auth, body)

    refused(response, ["start_date"], "Hoạt động nằm ngoài giai đoạn của chương trình (2021–2025).")
    assert written() == (0, 0, 0, 0, 0)


def test_legacy_commune_after_the_reform(client, auth, body, legacy_commune):
    body.update(start_date="2025-08-01", end_date="2025-08-01")
    successors = ", ".join(s.name for s in legacy_commune.successors.all()[:3])

    response = post(client, auth, body)

    refused(
        response,
        ["locality_codes"],
        f"Địa bàn 1: «{legacy_commune.name}» không còn từ 01/07/2025 (nay thuộc {successors}).",
    )
    assert written() == (0, 0, 0, 0, 0)


def test_current_commune_before_the_reform(client, auth, body):
    current = commune("current")
    body["locality_codes"] = [current.code]

    response = post(client, auth, body)

    refused(
        response,
        ["locality_codes"],
        f"Địa bàn 1: «{current.name}» chỉ có từ 01/07/2025; chọn đơn vị hành chính cũ.",
    )
    assert written() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("code", ["xa-phu-thuong", "legacy:001", "legacy:99999", "1234"])
def test_unknown_locality_code(client, auth, body, legacy_commune, code):
    # legacy:001 is a district (Ba Đình), not a commune or a province: not taken for 00001.
    body["locality_codes"] = [f"legacy:{legacy_commune.code}", code]

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "locality_codes", 1]
    assert response.json()["detail"][0]["msg"] == (
        f"Không có đơn vị hành chính mã «{body['locality_codes'][1]}» (xã hoặc tỉnh hiện hành: «31120»; "
        "trước 01/07/2025: «legacy:00001»)."
    )
    assert written() == (0, 0, 0, 0, 0)


def test_locality_codes_disagreeing_with_localities(client, auth, body, legacy_commune):
    body["localities"] = [{"code": "92", "written": ""}]

    response = post(client, auth, body)

    refused(response, ["locality_codes"], "locality_codes phải trùng với các mã trong localities.")
    assert written() == (0, 0, 0, 0, 0)


def test_unknown_ethnic_group_code_suggests_the_closest_group(client, auth, body):
    body["participation"][1]["ethnic_group_code"] = "tay"

    response = post(client, auth, body)

    refused(
        response,
        ["participation", 1, "ethnic_group_code"],
        "Không có dân tộc mã «tay». Có phải dân tộc Tày (mã 02)?",
    )
    assert written() == (0, 0, 0, 0, 0)


def test_unknown_ethnic_group_code_without_a_guess(client, auth, body):
    body["participation"][0]["ethnic_group_code"] = "99"

    response = post(client, auth, body)

    refused(response, ["participation", 0, "ethnic_group_code"], "Không có dân tộc mã «99».")
    assert written() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("change", "loc", "msg"),
    [
        ({"kind": "workshop"}, ["kind"], "Loại hoạt động không hợp lệ."),
        ({"title": "  "}, ["title"], "Nhập tên hoạt động."),
        ({"funding_source": "bank"}, ["funding_source"], "Nguồn kinh phí không hợp lệ."),
        ({"budget_vnd": -5}, ["budget_vnd"], "Kinh phí không được âm."),
        (
            {"outputs": [{"name": "Mô hình", "unit": "", "value": 3}]},
            ["outputs"],
            "Kết quả 1: nhập tên và đơn vị tính.",
        ),
        ({"organiser_id": 999_999}, ["organiser_id"], "Không có cơ quan mã 999999."),
        ({"co_organiser_ids": [999_999]}, ["co_organiser_ids", 0], "Không có cơ quan mã 999999."),
    ],
    ids=["kind", "title", "funding_source", "budget", "output_unit", "organiser", "co_organiser"],
)
def test_other_bad_fields(client, auth, body, change, loc, msg):
    body.update(change)

    response = post(client, auth, body)

    refused(response, loc, msg)
    assert written() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("field", "value", "msg"),
    [
        ("sex", "f", "Dòng 1: giới tính không hợp lệ."),
        ("age_band", "youth", "Dòng 1: độ tuổi không hợp lệ."),
    ],
)
def test_wrong_sex_or_age_band_gets_the_vietnamese_message(client, auth, body, field, value, msg):
    body["participation"][0][field] = value

    response = post(client, auth, body)

    refused(response, ["participation"], msg)
    assert written() == (0, 0, 0, 0, 0)


def test_content_area_of_another_program(client, auth, body, lead_agency, partner_agency):
    elsewhere = f.make_program(lead_agency, [partner_agency])
    body["content_area_id"] = elsewhere.content_areas.first().pk

    response = post(client, auth, body)

    refused(
        response,
        ["content_area_id"],
        f"Chương trình không có nội dung phối hợp mã {body['content_area_id']}.",
    )
    assert written() == (0, 0, 0, 0, 0)


def test_co_organiser_repeating_the_organiser(client, auth, body, partner_agency):
    body["co_organiser_ids"] = [partner_agency.pk]

    response = post(client, auth, body)

    refused(response, ["co_organiser_ids"], "Đơn vị tổ chức không ghi lại ở đơn vị phối hợp.")
    assert written() == (0, 0, 0, 0, 0)


def test_no_activity_under_a_draft_program(client, auth, body, program):
    body.update(program_id=program.pk, content_area_id=None)

    response = post(client, auth, body)

    refused(response, ["program_id"], "Chương trình chưa ký kết: chưa ghi nhận hoạt động được.")
    assert written() == (0, 0, 0, 0, 0)


def test_several_errors_come_back_together(client, auth, body):
    body.update(start_date="2024-03-13", end_date="2024-03-12", total_participants=10)

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "end_date"], "msg": "Ngày kết thúc không được trước ngày bắt đầu."},
            {
                "loc": ["body", "participation"],
                "msg": "Cộng các dòng người tham gia (40) lớn hơn tổng số người tham gia (10).",
            },
        ]
    }
    assert written() == (0, 0, 0, 0, 0)


def test_patch_with_bad_input_changes_nothing(client, auth, body):
    created = post(client, auth, body).json()
    before = written()

    response = patch(
        client,
        auth,
        created["id"],
        {"total_participants": 10, "participation": [{"ethnic_group_code": "02", "count": 12}]},
    )

    refused(
        response, ["participation"], "Cộng các dòng người tham gia (12) lớn hơn tổng số người tham gia (10)."
    )
    assert written() == before
    assert client.get(f"{URL}/{created['id']}", headers=auth).json() == created


def test_patch_cannot_move_an_activity_to_another_program(client, auth, body, lead_agency, partner_agency):
    created = post(client, auth, body).json()
    elsewhere = f.make_program(lead_agency, [partner_agency], status="signed")

    response = patch(client, auth, created["id"], {"program_id": elsewhere.pk})

    refused(response, ["program_id"], "Không chuyển được hoạt động sang chương trình khác.")
    assert client.get(f"{URL}/{created['id']}", headers=auth).json() == created
