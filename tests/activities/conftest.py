import datetime as dt

import pytest

from phoihop.activities import services
from phoihop.reference.models import AdministrativeUnit, EthnicGroup


def group(code: str) -> EthnicGroup:
    return EthnicGroup.objects.get(code=code)


def commune(era: str = "current", province_code: str = "92") -> AdministrativeUnit:
    if era == "current":
        return AdministrativeUnit.objects.filter(
            era="current", level="commune", parent__code=province_code
        ).first()
    return (
        AdministrativeUnit.objects.filter(
            era="legacy", level="commune", parent__parent__code=province_code, successors__isnull=False
        )
        .order_by("code")
        .first()
    )


@pytest.fixture
def activity_data(partner_agency):
    """A training for 45 young Tày and Nùng people, organised by the partner agency."""

    def make(**overrides) -> services.ActivityInput:
        values = {
            "kind": "training",
            "title": "Tập huấn chính sách dân tộc cho đoàn viên thanh niên",
            "start_date": dt.date(2024, 3, 12),
            "end_date": dt.date(2024, 3, 13),
            "organiser": partner_agency,
            "total_participants": 45,
            "participation": [
                services.ParticipationInput(
                    count=20, ethnic_group=group("02"), sex="female", age_band="youth_16_30"
                ),
                services.ParticipationInput(
                    count=15, ethnic_group=group("07"), sex="male", age_band="youth_16_30"
                ),
            ],
            "localities": [services.LocalityInput(unit=commune("legacy"), written="xã Phú Thượng")],
            "budget_vnd": 35_000_000,
            "funding_source": "ntp_1719",
            "funding_detail": "Dự án 10",
            "outputs": [services.OutputInput(name="Học viên", unit="người", value=45)],
        }
        values.update(overrides)
        return services.ActivityInput(**values)

    return make
