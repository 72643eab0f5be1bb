import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.programs import services
from phoihop.programs.models import ContentArea, Document, Party, Program
from tests import factories as f
from tests.core.test_uploads import ELF, PDF

pytestmark = pytest.mark.django_db


def data(lead, partners=(), **overrides) -> services.ProgramInput:
    values = {
        "title": "Chương trình phối hợp thực hiện công tác dân tộc giai đoạn 2026–2030",
        "phase_start": 2026,
        "phase_end": 2030,
        "province": f.province("92"),
        "parties": [services.PartyInput(agency=lead, role="lead", signatory_name="Trần Văn Minh")]
        + [services.PartyInput(agency=a, role="partner") for a in partners],
        "content_areas": [
            services.ContentAreaInput(
                number=1, title="Tuyên truyền chính sách dân tộc", responsible_agency=lead
            ),
            services.ContentAreaInput(number=2, title="Giảm nghèo bền vững"),
        ],
    }
    values.update(overrides)
    return services.ProgramInput(**values)


def test_program_create_writes_program_parties_and_areas(lead_officer, lead_agency, partner_agency):
    program = services.program_create(data=data(lead_agency, [partner_agency]), by=lead_officer)
    assert program.status == "draft"
    assert [(p.agency_id, p.role) for p in program.parties.all()] == [
        (lead_agency.pk, "lead"),
        (partner_agency.pk, "partner"),
    ]
    assert [c.number for c in program.content_areas.all()] == [1, 2]
    assert program.search_text.startswith(" chuong trinh phoi hop")
    assert " can tho " in program.search_text
    assert program.history.get().history_user == lead_officer


def test_phase_end_before_start_is_refused_and_nothing_is_written(lead_officer, lead_agency):
    with pytest.raises(ValidationError) as exc:
        services.program_create(data=data(lead_agency, phase_start=2025, phase_end=2021), by=lead_officer)
    assert exc.value.message_dict["phase_end"] == ["Năm kết thúc giai đoạn không được trước năm bắt đầu."]
    assert Program.objects.count() == 0


def test_a_program_without_lead_is_refused(lead_officer, lead_agency, partner_agency):
    parties = [services.PartyInput(agency=partner_agency, role="partner")]
    with pytest.raises(ValidationError) as exc:
        services.program_create(data=data(lead_agency, parties=parties), by=lead_officer)
    assert exc.value.message_dict["parties"] == ["Chương trình phải có một cơ quan chủ trì."]
    assert Program.objects.count() == 0 and Party.objects.count() == 0


def test_two_leads_are_refused(lead_officer, lead_agency, partner_agency):
    parties = [
        services.PartyInput(agency=lead_agency, role="lead"),
        services.PartyInput(agency=partner_agency, role="lead"),
    ]
    with pytest.raises(ValidationError) as exc:
        services.program_create(data=data(lead_agency, parties=parties), by=lead_officer)
    assert "chỉ có một cơ quan chủ trì" in exc.value.message_dict["parties"][0]
    assert Program.objects.count() == 0


def test_duplicate_document_number_for_the_same_lead_is_refused(lead_officer, lead_agency, partner_agency):
    services.program_create(data=data(lead_agency, document_number="01/CTr-BDT-MTTQ"), by=lead_officer)
    with pytest.raises(ValidationError) as exc:
        services.program_create(data=data(lead_agency, document_number="01/ctr-bdt-mttq"), by=lead_officer)
    assert "đã được cơ quan chủ trì dùng" in exc.value.message_dict["document_number"][0]
    assert Program.objects.count() == 1
    # Another lead agency may use the same number.
    officer = f.UserFactory(agency=partner_agency)
    services.program_create(data=data(partner_agency, document_number="01/CTr-BDT-MTTQ"), by=officer)
    assert Program.objects.count() == 2


def test_unknown_province_code_is_a_field_error():
    with pytest.raises(ValidationError) as exc:
        services.province_from_code("99x")
    assert exc.value.message_dict == {"province_code": ["Không có tỉnh/thành phố mã «99x»."]}


def test_nfd_text_is_stored_nfc(lead_officer, lead_agency):
    title = unicodedata.normalize("NFD", "Chương trình phối hợp tại Thái Nguyên")
    program = services.program_create(data=data(lead_agency, title=title), by=lead_officer)
    program.refresh_from_db()
    assert program.title == unicodedata.normalize("NFC", title)
    assert unicodedata.is_normalized("NFC", program.title)


def test_officer_cannot_create_a_program_led_by_another_agency(partner_officer, lead_agency):
    with pytest.raises(ValidationError) as exc:
        services.program_create(data=data(lead_agency), by=partner_officer)
    assert exc.value.message_dict["parties"] == ["Cơ quan chủ trì phải là cơ quan của bạn."]


def test_editor_cannot_create_programs(editor, lead_agency):
    with pytest.raises(PermissionDenied):
        services.program_create(data=data(lead_agency), by=editor)


def test_partner_officer_cannot_update(program, partner_officer, lead_agency):
    with pytest.raises(PermissionDenied):
        services.program_update(program=program, data=data(lead_agency), by=partner_officer)


def test_update_syncs_parties_and_areas_with_history(
    program, lead_officer, lead_agency, partner_agency, other_agency
):
    new = data(lead_agency, [other_agency])
    new.content_areas = [services.ContentAreaInput(number=2, title="Giảm nghèo, sinh kế")]
    services.program_update(program=program, data=new, by=lead_officer)
    assert set(program.parties.values_list("agency_id", flat=True)) == {lead_agency.pk, other_agency.pk}
    assert list(program.content_areas.values_list("number", "title")) == [(2, "Giảm nghèo, sinh kế")]
    deleted = Party.history.filter(program_id=program.pk, history_type="-").get()
    assert deleted.agency_id == partner_agency.pk and deleted.history_user == lead_officer
    assert ContentArea.history.filter(program_id=program.pk, history_type="-").count() == 1


def test_sign_activate_close(program, leader):
    services.program_sign(program=program, signed_on=dt.date(2021, 5, 13), by=leader)
    assert (program.status, program.signed_on) == ("signed", dt.date(2021, 5, 13))
    services.program_activate(program=program, by=leader)
    services.program_close(program=program, by=leader)
    assert Program.objects.get(pk=program.pk).status == "closed"
    reasons = list(program.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[-3:] == ["Ký kết", "Triển khai", "Kết thúc"]


def test_signing_twice_is_refused(signed_program, lead_officer):
    with pytest.raises(ValidationError, match="Chỉ ký được chương trình đang dự thảo"):
        services.program_sign(program=signed_program, signed_on=dt.date(2021, 6, 1), by=lead_officer)


def test_signing_in_the_future_is_refused(program, lead_officer):
    with pytest.raises(ValidationError) as exc:
        services.program_sign(
            program=program, signed_on=dt.date.today() + dt.timedelta(days=3), by=lead_officer
        )
    assert exc.value.message_dict["signed_on"] == ["Ngày ký không được ở tương lai."]


def test_delete_and_restore(program, lead_officer, other_officer):
    services.program_delete(program=program, by=lead_officer)
    assert not Program.objects.visible_to(lead_officer).filter(pk=program.pk).exists()
    assert Program.objects.deleted_visible_to(lead_officer).get() == program
    assert not Program.objects.deleted_visible_to(other_officer).exists()
    services.program_restore(program=program, by=lead_officer)
    assert Program.objects.visible_to(lead_officer).get() == program
    assert program.parties.count() == 2 and program.content_areas.count() == 2


def test_document_add_checks_content_and_duplicates(program, lead_officer, lead_agency):
    pdf = SimpleUploadedFile("chuong-trinh.pdf", PDF)
    document = services.document_add(
        program=program,
        by=lead_officer,
        number="01/CTr-BDT",
        date=dt.date(2021, 5, 13),
        type="CTr",
        issuer=lead_agency,
        upload=pdf,
    )
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert document.file.name.startswith(f"documents/{program.pk}/chuong-trinh")
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            program=program,
            by=lead_officer,
            number="01/CTr-BDT",
            date=dt.date(2021, 5, 13),
            type="CTr",
            issuer=lead_agency,
        )
    assert "đã có trong hệ thống" in exc.value.message_dict["number"][0]
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            program=program,
            by=lead_officer,
            number="02/KH-BDT",
            date=dt.date(2021, 6, 1),
            type="KH",
            issuer=lead_agency,
            upload=SimpleUploadedFile("ke-hoach.pdf", ELF),
        )
    assert "chương trình chạy được" in exc.value.message_dict["file"][0]
    assert Document.objects.count() == 1


def test_partner_may_comment_but_unrelated_officer_may_not(program, partner_officer, other_officer):
    services.comment_add(
        program=program, by=partner_officer, body="Đề nghị bổ sung nội dung về chuyển đổi số."
    )
    assert program.comments.count() == 1
    with pytest.raises(PermissionDenied):
        services.comment_add(program=program, by=other_officer, body="Ý kiến")


def test_restoring_a_program_whose_number_was_reused_is_refused(program, lead_officer, lead_agency):
    program.document_number = "07/CTr-BDT"
    program.save()
    services.program_delete(program=program, by=lead_officer)
    services.program_create(data=data(lead_agency, document_number="07/CTr-BDT"), by=lead_officer)
    with pytest.raises(ValidationError) as exc:
        services.program_restore(program=program, by=lead_officer)
    assert "07/CTr-BDT" in exc.value.message_dict["document_number"][0]
    program.refresh_from_db()
    assert program.deleted_at is not None


def test_an_agency_that_had_ceased_cannot_be_a_party(lead_officer, lead_agency, partner_agency, admin_user):
    from phoihop.agencies.services import agency_save, agency_succeed

    successor = agency_save(
        by=admin_user, name="Ủy ban MTTQ (mới)", kind=partner_agency.kind, level="province"
    )
    agency_succeed(old=partner_agency, new=successor, on=dt.date(2025, 7, 1), by=admin_user)
    partner_agency.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.program_create(data=data(lead_agency, [partner_agency]), by=lead_officer)
    message = exc.value.message_dict["parties"][0]
    assert "không hoạt động trong giai đoạn 2026–2030" in message and "Ủy ban MTTQ (mới)" in message
    # The same agency was fine for a program of its own time.
    services.program_create(
        data=data(lead_agency, [partner_agency], phase_start=2021, phase_end=2025), by=lead_officer
    )


def test_a_partner_signing_is_refused_before_the_date_is_looked_at(program, partner_officer):
    with pytest.raises(PermissionDenied):
        services.program_sign(program=program, signed_on=dt.date(2999, 1, 1), by=partner_officer)
