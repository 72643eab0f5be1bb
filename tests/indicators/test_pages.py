"""Indicator pages with every persona; defining an indicator with yearly targets from the
page; entering a value by hand; the table as CSV and XLSX."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.indicators.models import Indicator
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

LEAD_STAFF = {"lead_officer", "leader", "admin_user"}


def outcome(response):
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return "login"
    return response.status_code


def expected(name: str, allowed: set[str] | None, ok=200):
    if name == "anonymous":
        return "login"
    if name == "other_officer":
        return 404
    return ok if allowed is None or name in allowed else 403


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_page_for_every_persona(request, persona, client_as, indicators, signed_program):
    name = request.node.callspec.params["persona"]
    trainings, women, budget, poverty = indicators
    client = client_as(persona)
    pages = [
        ("get", reverse("indicators:list", args=[signed_program.pk]), None, 200),
        ("get", reverse("indicators:list", args=[signed_program.pk]) + "?format=csv", None, 200),
        ("get", reverse("indicators:detail", args=[trainings.pk]), None, 200),
        ("get", reverse("indicators:create", args=[signed_program.pk]), LEAD_STAFF, 200),
        ("get", reverse("indicators:edit", args=[trainings.pk]), LEAD_STAFF, 200),
        ("post", reverse("indicators:value", args=[poverty.pk]), LEAD_STAFF, 400),
        ("post", reverse("indicators:value_delete", args=[poverty.pk, 2023]), LEAD_STAFF, 302),
        ("post", reverse("indicators:delete", args=[budget.pk]), LEAD_STAFF, 302),
    ]
    for method, url, allowed, ok in pages:
        response = getattr(client, method)(url)
        assert outcome(response) == expected(name, allowed, ok), (url, response.status_code)
    # Refused deletes deleted nothing.
    assert Indicator.objects.filter(pk=budget.pk).exists() == (name not in LEAD_STAFF)


def test_draft_program_indicators_are_hidden_from_outsiders(client_as, other_officer, program):
    assert client_as(other_officer).get(reverse("indicators:list", args=[program.pk])).status_code == 404


def test_lead_defines_an_indicator_with_yearly_targets(client_as, lead_officer, signed_program, recorded):
    client = client_as(lead_officer)
    url = reverse("indicators:create", args=[signed_program.pk])
    form = {
        "name": "Người dân tộc thiểu số được tuyên truyền",
        "unit": "người",
        "content_area": "",
        "method": "sum_participants",
        "minority_only": "on",
        "kind": "propaganda",
        "baseline": "0",
        "phase_target": "1.200",
        "target_2022": "200",
        "target_2024": "300",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(name=form["name"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "indicators:detail", args=[indicator.pk]
    )
    assert sorted((t.year or 0, int(t.value)) for t in indicator.targets.all()) == [
        (0, 1200),
        (2022, 200),
        (2024, 300),
    ]
    page = client.get(reverse("indicators:list", args=[signed_program.pk])).content.decode()
    assert "Người dân tộc thiểu số được tuyên truyền" in page
    assert "5,0%" in page  # 60 of 1.200
    detail = client.get(response["Location"])
    years = {row["year"]: row for row in detail.context["years"]}
    assert (years[2022]["value"], years[2022]["target"], years[2022]["percent"]) == (60, 200, 30.0)


def test_form_errors_are_shown_at_their_fields(client_as, lead_officer, signed_program):
    client = client_as(lead_officer)
    response = client.post(
        reverse("indicators:create", args=[signed_program.pk]),
        {
            "name": "",
            "unit": "lớp",
            "method": "sum_output",
            "phase_target": "-3",
            "locality": "Không Có Xã Này",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["name"] == ["Trường này là bắt buộc."]
    assert errors["phase_target"] == ["Không được âm."]
    assert "Không tìm thấy xã/phường «Không Có Xã Này»" in errors["locality"][0]
    assert not Indicator.objects.exists()
    response = client.post(
        reverse("indicators:create", args=[signed_program.pk]),
        {"name": "Mô hình", "unit": "mô hình", "method": "sum_output"},
    )
    assert response.context["form"].errors["output_name"] == ["Nhập tên kết quả định lượng cần cộng."]


def test_value_entered_from_the_page(client_as, lead_officer, indicators):
    *_, poverty = indicators
    client = client_as(lead_officer)
    url = reverse("indicators:value", args=[poverty.pk])
    response = client.post(url, {"year": "2025", "value": "6,4", "source": "Báo cáo 30/BC-BDT"})
    assert response.status_code == 302
    assert poverty.manual_values.get(year=2025).value == Decimal("6.4")
    bad = client.post(url, {"year": "2025", "value": "", "source": ""})
    assert bad.status_code == 400
    assert bad.context["value_form"].errors == {
        "value": ["Nhập giá trị."],
        "source": ["Ghi nguồn số liệu (văn bản, báo cáo)."],
    }


def test_table_downloads(client_as, lead_officer, indicators, signed_program):
    client = client_as(lead_officer)
    url = reverse("indicators:list", args=[signed_program.pk])
    response = client.get(url, {"format": "csv", "year": "2024"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8").lstrip("\ufeff"))))
    assert rows[0][:4] == ["STT", "Chỉ tiêu", "Nội dung phối hợp", "Đơn vị tính"]
    assert rows[1][1] == "Số lớp tập huấn" and rows[1][6:9] == ["1", "1", "100.0"]
    response = client.get(url, {"format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(body(response)), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][1] == "Chỉ tiêu"
    assert (
        values[4][1] == "Tỷ lệ hộ nghèo vùng đồng bào"
        and values[4][6] == 8.1
        and values[4][9] == "Báo cáo 20/BC-BDT"
    )
