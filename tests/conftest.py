"""Shared fixtures: reference data in every test database, and the personas of
CONVENTIONS.md (lead officer, partner officer, unrelated officer, leader, news editor,
administrator, anonymous) around one program."""

import pytest

from tests import factories as f


def pytest_configure(config):
    from django.conf import settings

    # Hashing with the production hasher costs ~0.3 s a user; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by a test go to its own temporary folder, not the project's var/."""
    storages = dict(settings.STORAGES)
    storages["default"] = {**storages["default"], "OPTIONS": {"location": str(tmp_path / "media")}}
    settings.STORAGES = storages


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the public pages are cached per process)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the reference data, as `make run` does."""
    from phoihop.reference.services import refdata_load

    with django_db_blocker.unblock():
        refdata_load()


@pytest.fixture
def lead_agency(db):
    return f.AgencyFactory(
        name="Ban Dân tộc thành phố Cần Thơ", short_name="BDT", kind=f.kind("ethnic_affairs")
    )


@pytest.fixture
def partner_agency(db):
    return f.AgencyFactory(
        name="Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
        short_name="MTTQ",
        kind=f.kind("fatherland_front"),
    )


@pytest.fixture
def other_agency(db):
    return f.AgencyFactory(
        name="Tỉnh đoàn Thái Nguyên", short_name="TĐ", kind=f.kind("youth_union"), province=f.province("19")
    )


@pytest.fixture
def lead_officer(lead_agency):
    return f.UserFactory(username="lead_officer", agency=lead_agency, role="officer")


@pytest.fixture
def leader(lead_agency):
    return f.UserFactory(username="leader", agency=lead_agency, role="leader")


@pytest.fixture
def editor(lead_agency):
    return f.UserFactory(username="editor", agency=lead_agency, role="editor")


@pytest.fixture
def partner_officer(partner_agency):
    return f.UserFactory(username="partner_officer", agency=partner_agency, role="officer")


@pytest.fixture
def other_officer(other_agency):
    return f.UserFactory(username="other_officer", agency=other_agency, role="officer")


@pytest.fixture
def admin_user(db):
    return f.UserFactory(username="admin", agency=None, role="", is_superuser=True, is_staff=True)


@pytest.fixture
def program(lead_agency, partner_agency):
    """A draft program: lead = lead_agency, partner = partner_agency."""
    return f.make_program(lead_agency, [partner_agency])


@pytest.fixture
def signed_program(lead_agency, partner_agency):
    import datetime as dt

    return f.make_program(lead_agency, [partner_agency], status="signed", signed_on=dt.date(2021, 5, 13))


PERSONAS = ["anonymous", "lead_officer", "leader", "editor", "partner_officer", "other_officer", "admin_user"]


@pytest.fixture
def persona(request):
    """Use with @pytest.mark.parametrize("persona", PERSONAS, indirect=True): the user
    (None for anonymous)."""
    if request.param == "anonymous":
        return None
    return request.getfixturevalue(request.param)


@pytest.fixture
def client_as(client):
    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def libreoffice():
    """LibreOffice's path, for the PDF tests. Skips where it is not installed, except in CI
    (CI=true), where no test may be skipped for a missing tool."""
    import os

    from phoihop.reports.docx import libreoffice_path

    path = libreoffice_path()
    if path is None:
        message = (
            "LibreOffice không có: cài bằng apt-get install libreoffice-writer-nogui (PDF tests skipped)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"soffice is missing; in CI no test may be skipped for a missing tool. {message}")
        pytest.skip(message)
    return path
