import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.activities import services
from phoihop.activities.models import Activity, Participation
from tests.activities.conftest import commune, group

pytestmark = pytest.mark.django_db


def test_partner_records_a_training_with_its_participants(signed_program, partner_officer, activity_data):
    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    assert activity.status == "draft" and activity.organiser == partner_officer.agency
    rows = sorted((p.ethnic_group.code, p.sex, p.count) for p in activity.participation.all())
    assert rows == [("02", "female", 20), ("07", "male", 15)]
    assert activity.localities.get().written == "xã Phú Thượng"
    assert activity.outputs.get().value == 45
    assert activity.history.get().history_user == partner_officer


def test_participation_above_the_total_is_refused_and_nothing_is_written(
    signed_program, partner_officer, activity_data
):
    with pytest.raises(ValidationError) as exc:
        services.activity_create(
            program=signed_program, data=activity_data(total_participants=30), by=partner_officer
        )
    assert exc.value.message_dict["participation"] == [
        "Cộng các dòng người tham gia (35) lớn hơn tổng số người tham gia (30)."
    ]
    assert Activity.objects.count() == 0 and Participation.objects.count() == 0


def test_negative_counts_end_before_start_and_outside_the_phase(
    signed_program, partner_officer, activity_data
):
    data = activity_data(
        start_date=dt.date(2030, 5, 2),
        end_date=dt.date(2030, 5, 1),
        participation=[services.ParticipationInput(count=-3, ethnic_group=group("02"))],
    )
    with pytest.raises(ValidationError) as exc:
        services.activity_create(program=signed_program, data=data, by=partner_officer)
    errors = exc.value.message_dict
    assert errors["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert errors["participation"] == ["Dòng 1: số người không được âm."]
    with pytest.raises(ValidationError) as exc:
        services.activity_create(
            program=signed_program,
            data=activity_data(start_date=dt.date(2027, 1, 5), end_date=dt.date(2027, 1, 5)),
            by=partner_officer,
        )
    assert exc.value.message_dict["start_date"] == [
        "Hoạt động nằm ngoài giai đoạn của chương trình (2021–2025)."
    ]


def test_a_commune_that_did_not_exist_on_the_date_is_refused(signed_program, partner_officer, activity_data):
    legacy = commune("legacy")
    data = activity_data(
        start_date=dt.date(2025, 8, 1),
        end_date=dt.date(2025, 8, 1),
        localities=[services.LocalityInput(unit=legacy)],
    )
    with pytest.raises(ValidationError) as exc:
        services.activity_create(program=signed_program, data=data, by=partner_officer)
    assert "không còn từ 01/07/2025" in exc.value.message_dict["localities"][0]
    current = commune("current")
    data = activity_data(localities=[services.LocalityInput(unit=current)])
    with pytest.raises(ValidationError) as exc:
        services.activity_create(program=signed_program, data=data, by=partner_officer)
    assert "chỉ có từ 01/07/2025" in exc.value.message_dict["localities"][0]


def test_no_activity_under_a_draft_program(program, partner_officer, activity_data):
    with pytest.raises(ValidationError) as exc:
        services.activity_create(program=program, data=activity_data(), by=partner_officer)
    assert exc.value.message_dict["program"] == ["Chương trình chưa ký kết: chưa ghi nhận hoạt động được."]


def test_a_partner_records_only_for_its_own_agency(
    signed_program, partner_officer, lead_agency, activity_data
):
    with pytest.raises(ValidationError) as exc:
        services.activity_create(
            program=signed_program, data=activity_data(organiser=lead_agency), by=partner_officer
        )
    assert exc.value.message_dict["organiser"] == ["Bạn chỉ ghi nhận được hoạt động của cơ quan mình."]


def test_lead_staff_may_record_for_a_partner(signed_program, lead_officer, activity_data):
    activity = services.activity_create(program=signed_program, data=activity_data(), by=lead_officer)
    assert activity.organiser != lead_officer.agency


def test_unrelated_officer_and_editor_cannot_record(signed_program, other_officer, editor, activity_data):
    for user in (other_officer, editor):
        with pytest.raises(PermissionDenied):
            services.activity_create(program=signed_program, data=activity_data(), by=user)


def test_submit_accept_flow_with_history(signed_program, partner_officer, lead_officer, activity_data):
    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    services.activity_submit(activity=activity, by=partner_officer)
    assert activity.status == "submitted" and activity.submitted_at is not None
    with pytest.raises(PermissionDenied):
        services.activity_accept(activity=activity, by=partner_officer)  # a partner accepting her own
    with pytest.raises(PermissionDenied):
        services.activity_update(
            activity=activity, data=activity_data(title="Sửa sau khi gửi"), by=partner_officer
        )
    services.activity_accept(activity=activity, by=lead_officer)
    activity.refresh_from_db()
    assert (activity.status, activity.reviewed_by) == ("accepted", lead_officer)
    reasons = list(activity.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["Tạo mới", "Gửi", "Xác nhận"]


def test_return_needs_a_comment_and_reopens_the_activity(
    signed_program, partner_officer, lead_officer, activity_data
):
    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    services.activity_submit(activity=activity, by=partner_officer)
    with pytest.raises(ValidationError) as exc:
        services.activity_return(activity=activity, by=lead_officer, comment="  ")
    assert exc.value.message_dict["comment"] == ["Ghi rõ lý do trả lại."]
    services.activity_return(activity=activity, by=lead_officer, comment="Bổ sung số người dân tộc Nùng.")
    assert activity.status == "returned"
    services.activity_update(activity=activity, data=activity_data(total_participants=50), by=partner_officer)
    services.activity_submit(activity=activity, by=partner_officer)
    assert Activity.objects.get().status == "submitted"


def test_a_partner_cannot_edit_another_agencys_activity(
    signed_program, lead_officer, lead_agency, partner_officer, activity_data
):
    activity = services.activity_create(
        program=signed_program, data=activity_data(organiser=lead_agency), by=lead_officer
    )
    with pytest.raises(PermissionDenied):
        services.activity_update(
            activity=activity, data=activity_data(organiser=lead_agency), by=partner_officer
        )


def test_accepting_a_draft_is_refused(signed_program, partner_officer, lead_officer, activity_data):
    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    with pytest.raises(ValidationError, match="Chỉ xác nhận hoặc trả lại hoạt động đã gửi"):
        services.activity_accept(activity=activity, by=lead_officer)


def test_external_key_is_unique_per_organiser(signed_program, partner_officer, activity_data):
    services.activity_create(
        program=signed_program, data=activity_data(external_key="R-001"), by=partner_officer
    )
    with pytest.raises(ValidationError) as exc:
        services.activity_create(
            program=signed_program, data=activity_data(external_key="R-001"), by=partner_officer
        )
    assert "R-001" in exc.value.message_dict["external_key"][0]


def test_visibility_is_decided_in_the_query(
    signed_program, partner_officer, other_officer, editor, activity_data
):
    from django.contrib.auth.models import AnonymousUser

    from phoihop.activities.selectors import activity_list

    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    assert list(activity_list(user=partner_officer)) == [activity]
    assert list(activity_list(user=editor)) == [activity]  # a party's user reads
    assert list(activity_list(user=other_officer)) == []
    assert list(activity_list(user=AnonymousUser())) == []
    assert list(activity_list(user=partner_officer, q="tap huan thanh nien")) == [activity]


def test_a_partner_returning_without_a_comment_is_refused_as_not_allowed(
    signed_program, partner_officer, activity_data
):
    activity = services.activity_create(program=signed_program, data=activity_data(), by=partner_officer)
    services.activity_submit(activity=activity, by=partner_officer)
    with pytest.raises(PermissionDenied):
        services.activity_return(activity=activity, by=partner_officer, comment="")
