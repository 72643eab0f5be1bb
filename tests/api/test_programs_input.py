"""What the programs API returns, and how it refuses bad input: the services' Vietnamese
message at the body's field, and nothing written."""

import datetime as dt
import unicodedata

import pytest

from phoihop.programs.models import ContentArea, Party, Program, Status
from tests import factories as f

URL = "/api/v1/programs"


@pytest.fixture
def auth(bearer, lead_officer):
    return bearer(lead_officer)


@pytest.fixture
def body(lead_agency, partner_agency):
    return {
        "title": "Chương trình phối hợp tuyên truyền chính sách dân tộc giai đoạn 2026–2030",
        "document_number": "03/CTr-BDT-MTTQ",
        "document_date": "2026-03-02",
        "scope": "province",
        "province_code": "92",
        "phase_start": 2026,
        "phase_end": 2030,
        "summary": "Hai bên phối hợp tuyên truyền chính sách dân tộc tới vùng đồng bào Khmer.",
        "objectives": ["Nâng cao nhận thức về chính sách dân tộc", "Củng cố khối đại đoàn kết"],
        "mechanism": "Họp giao ban sáu tháng một lần; báo cáo năm trước ngày 15/12.",
        "parties": [
            {
                "agency_id": lead_agency.pk,
                "role": "lead",
                "signatory_name": "Trần Văn Minh",
                "signatory_title": "Trưởng ban",
            },
            {
                "agency_id": partner_agency.pk,
                "role": "partner",
                "signatory_name": "Lê Thị Hoa",
                "signatory_title": "Chủ tịch",
            },
        ],
        "content_areas": [
            {
                "number": 1,
                "title": "Tuyên truyền, phổ biến chính sách",
                "responsible_agency_id": lead_agency.pk,
            },
            {"number": 2, "title": "Vận động phát triển kinh tế", "responsible_agency_id": partner_agency.pk},
        ],
    }


def post(client, auth, data):
    return client.post(URL, data, content_type="application/json", headers=auth)


def written() -> tuple[int, int, int, int]:
    return (
        Program.objects.count(),
        Party.objects.count(),
        ContentArea.objects.count(),
        Program.history.count(),
    )


def test_public_reader_gets_the_whole_program_shape(client, signed_program, lead_agency, partner_agency):
    areas = list(signed_program.content_areas.all())

    response = client.get(f"{URL}/{signed_program.pk}")

    assert response.status_code == 200
    assert response.json() == {
        "id": signed_program.pk,
        "title": signed_program.title,
        "document_number": "",
        "document_date": None,
        "scope": "province",
        "province_code": "92",
        "phase_start": 2021,
        "phase_end": 2025,
        "status": "signed",
        "signed_on": "2021-05-13",
        "summary": "",
        "mechanism": "",
        "objectives": [],
        "parties": [
            {
                "agency_id": lead_agency.pk,
                "agency_name": "Ban Dân tộc thành phố Cần Thơ",
                "role": "lead",
                "signatory_name": "Trần Văn Minh",
                "signatory_title": "",
            },
            {
                "agency_id": partner_agency.pk,
                "agency_name": "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
                "role": "partner",
                "signatory_name": "",
                "signatory_title": "",
            },
        ],
        "content_areas": [
            {
                "id": areas[0].pk,
                "number": 1,
                "title": "Tuyên truyền chính sách dân tộc",
                "description": "",
                "responsible_agency_id": None,
            },
            {
                "id": areas[1].pk,
                "number": 2,
                "title": "Phát triển kinh tế, giảm nghèo",
                "description": "",
                "responsible_agency_id": None,
            },
        ],
    }


def test_create_program_stores_everything_sent(client, auth, body, lead_officer, lead_agency, partner_agency):
    response = post(client, auth, body)

    assert response.status_code == 201
    program = Program.objects.get()
    data = response.json()
    assert data["id"] == program.pk
    assert {k: data[k] for k in ("title", "document_number", "document_date", "province_code", "status")} == {
        "title": body["title"],
        "document_number": "03/CTr-BDT-MTTQ",
        "document_date": "2026-03-02",
        "province_code": "92",
        "status": "draft",
    }
    assert data["objectives"] == body["objectives"]
    assert [(p["agency_id"], p["role"], p["signatory_title"]) for p in data["parties"]] == [
        (lead_agency.pk, "lead", "Trưởng ban"),
        (partner_agency.pk, "partner", "Chủ tịch"),
    ]
    assert [(c["number"], c["responsible_agency_id"]) for c in data["content_areas"]] == [
        (1, lead_agency.pk),
        (2, partner_agency.pk),
    ]
    assert program.created_by == lead_officer
    assert program.history.get().history_user == lead_officer


def test_phase_end_before_start_is_refused(client, auth, body):
    body.update(phase_start=2030, phase_end=2026)

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "phase_end"], "msg": "Năm kết thúc giai đoạn không được trước năm bắt đầu."}
        ]
    }
    assert written() == (0, 0, 0, 0)


def test_program_without_lead_is_refused(client, auth, body):
    body["parties"][0]["role"] = "partner"

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "parties"], "msg": "Chương trình phải có một cơ quan chủ trì."}]
    }
    assert written() == (0, 0, 0, 0)


def test_program_with_two_leads_is_refused(client, auth, body):
    body["parties"][1]["role"] = "lead"

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "parties"], "msg": "Chương trình chỉ có một cơ quan chủ trì; đang có 2."}]
    }
    assert written() == (0, 0, 0, 0)


def test_duplicate_document_number_of_the_same_lead_is_refused(client, auth, body, lead_agency):
    f.make_program(lead_agency, document_number="03/CTr-BDT-MTTQ")
    before = written()
    body["document_number"] = "03/ctr-bdt-mttq"

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "document_number"],
                "msg": "Số, ký hiệu «03/ctr-bdt-mttq» đã được cơ quan chủ trì dùng cho chương trình khác.",
            }
        ]
    }
    assert written() == before


def test_same_document_number_of_another_lead_is_accepted(client, auth, body, other_agency):
    f.make_program(other_agency, document_number="03/CTr-BDT-MTTQ")

    response = post(client, auth, body)

    assert response.status_code == 201


def test_unknown_province_code_is_refused(client, auth, body):
    body["province_code"] = "999"

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "province_code"], "msg": "Không có tỉnh/thành phố mã «999»."}]
    }
    assert written() == (0, 0, 0, 0)


def test_provincial_program_without_province_is_refused_at_province_code(client, auth, body):
    body["province_code"] = None

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "province_code"], "msg": "Chương trình cấp tỉnh phải có tỉnh/thành phố."}]
    }
    assert written() == (0, 0, 0, 0)


def test_unknown_agency_ids_are_refused_at_their_field(client, auth, body):
    body["parties"][1]["agency_id"] = 987654
    body["content_areas"][0]["responsible_agency_id"] = 987655

    response = post(client, auth, body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "parties", 1, "agency_id"], "msg": "Không có cơ quan mã 987654."},
            {
                "loc": ["body", "content_areas", 0, "responsible_agency_id"],
                "msg": "Không có cơ quan mã 987655.",
            },
        ]
    }
    assert written() == (0, 0, 0, 0)


def test_malformed_body_keeps_ninja_format(client, auth, body):
    body["phase_start"] = "hai nghìn"

    response = post(client, auth, body)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "phase_start"]
    assert error["type"] == "int_parsing"
    assert written() == (0, 0, 0, 0)


def test_nfd_title_is_stored_nfc(client, auth, body):
    title = "Chương trình phối hợp công tác dân tộc vùng Tây Nam Bộ"
    body["title"] = unicodedata.normalize("NFD", title)
    assert body["title"] != title

    response = post(client, auth, body)

    assert response.status_code == 201
    assert response.json()["title"] == title
    assert Program.objects.get().title == title


def test_too_large_request_is_refused_before_reading(client, auth, body):
    response = client.post(
        URL, body, content_type="application/json", headers=auth, CONTENT_LENGTH=str(200 * 1024 * 1024)
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "Tệp tải lên quá lớn: tối đa 20 MB."}
    assert written() == (0, 0, 0, 0)


def test_patch_changes_only_the_fields_sent(client, auth, program, partner_agency):
    program.parties.filter(agency=partner_agency).update(signatory_name="Lê Thị Hoa")
    areas_before = list(program.content_areas.values_list("number", "title", "description"))

    response = client.patch(
        f"{URL}/{program.pk}",
        {"summary": "Tóm tắt công khai mới", "objectives": ["Mục tiêu một"]},
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 200
    program.refresh_from_db()
    assert (program.summary, program.objectives, program.phase_start, program.phase_end) == (
        "Tóm tắt công khai mới",
        ["Mục tiêu một"],
        2021,
        2025,
    )
    assert list(program.parties.values_list("agency_id", "role", "signatory_name")) == [
        (program.parties.get(role="lead").agency_id, "lead", "Trần Văn Minh"),
        (partner_agency.pk, "partner", "Lê Thị Hoa"),
    ]
    assert list(program.content_areas.values_list("number", "title", "description")) == areas_before


def test_patch_replaces_the_parts_sent(client, auth, program, lead_agency, partner_agency, other_agency):
    response = client.patch(
        f"{URL}/{program.pk}",
        {
            "parties": [
                {"agency_id": lead_agency.pk, "role": "lead"},
                {"agency_id": other_agency.pk, "role": "partner", "signatory_name": "Hoàng Văn Nam"},
            ],
            "content_areas": [{"number": 1, "title": "Tuyên truyền chính sách dân tộc (sửa)"}],
        },
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 200
    data = response.json()
    assert [(p["agency_id"], p["role"], p["signatory_name"]) for p in data["parties"]] == [
        (lead_agency.pk, "lead", "Trần Văn Minh"),  # a kept party keeps what was not sent
        (other_agency.pk, "partner", "Hoàng Văn Nam"),
    ]
    assert [(c["number"], c["title"]) for c in data["content_areas"]] == [
        (1, "Tuyên truyền chính sách dân tộc (sửa)")
    ]
    assert not program.parties.filter(agency=partner_agency).exists()


def test_patch_with_a_broken_rule_writes_nothing(client, auth, program):
    before = written()

    response = client.patch(
        f"{URL}/{program.pk}", {"phase_end": 2019}, content_type="application/json", headers=auth
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "phase_end"], "msg": "Năm kết thúc giai đoạn không được trước năm bắt đầu."}
        ]
    }
    assert written() == before
    program.refresh_from_db()
    assert program.phase_end == 2025


def test_partner_officer_patch_is_refused_whatever_the_body(client, bearer, partner_officer, program):
    response = client.patch(
        f"{URL}/{program.pk}",
        {"parties": [{"agency_id": 987654, "role": "lead"}]},
        content_type="application/json",
        headers=bearer(partner_officer),
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Chỉ cán bộ cơ quan chủ trì được sửa chương trình."}


def test_sign_in_the_future_is_refused(client, auth, program):
    tomorrow = dt.date.today() + dt.timedelta(days=2)

    response = client.post(
        f"{URL}/{program.pk}/sign",
        {"signed_on": tomorrow.isoformat()},
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "signed_on"], "msg": "Ngày ký không được ở tương lai."}]
    }
    program.refresh_from_db()
    assert (program.status, program.signed_on) == (Status.DRAFT, None)


def test_signing_twice_is_refused(client, auth, signed_program):
    response = client.post(
        f"{URL}/{signed_program.pk}/sign",
        {"signed_on": "2021-06-01"},
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "status"], "msg": "Chỉ ký được chương trình đang dự thảo (hiện: Đã ký kết)."}
        ]
    }
    signed_program.refresh_from_db()
    assert signed_program.signed_on == dt.date(2021, 5, 13)


def test_activating_a_draft_is_refused(client, auth, program):
    response = client.post(f"{URL}/{program.pk}/activate", headers=auth)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "status"], "msg": "Chỉ triển khai được chương trình đã ký (hiện: Dự thảo)."}
        ]
    }
