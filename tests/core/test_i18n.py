import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_by_default(client):
    response = client.get("/")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_english_is_available(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert 'lang="en"' in page and "Sign in" in page and "Coordination programs on ethnic affairs" in page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_shown_day_first(language):
    with translation.override(language):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }} {{ d|date }}').render(
            Context({"d": dt.date(2016, 12, 1)})
        )
    assert rendered == "01/12/2016 01/12/2016"


def test_numbers_use_vietnamese_grouping():
    with translation.override("vi"):
        rendered = Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 1234567}))
    assert rendered == "1.234.567"


def test_time_zone_is_ho_chi_minh(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_an_english_browser_still_gets_vietnamese(client):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()
