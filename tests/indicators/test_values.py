"""Indicator values computed from the counted activities, targets by period, and the
services' refusals in Vietnamese."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.activities.models import ActivityFilter
from phoihop.activities.selectors import program_statistics
from phoihop.indicators import services
from phoihop.indicators.models import Indicator, Target
from phoihop.indicators.selectors import indicator_values, indicator_years
from phoihop.indicators.services import IndicatorInput
from tests.activities.conftest import commune, group
from tests.indicators.conftest import year

pytestmark = pytest.mark.django_db


def by_name(rows):
    return {row["name"]: row for row in rows}


def test_values_over_the_phase(indicators, signed_program):
    rows = by_name(indicator_values(program=signed_program))
    trainings = rows["Số lớp tập huấn"]
    assert (trainings["value"], trainings["target"], trainings["percent"], trainings["unit"]) == (
        1,
        4,
        25.0,
        "lớp",
    )
    # 20 Tày women aged 16–30; the Nùng men and the Khơ-me men do not count.
    women = rows["Phụ nữ dân tộc thiểu số trẻ được tập huấn"]
    assert (women["value"], women["target"], women["percent"]) == (20, 100, 20.0)
    assert rows["Kinh phí thực hiện"]["value"] == 40_000_000 and rows["Kinh phí thực hiện"]["target"] is None
    poverty = rows["Tỷ lệ hộ nghèo vùng đồng bào"]
    assert (poverty["value"], poverty["source"], poverty["baseline"], poverty["target"]) == (
        8.1,
        "Báo cáo 20/BC-BDT",
        12.5,
        5,
    )
    # Lower is better: down from 12,5% to 8,1% of the way to 5%: 4,4 / 7,5.
    assert poverty["percent"] == 58.7


def test_a_single_year_uses_its_own_target_and_values(indicators, signed_program):
    rows = by_name(indicator_values(program=signed_program, flt=ActivityFilter(**year(2024))))
    assert (rows["Số lớp tập huấn"]["value"], rows["Số lớp tập huấn"]["target"]) == (1, 1)
    assert rows["Số lớp tập huấn"]["percent"] == 100.0
    # No 2024 target for the budget, none for the phase either.
    assert rows["Kinh phí thực hiện"]["value"] == 35_000_000
    assert rows["Tỷ lệ hộ nghèo vùng đồng bào"]["value"] == 8.1
    rows_2023 = by_name(indicator_values(program=signed_program, flt=ActivityFilter(**year(2023))))
    assert rows_2023["Số lớp tập huấn"]["value"] == 0
    assert rows_2023["Số lớp tập huấn"]["target"] == 4  # no 2023 target: the phase's
    assert rows_2023["Tỷ lệ hộ nghèo vùng đồng bào"]["value"] == 9.8
    rows_2022 = by_name(indicator_values(program=signed_program, flt=ActivityFilter(**year(2022))))
    assert rows_2022["Tỷ lệ hộ nghèo vùng đồng bào"]["value"] is None


def test_submitted_activities_count_when_asked(indicators, signed_program):
    rows = by_name(
        indicator_values(program=signed_program, flt=ActivityFilter(statuses=("submitted", "accepted")))
    )
    assert rows["Số lớp tập huấn"]["value"] == 2


def test_statistics_carry_the_indicators(indicators, signed_program):
    stats = program_statistics(program=signed_program)
    assert [(i["name"], i["value"], i["target"]) for i in stats["indicators"]] == [
        ("Số lớp tập huấn", 1, 4),
        ("Phụ nữ dân tộc thiểu số trẻ được tập huấn", 20, 100),
        ("Kinh phí thực hiện", 40_000_000, None),
        ("Tỷ lệ hộ nghèo vùng đồng bào", 8.1, 5),
    ]
    # The dashboard's filters apply to computed values.
    partner_only = program_statistics(program=signed_program, kind="propaganda")
    assert [i["value"] for i in partner_only["indicators"][:3]] == [0, 0, 5_000_000]


def test_content_area_ethnic_group_locality_and_output_rules(recorded, signed_program, lead_officer):
    a, b, c, area1, area2 = recorded

    def value(**values):
        indicator = services.indicator_create(
            program=signed_program, data=IndicatorInput(unit="x", name="Thử", **values), by=lead_officer
        )
        return by_name(indicator_values(program=signed_program))["Thử"]["value"], indicator

    v, i = value(method="count_activities", content_area=area1)
    assert v == 1  # the propaganda session is the only accepted activity of area 1
    i.delete()
    v, i = value(method="sum_participants", ethnic_group=group("05"))
    assert v == 60
    i.delete()
    v, i = value(method="sum_participants", minority_only=True)
    assert v == 95
    i.delete()
    successor = a.localities.get().unit.successors.first()
    v, i = value(method="count_activities", locality=successor)
    assert v == 1
    i.delete()
    v, i = value(method="count_activities", locality=commune("current", province_code="01"))
    assert v == 0
    i.delete()
    # "học viên" matches the output "Học viên" whatever the case and diacritics.
    v, i = value(method="sum_output", output_name="hoc vien")
    assert v == 90  # both accepted activities record 45 trainees
    i.delete()


def test_years_table(indicators, signed_program):
    trainings, women, budget, poverty = indicators
    rows = indicator_years(indicator=trainings)
    assert [r["year"] for r in rows] == [2021, 2022, 2023, 2024, 2025]
    assert [(r["value"], r["cumulative"], r["target"]) for r in rows] == [
        (0, 0, None),
        (0, 0, None),
        (0, 0, None),
        (1, 1, 1),
        (0, 1, None),
    ]
    manual = indicator_years(indicator=poverty)
    assert [(r["year"], r["value"], r["source"]) for r in manual if r["value"] is not None] == [
        (2023, 9.8, "Báo cáo 15/BC-BDT"),
        (2024, 8.1, "Báo cáo 20/BC-BDT"),
    ]


def test_targets_are_replaced_not_duplicated(indicators, lead_officer):
    trainings, *_ = indicators
    data = IndicatorInput(
        name=trainings.name,
        unit=trainings.unit,
        method=trainings.method,
        kind="training",
        phase_target=Decimal(6),
        year_targets={2023: Decimal(2), 2024: None},
    )
    services.indicator_update(indicator=trainings, data=data, by=lead_officer)
    assert sorted((t.year or 0, t.value) for t in Target.objects.filter(indicator=trainings)) == [
        (0, Decimal(6)),
        (2023, Decimal(2)),
    ]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": " ", "method": "count_activities"}, "name", "Nhập tên chỉ tiêu."),
        ({"method": "guess"}, "method", "Cách tính không hợp lệ."),
        (
            {"method": "count_activities", "sex": "female"},
            "method",
            "Lọc theo dân tộc, giới tính, độ tuổi chỉ dùng khi cộng số người tham gia.",
        ),
        ({"method": "sum_output"}, "output_name", "Nhập tên kết quả định lượng cần cộng."),
        (
            {"method": "manual", "kind": "training"},
            "method",
            "Chỉ tiêu nhập tay không dùng bộ lọc hoạt động; bỏ các bộ lọc hoặc chọn cách tính khác.",
        ),
        (
            {"method": "count_activities", "phase_target": Decimal(-1)},
            "phase_target",
            "Chỉ tiêu không được âm.",
        ),
        (
            {"method": "count_activities", "year_targets": {2019: Decimal(1)}},
            "year_targets",
            "Năm 2019 nằm ngoài giai đoạn 2021–2025.",
        ),
    ],
)
def test_bad_definitions_are_refused_at_their_field(signed_program, lead_officer, values, field, message):
    data = IndicatorInput(**{"name": "Chỉ tiêu", "unit": "lớp", **values})
    with pytest.raises(ValidationError) as caught:
        services.indicator_create(program=signed_program, data=data, by=lead_officer)
    assert caught.value.message_dict[field] == [message]
    assert not Indicator.objects.exists()


def test_kinh_is_not_a_minority(signed_program, lead_officer):
    data = IndicatorInput(
        name="x", unit="người", method="sum_participants", ethnic_group=group("01"), minority_only=True
    )
    with pytest.raises(ValidationError) as caught:
        services.indicator_create(program=signed_program, data=data, by=lead_officer)
    assert caught.value.message_dict["ethnic_group"] == ["Dân tộc Kinh không phải dân tộc thiểu số."]


def test_partner_officer_cannot_define_indicators(signed_program, partner_officer):
    with pytest.raises(PermissionDenied):
        services.indicator_create(
            program=signed_program,
            data=IndicatorInput(name="x", unit="lớp", method="count_activities"),
            by=partner_officer,
        )


def test_manual_values_need_a_source_and_a_year_in_the_phase(indicators, lead_officer):
    trainings, women, budget, poverty = indicators
    with pytest.raises(ValidationError) as caught:
        services.indicator_record_value(
            indicator=poverty, year=2030, value=Decimal(-2), source=" ", by=lead_officer
        )
    assert caught.value.message_dict == {
        "year": ["Năm phải trong giai đoạn 2021–2025."],
        "value": ["Giá trị không được âm."],
        "source": ["Ghi nguồn số liệu (văn bản, báo cáo)."],
    }
    with pytest.raises(ValidationError) as caught:
        services.indicator_record_value(
            indicator=trainings, year=2024, value=Decimal(3), source="x", by=lead_officer
        )
    assert caught.value.message_dict["value"] == [
        "Chỉ tiêu này được tính tự động từ các hoạt động, không nhập tay."
    ]
    # A second value for the same year replaces the first.
    services.indicator_record_value(
        indicator=poverty, year=2024, value=Decimal("7.9"), source="BC 21", by=lead_officer
    )
    assert list(poverty.manual_values.values_list("year", "value")) == [
        (2023, Decimal("9.80")),
        (2024, Decimal("7.90")),
    ]


def test_progress_of_a_lower_is_better_indicator_without_baseline(indicators, lead_officer, signed_program):
    *_, poverty = indicators
    poverty.baseline = None
    poverty.save()
    row = by_name(indicator_values(program=signed_program))["Tỷ lệ hộ nghèo vùng đồng bào"]
    assert row["percent"] == round(5 * 100 / 8.1, 1)
