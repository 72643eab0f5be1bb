"""Writing exemplars and recognitions: who may, every bad input at its field, history
with the acting user; the report selector's period."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from phoihop.activities import services as activity_services
from phoihop.people import selectors, services
from phoihop.people.models import Exemplar, Recognition
from tests import factories as f
from tests.people.conftest import group, person, recognition

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
THIS_YEAR = TODAY.year


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def test_create_stores_nfc_text_search_key_and_history(signed_program, lead_officer):
    exemplar = services.exemplar_create(
        program=signed_program,
        data=person(name="Tha\u0323ch Thi\u0323 Sa Ry  "),  # decomposed marks, trailing spaces
        by=lead_officer,
    )
    exemplar.refresh_from_db()
    assert exemplar.name == "Thạch Thị Sa Ry"
    assert exemplar.created_by == lead_officer
    assert " thach thi sa ry " in exemplar.search_text
    assert "lich hoi thuong" in exemplar.search_text
    record = exemplar.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        lead_officer,
        "Tạo mới",
    )


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"birth_year": 1899}, {"birth_year": [f"Năm sinh phải từ 1900 đến {THIS_YEAR}."]}),
        ({"birth_year": THIS_YEAR + 1}, {"birth_year": [f"Năm sinh phải từ 1900 đến {THIS_YEAR}."]}),
        (
            {"is_prestigious": True, "prestige_term_start": 2027, "prestige_term_end": 2023},
            {"prestige_term_end": ["Năm kết thúc nhiệm kỳ không được trước năm bắt đầu."]},
        ),
        (
            {"is_prestigious": True},
            {
                "prestige_term_start": ["Ghi năm bắt đầu nhiệm kỳ người có uy tín."],
                "prestige_term_end": ["Ghi năm kết thúc nhiệm kỳ người có uy tín."],
            },
        ),
        (
            {"is_prestigious": True, "prestige_term_start": 2023},
            {"prestige_term_end": ["Ghi năm kết thúc nhiệm kỳ người có uy tín."]},
        ),
        (
            {"prestige_term_start": 2023, "prestige_term_end": 2027},
            {"prestige_term_start": ["Chỉ ghi nhiệm kỳ khi là người có uy tín."]},
        ),
        (
            {"consent_date": None},
            {"consent_date": ["Ghi ngày người được biểu dương (hoặc đại diện tập thể) đồng ý công khai."]},
        ),
        (
            {"consent_date": TODAY + dt.timedelta(days=1)},
            {"consent_date": ["Ngày đồng ý không được sau hôm nay."]},
        ),
        (
            {"consent_to_publish": False},
            {
                "consent_date": [
                    "Đã ghi ngày đồng ý: đánh dấu «Đồng ý công khai», hoặc xóa ngày nếu chưa có đồng ý."
                ]
            },
        ),
        (
            {"kind": "collective", "sex": "female", "birth_year": 1990, "is_prestigious": True},
            {
                "sex": ["Tập thể, mô hình không ghi giới tính."],
                "birth_year": ["Tập thể, mô hình không ghi năm sinh."],
                "is_prestigious": ["Người có uy tín phải là cá nhân."],
                "prestige_term_start": ["Ghi năm bắt đầu nhiệm kỳ người có uy tín."],
                "prestige_term_end": ["Ghi năm kết thúc nhiệm kỳ người có uy tín."],
            },
        ),
        (
            {"kind": "family", "name": " ", "field": "", "achievements": "", "sex": "x"},
            {
                "kind": ["Chọn cá nhân hoặc tập thể, mô hình."],
                "name": ["Nhập tên cá nhân hoặc tập thể, mô hình."],
                "field": ["Chọn lĩnh vực tiêu biểu."],
                "achievements": ["Ghi thành tích tiêu biểu."],
                "sex": ["Giới tính không hợp lệ."],
            },
        ),
    ],
)
def test_bad_input_is_refused_at_its_field(signed_program, lead_officer, overrides, expected):
    errors = errors_of(
        lambda: services.exemplar_create(program=signed_program, data=person(**overrides), by=lead_officer)
    )
    assert errors == expected
    assert not Exemplar.objects.exists()


def test_locality_must_be_a_current_commune_or_province(signed_program, lead_officer):
    from phoihop.reference.models import AdministrativeUnit

    legacy = AdministrativeUnit.objects.filter(era="legacy", level="commune").first()
    district = AdministrativeUnit.objects.filter(level="district").first()
    for unit in (legacy, district):
        errors = errors_of(
            lambda unit=unit: services.exemplar_create(
                program=signed_program, data=person(locality=unit), by=lead_officer
            )
        )
        assert errors == {"locality": ["Địa bàn phải là xã, phường hoặc tỉnh, thành phố hiện hành."]}
    province = f.province("92")
    exemplar = services.exemplar_create(
        program=signed_program, data=person(locality=province), by=lead_officer
    )
    assert exemplar.locality == province


def test_a_collective_without_sex_or_birth_year_is_recorded(signed_program, lead_officer):
    exemplar = services.exemplar_create(
        program=signed_program,
        data=person(kind="collective", name="Tổ hợp tác thanh niên Hòa Tú", sex="", birth_year=None),
        by=lead_officer,
    )
    assert (exemplar.kind, exemplar.sex, exemplar.birth_year) == ("collective", "", None)


@pytest.mark.parametrize("writer", ["lead_officer", "leader", "partner_officer", "admin_user"])
def test_staff_of_any_party_and_admins_write(request, writer, signed_program):
    user = request.getfixturevalue(writer)
    exemplar = services.exemplar_create(program=signed_program, data=person(), by=user)
    services.exemplar_update(exemplar=exemplar, data=person(name="Thạch Thị Sa Ry (sửa)"), by=user)
    services.recognition_add(exemplar=exemplar, data=recognition(), by=user)
    services.exemplar_delete(exemplar=exemplar, by=user)
    assert not Exemplar.objects.exists()


@pytest.mark.parametrize("writer", ["editor", "other_officer"])
def test_editors_and_outsiders_may_not_write(request, writer, signed_program, consented):
    user = request.getfixturevalue(writer)
    for call in (
        lambda: services.exemplar_create(program=signed_program, data=person(), by=user),
        lambda: services.exemplar_update(exemplar=consented, data=person(name="x"), by=user),
        lambda: services.recognition_add(exemplar=consented, data=recognition(), by=user),
        lambda: services.recognition_delete(recognition=consented.recognitions.get(), by=user),
        lambda: services.exemplar_delete(exemplar=consented, by=user),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert Exemplar.objects.count() == 1 and Recognition.objects.count() == 1


def test_update_records_the_change_and_who_made_it(consented, partner_officer):
    services.exemplar_update(
        exemplar=consented,
        data=person(
            consent_to_publish=False, consent_date=None, consent_note="Rút lại đồng ý ngày 01/6/2025."
        ),
        by=partner_officer,
    )
    consented.refresh_from_db()
    assert consented.consent_to_publish is False
    latest = consented.history.first()
    assert (latest.history_type, latest.history_user) == ("~", partner_officer)
    changed = {c["field"] for c in selectors.exemplar_history(exemplar=consented)[0]["changes"]}
    assert changed == {"đồng ý công khai", "ngày đồng ý", "cách ghi nhận đồng ý"}


def test_recognition_linked_to_a_commendation_activity(consented, commendation, lead_officer):
    added = services.recognition_add(
        exemplar=consented, data=recognition(activity=commendation), by=lead_officer
    )
    assert added.activity == commendation
    assert added.history.get().history_user == lead_officer


def test_recognition_activity_must_be_a_commendation_of_the_same_program(
    consented, commendation, lead_officer, lead_agency, partner_agency, partner_officer, activity_data
):
    training = activity_services.activity_create(
        program=consented.program, data=activity_data(kind="training"), by=partner_officer
    )
    elsewhere = f.make_program(lead_agency, [partner_agency], status="signed")
    other_ceremony = activity_services.activity_create(
        program=elsewhere, data=activity_data(kind="commendation"), by=partner_officer
    )
    errors = errors_of(
        lambda: services.recognition_add(
            exemplar=consented, data=recognition(activity=training), by=lead_officer
        )
    )
    assert errors == {
        "activity": [
            "Hoạt động «Tập huấn chính sách dân tộc cho đoàn viên thanh niên» không phải hoạt động "
            "biểu dương, khen thưởng (là «Tập huấn, bồi dưỡng»)."
        ]
    }
    errors = errors_of(
        lambda: services.recognition_add(
            exemplar=consented, data=recognition(activity=other_ceremony), by=lead_officer
        )
    )
    assert errors == {"activity": ["Hoạt động không thuộc chương trình của điển hình này."]}
    assert consented.recognitions.count() == 1


def test_recognition_bad_input_at_every_field(consented, lead_officer):
    errors = errors_of(
        lambda: services.recognition_add(
            exemplar=consented,
            data=recognition(form="medalion", level="", issuer=" ", date=None),
            by=lead_officer,
        )
    )
    assert errors == {
        "form": ["Chọn hình thức khen thưởng."],
        "level": ["Chọn cấp khen thưởng."],
        "issuer": ["Ghi cơ quan hoặc người khen thưởng."],
        "date": ["Ghi ngày khen thưởng."],
    }
    errors = errors_of(
        lambda: services.recognition_add(
            exemplar=consented,
            data=recognition(date=TODAY + dt.timedelta(days=3)),
            by=lead_officer,
        )
    )
    assert errors == {"date": ["Ngày khen thưởng không được sau hôm nay."]}


def test_delete_keeps_every_deletion_in_the_history_with_the_user(consented, leader):
    exemplar_id, recognition_id = consented.pk, consented.recognitions.get().pk
    services.exemplar_delete(exemplar=consented, by=leader)
    assert not Exemplar.objects.exists() and not Recognition.objects.exists()
    assert Exemplar.history.get(id=exemplar_id, history_type="-").history_user == leader
    assert Recognition.history.get(id=recognition_id, history_type="-").history_user == leader


def test_exemplars_for_report_takes_the_period(signed_program, lead_officer, consented, private):
    # consented: recognised 05/12/2024; private: no recognition, recorded today.
    services.recognition_add(
        exemplar=consented, data=recognition(date=dt.date(2023, 3, 1), form="letter"), by=lead_officer
    )
    hoa = services.exemplar_create(
        program=signed_program,
        data=person(name="Tăng Chí Hùng", ethnic_group=group("04"), sex="male"),
        by=lead_officer,
    )
    services.recognition_add(exemplar=hoa, data=recognition(date=dt.date(2025, 8, 28)), by=lead_officer)

    def names(**period) -> list[tuple[str, list[str]]]:
        found = selectors.exemplars_for_report(program=signed_program, **period)
        return [(e.name, [r.date.isoformat() for r in e.recognitions.all()]) for e in found]

    assert names() == [
        ("Lâm Sô Phanh", []),
        ("Tăng Chí Hùng", ["2025-08-28"]),
        ("Thạch Thị Sa Ry", ["2024-12-05", "2023-03-01"]),
    ]
    assert names(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31)) == [
        ("Thạch Thị Sa Ry", ["2024-12-05"])
    ]
    assert names(date_from=TODAY, date_to=TODAY) == [("Lâm Sô Phanh", [])]
    assert names(date_to=dt.date(2023, 12, 31)) == [("Thạch Thị Sa Ry", ["2023-03-01"])]
