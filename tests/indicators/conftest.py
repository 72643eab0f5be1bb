import datetime as dt
from decimal import Decimal

import pytest

from phoihop.indicators import services
from phoihop.indicators.services import IndicatorInput
from tests.activities.conftest import activity_data, group  # noqa: F401 - fixture re-exported
from tests.activities.test_statistics import recorded  # noqa: F401 - fixture re-exported


@pytest.fixture
def indicators(recorded, signed_program, lead_officer):  # noqa: F811
    """Four indicators over the recorded activities (an accepted 2024 training of 45, 20
    Tày women and 15 Nùng men, co-organised; an accepted 2022 propaganda session of 60
    Khơ-me men; a submitted training of 10):

    - trainings held, target 4 over the phase, 1 in 2024;
    - young ethnic-minority women reached, target 100;
    - budget spent, no target;
    - poverty rate entered by hand, 2023 and 2024 values."""
    area1, area2 = signed_program.content_areas.all()

    def make(**values):
        return services.indicator_create(
            program=signed_program, data=IndicatorInput(**values), by=lead_officer
        )

    trainings = make(
        name="Số lớp tập huấn",
        unit="lớp",
        method="count_activities",
        kind="training",
        phase_target=Decimal(4),
        year_targets={2024: Decimal(1)},
    )
    women = make(
        name="Phụ nữ dân tộc thiểu số trẻ được tập huấn",
        unit="người",
        method="sum_participants",
        sex="female",
        age_band="youth_16_30",
        minority_only=True,
        phase_target=Decimal(100),
    )
    budget = make(name="Kinh phí thực hiện", unit="đồng", method="sum_budget")
    poverty = make(
        name="Tỷ lệ hộ nghèo vùng đồng bào",
        unit="%",
        method="manual",
        direction="decrease",
        baseline=Decimal("12.5"),
        phase_target=Decimal("5"),
        content_area=area2,
    )
    services.indicator_record_value(
        indicator=poverty, year=2023, value=Decimal("9.8"), source="Báo cáo 15/BC-BDT", by=lead_officer
    )
    services.indicator_record_value(
        indicator=poverty, year=2024, value=Decimal("8.1"), source="Báo cáo 20/BC-BDT", by=lead_officer
    )
    return trainings, women, budget, poverty


def year(y: int) -> dict:
    return {"date_from": dt.date(y, 1, 1), "date_to": dt.date(y, 12, 31)}
