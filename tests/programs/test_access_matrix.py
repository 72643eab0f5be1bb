"""Every program page that the other tests reach with one or two users, here with all the
personas: what each may open or do, and that a refusal leaves nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.programs import services
from tests.conftest import PERSONAS
from tests.core.test_uploads import PDF

pytestmark = pytest.mark.django_db

LEAD_STAFF = {"lead_officer", "leader", "admin_user"}
PARTY_USERS = {"lead_officer", "leader", "editor", "partner_officer", "admin_user"}


def outcome(response) -> int | str:
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


def name_of(request) -> str:
    return request.node.callspec.params["persona"]


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_trash_page(request, persona, client_as, program, lead_officer):
    services.program_delete(program=program, by=lead_officer)
    response = client_as(persona).get(reverse("programs:trash"))
    name = name_of(request)
    if name == "anonymous":
        assert outcome(response) == "login"
        return
    assert response.status_code == 200
    assert (program.title in response.content.decode()) is (name in LEAD_STAFF)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_restore(request, persona, client_as, program, lead_officer):
    services.program_delete(program=program, by=lead_officer)
    response = client_as(persona).post(reverse("programs:restore", args=[program.pk]))
    name = name_of(request)
    expected = "login" if name == "anonymous" else (302 if name in LEAD_STAFF else 404)
    assert outcome(response) == expected
    program.refresh_from_db()
    assert (program.deleted_at is None) is (name in LEAD_STAFF)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_document_add(request, persona, client_as, signed_program, lead_agency):
    response = client_as(persona).post(
        reverse("programs:document_add", args=[signed_program.pk]),
        {
            "number": "03/KH-BDT",
            "date": "01/06/2021",
            "type": "KH",
            "issuer": lead_agency.pk,
            "file": SimpleUploadedFile("ke-hoach.pdf", PDF),
        },
    )
    name = name_of(request)
    expected = "login" if name == "anonymous" else (302 if name in LEAD_STAFF else 403)
    assert outcome(response) == expected
    assert signed_program.documents.count() == (1 if name in LEAD_STAFF else 0)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_document_file(request, persona, client_as, signed_program, lead_officer, lead_agency):
    import datetime as dt

    document = services.document_add(
        program=signed_program,
        by=lead_officer,
        number="04/BC-BDT",
        date=dt.date(2021, 12, 1),
        type="BC",
        issuer=lead_agency,
        upload=SimpleUploadedFile("bao-cao.pdf", PDF),
    )
    response = client_as(persona).get(
        reverse("programs:document_file", args=[signed_program.pk, document.pk])
    )
    name = name_of(request)
    expected = "login" if name == "anonymous" else (200 if name in PARTY_USERS else 404)
    assert outcome(response) == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_comment_add(request, persona, client_as, signed_program):
    response = client_as(persona).post(
        reverse("programs:comment_add", args=[signed_program.pk]), {"body": "Đề nghị bổ sung kế hoạch năm."}
    )
    name = name_of(request)
    commenters = {"lead_officer", "leader", "partner_officer", "admin_user"}
    expected = "login" if name == "anonymous" else (302 if name in commenters else 403)
    assert outcome(response) == expected
    assert signed_program.comments.count() == (1 if name in commenters else 0)


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_admin_site_is_for_administrators_only(request, persona, client_as):
    response = client_as(persona).get("/admin/")
    if name_of(request) == "admin_user":
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
