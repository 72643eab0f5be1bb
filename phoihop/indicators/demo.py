"""Demo indicators for the Cần Thơ program (loaded once)."""

from decimal import Decimal

from phoihop.indicators import services
from phoihop.indicators.services import IndicatorInput


def indicators_demo(*, program, by) -> int:
    if program.indicators.exists():
        return 0
    areas = {a.number: a for a in program.content_areas.all()}
    specs = [
        IndicatorInput(
            name="Người dân tộc thiểu số được tuyên truyền, phổ biến chính sách",
            unit="người",
            method="sum_participants",
            minority_only=True,
            kind="propaganda",
            content_area=areas.get(1),
            phase_target=Decimal(1000),
            year_targets={2024: Decimal(200), 2025: Decimal(200)},
        ),
        IndicatorInput(
            name="Mô hình kinh tế được hỗ trợ",
            unit="mô hình",
            method="sum_output",
            output_name="Mô hình kinh tế",
            content_area=areas.get(2),
            phase_target=Decimal(10),
        ),
        IndicatorInput(
            name="Lượt phụ nữ dân tộc thiểu số tham gia hoạt động",
            unit="lượt người",
            method="sum_participants",
            minority_only=True,
            sex="female",
            phase_target=Decimal(500),
        ),
        IndicatorInput(
            name="Tỷ lệ hộ nghèo trong đồng bào dân tộc thiểu số",
            unit="%",
            method="manual",
            direction="decrease",
            baseline=Decimal("8.2"),
            phase_target=Decimal("4"),
            content_area=areas.get(2),
        ),
    ]
    for data in specs:
        indicator = services.indicator_create(program=program, data=data, by=by)
    for year, value, source in [
        (2022, "7.1", "Báo cáo 25/BC-BDT ngày 20/12/2022"),
        (2024, "5.3", "Báo cáo 31/BC-BDT ngày 18/12/2024"),
    ]:
        services.indicator_record_value(
            indicator=indicator, year=year, value=Decimal(value), source=source, by=by
        )
    return len(specs)
